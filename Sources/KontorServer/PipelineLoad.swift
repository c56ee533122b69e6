/// What ingest asks before accepting work: how far behind the pipeline's consumers are.
public protocol PipelineLoad: Sendable {
    /// Messages produced to pipeline topics but not yet consumed by their workers; nil when unknown.
    var currentLag: Int64? { get }
}

/// A load that never pushes back (for tests and tools).
public struct NoPipelineLoad: PipelineLoad {
    public init() {}
    public var currentLag: Int64? { nil }
}
