/// Pipeline figures set against the raw hop measured on the same cluster in the same run, so that results from
/// different (or differently loaded) machines compare: a rate as a fraction of the raw hop rate, and of the
/// hop-based target, the raw hop rate divided by the consume→produce hops an order takes.
public struct RawHopComparison: Sendable, Equatable {
    /// Messages per second through one consume→produce hop with no work (``RawHop``).
    public var rawHopPerSecond: Double
    /// Consume→produce hops between an order's first event and its last.
    public var hops: Int

    public init(rawHopPerSecond: Double, hops: Int) {
        precondition(hops > 0, "a pipeline has at least one hop")
        self.rawHopPerSecond = rawHopPerSecond
        self.hops = hops
    }

    /// The most orders per second a pipeline of ``hops`` hops could move if each hop cost what the raw one does.
    public var hopTargetPerSecond: Double { rawHopPerSecond / Double(hops) }

    /// Adds the raw hop, the hop count and the target under `prefix`, then `<name>_vs_raw_hop` and
    /// `<name>_vs_hop_target` for each of `rates` (name and value per second).
    public func add(to report: inout BenchmarkReport, prefix: String, rates: [(name: String, perSecond: Double)]) {
        report.add("\(prefix).raw_hop_msgs_per_s", rawHopPerSecond, decimals: 0)
        report.add("\(prefix).hops", "\(hops)")
        report.add("\(prefix).hop_target_orders_per_s", hopTargetPerSecond, decimals: 0)
        for rate in rates {
            report.add("\(prefix).\(rate.name)_vs_raw_hop", rate.perSecond / rawHopPerSecond, decimals: 5)
            report.add("\(prefix).\(rate.name)_vs_hop_target", rate.perSecond / hopTargetPerSecond, decimals: 5)
        }
    }
}
