/// When `kontor run` publishes unfinished orders again at startup (`pipeline.redriveOnStart`).
public enum RedriveOnStart: String, Sendable, CaseIterable {
    /// Only with the embedded cluster, which is empty after a restart (the default). An external Kafka keeps its log.
    case embedded
    /// With any cluster, e.g. after an external cluster lost its data.
    case always
    /// Never.
    case never

    /// Whether to re-drive with this cluster.
    func applies(embeddedCluster: Bool) -> Bool {
        switch self {
        case .embedded: embeddedCluster
        case .always: true
        case .never: false
        }
    }
}
