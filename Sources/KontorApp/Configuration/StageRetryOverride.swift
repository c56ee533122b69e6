import KontorWorkers

/// What `workers.<stage>.retry.*` changes in the default retry policy (`workers.retry.*`) for one stage; nil keeps
/// the default's value, whichever order the keys were given in.
public struct StageRetryOverride: Sendable, Hashable {
    public var maxAttempts: Int?
    public var initialBackoff: Duration?
    public var maxBackoff: Duration?
    public var retryable: Set<StageError.ErrorClass>?

    public init() {}

    /// `policy` with the values set here.
    public func applied(to policy: RetryPolicy) -> RetryPolicy {
        var result = policy
        if let maxAttempts { result.maxAttempts = maxAttempts }
        if let initialBackoff { result.initialBackoff = initialBackoff }
        if let maxBackoff { result.maxBackoff = maxBackoff }
        if let retryable { result.retryable = retryable }
        return result
    }
}

extension KontorConfiguration {
    /// The retry policy of `stage`: `workers.retry.*`, changed by `workers.<stage>.retry.*`.
    public func retryPolicy(stage: String) -> RetryPolicy {
        stageRetry[stage].map { $0.applied(to: retry) } ?? retry
    }
}

extension ConfigurationKeys {
    /// `workers.<stage>.retry.maxAttempts`, `.initialBackoffMs`, `.maxBackoffMs` and `.retryable` of every stage.
    static var stageRetryKeys: [Key] {
        KontorWorkerCatalog.names.flatMap { stage -> [Key] in
            let prefix = "workers.\(stage).retry."
            return [
                Key(
                    path: prefix + "maxAttempts",
                    summary: "\(stage): attempts before dead-lettering (default workers.retry)"
                ) { configuration, text in
                    configuration.stageRetry[stage, default: StageRetryOverride()].maxAttempts = try int(
                        text,
                        prefix + "maxAttempts",
                        in: 1...1000
                    )
                },
                Key(path: prefix + "initialBackoffMs", summary: "\(stage): first retry delay (default workers.retry)") {
                    configuration,
                    text in
                    configuration.stageRetry[stage, default: StageRetryOverride()].initialBackoff = .milliseconds(
                        try int(text, prefix + "initialBackoffMs", in: 0...600_000)
                    )
                },
                Key(path: prefix + "maxBackoffMs", summary: "\(stage): longest retry delay (default workers.retry)") {
                    configuration,
                    text in
                    configuration.stageRetry[stage, default: StageRetryOverride()].maxBackoff = .milliseconds(
                        try int(text, prefix + "maxBackoffMs", in: 0...3_600_000)
                    )
                },
                Key(path: prefix + "retryable", summary: "\(stage): error classes retried (default workers.retry)") {
                    configuration,
                    text in
                    configuration.stageRetry[stage, default: StageRetryOverride()].retryable = try retryableClasses(
                        text,
                        prefix + "retryable"
                    )
                },
            ]
        }
    }

    /// A list of retryable error classes: `transient` and `unexpected`; the permanent classes are refused by name.
    static func retryableClasses(_ text: String, _ path: String) throws(ConfigurationError) -> Set<
        StageError.ErrorClass
    > {
        var classes: Set<StageError.ErrorClass> = []
        for name in list(text) {
            let errorClass = StageError.ErrorClass(rawValue: name)
            if errorClass == .unparseable || errorClass == .schemaViolation {
                throw ConfigurationError("\(path): '\(name)' is a permanent error class and is never retried")
            }
            guard RetryPolicy.defaultRetryable.contains(errorClass) else {
                throw ConfigurationError("\(path): unknown error class '\(name)' (transient, unexpected)")
            }
            classes.insert(errorClass)
        }
        return classes
    }
}
