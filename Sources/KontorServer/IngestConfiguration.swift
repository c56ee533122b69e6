/// Limits of the HTTP ingest edge.
public struct IngestConfiguration: Sendable {
    /// Larger request bodies are refused with 413.
    public var maxBodyBytes: Int = 1_048_576
    /// When the pipeline's unconsumed backlog passes this many messages, ingest answers 503 with
    /// Retry-After instead of accepting more (the embedded cluster trims partitions beyond
    /// ~100,000 messages, so the bound stays well below that per topic).
    public var maxPipelineLag: Int64 = 20_000
    /// The Retry-After value sent with 503 answers.
    public var retryAfterSeconds: Int = 5

    public init() {}
}
