/// A failure of a stage's handler, saying whether trying again can help.
///
/// Permanent errors (the input can never be processed: unparseable, wrong schema) go straight to
/// the stage's dead-letter topic; retriable ones are retried with backoff first. Errors of other
/// types count as retriable unless they say otherwise (`KafkaError.isRetriable`).
public struct StageError: Error, CustomStringConvertible, Sendable {
    /// A short machine-readable class, written to the `kontor-dlq-error-class` header.
    public struct ErrorClass: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The message body cannot be decoded at all.
        public static let unparseable = Self(rawValue: "unparseable")
        /// The body decodes but violates the schema or carries an unexpected event type.
        public static let schemaViolation = Self(rawValue: "schema-violation")
        /// A dependency (broker, store, partner system) failed; may work later.
        public static let transient = Self(rawValue: "transient")
        /// An error of a type the runtime does not know.
        public static let unexpected = Self(rawValue: "unexpected")

        public var description: String { rawValue }
    }

    public var errorClass: ErrorClass
    public var message: String
    public var isRetriable: Bool

    public init(_ errorClass: ErrorClass, _ message: String, isRetriable: Bool) {
        self.errorClass = errorClass
        self.message = message
        self.isRetriable = isRetriable
    }

    public static func unparseable(_ message: String) -> StageError {
        StageError(.unparseable, message, isRetriable: false)
    }

    public static func schemaViolation(_ message: String) -> StageError {
        StageError(.schemaViolation, message, isRetriable: false)
    }

    public static func transient(_ message: String) -> StageError {
        StageError(.transient, message, isRetriable: true)
    }

    public var description: String { "\(errorClass): \(message)" }
}
