import CRdKafka

/// The one error type of the Kafka layer: every librdkafka failure surfaces as a `KafkaError`
/// carrying librdkafka's own error code, its symbolic name and message.
public struct KafkaError: Error, CustomStringConvertible, Sendable {
    /// librdkafka's error code (`rd_kafka_resp_err_t`); negative values are client-internal.
    public let code: KafkaErrorCode
    /// librdkafka's message, or Kontor's explanation where it adds context.
    public let message: String
    /// Whether retrying the same operation may succeed (broker down, timeout, queue full...).
    public let isRetriable: Bool
    /// Whether the client instance is unusable and must be recreated.
    public let isFatal: Bool
    /// Where the error was raised in Kontor.
    public let file: String
    public let line: Int

    public init(
        code: KafkaErrorCode,
        message: String,
        isRetriable: Bool? = nil,
        isFatal: Bool = false,
        file: String = #fileID,
        line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.isRetriable = isRetriable ?? code.isTransient
        self.isFatal = isFatal
        self.file = file
        self.line = line
    }

    public var description: String {
        "KafkaError(\(code.name) [\(code.rawValue)]): \(message)"
    }

    /// Wraps a plain librdkafka response code.
    static func rdKafka(
        _ err: rd_kafka_resp_err_t,
        context: String? = nil,
        file: String = #fileID,
        line: Int = #line
    ) -> KafkaError {
        let code = KafkaErrorCode(rawValue: err.rawValue)
        let text = String(cString: rd_kafka_err2str(err))
        let message = context.map { "\($0): \(text)" } ?? text
        return KafkaError(code: code, message: message, file: file, line: line)
    }

    /// Takes ownership of an `rd_kafka_error_t` (as returned by the transactional API) and frees it.
    static func consuming(
        _ error: OpaquePointer,
        context: String? = nil,
        file: String = #fileID,
        line: Int = #line
    ) -> KafkaError {
        defer { rd_kafka_error_destroy(error) }
        let code = KafkaErrorCode(rawValue: rd_kafka_error_code(error).rawValue)
        let text = String(cString: rd_kafka_error_string(error))
        return KafkaError(
            code: code,
            message: context.map { "\($0): \(text)" } ?? text,
            isRetriable: rd_kafka_error_is_retriable(error) != 0,
            isFatal: rd_kafka_error_is_fatal(error) != 0,
            file: file,
            line: line
        )
    }

    /// An error raised by Kontor's own use of the client (bad configuration, shut down...).
    static func client(
        _ code: KafkaErrorCode,
        _ message: String,
        file: String = #fileID,
        line: Int = #line
    ) -> KafkaError {
        KafkaError(code: code, message: message, isRetriable: false, file: file, line: line)
    }
}

/// A librdkafka error code (`rd_kafka_resp_err_t`) with the codes Kontor acts on named.
public struct KafkaErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let noError = Self(rawValue: RD_KAFKA_RESP_ERR_NO_ERROR.rawValue)
    public static let invalidArgument = Self(rawValue: RD_KAFKA_RESP_ERR__INVALID_ARG.rawValue)
    public static let timedOut = Self(rawValue: RD_KAFKA_RESP_ERR__TIMED_OUT.rawValue)
    public static let queueFull = Self(rawValue: RD_KAFKA_RESP_ERR__QUEUE_FULL.rawValue)
    public static let messageTimedOut = Self(rawValue: RD_KAFKA_RESP_ERR__MSG_TIMED_OUT.rawValue)
    public static let transport = Self(rawValue: RD_KAFKA_RESP_ERR__TRANSPORT.rawValue)
    public static let allBrokersDown = Self(rawValue: RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN.rawValue)
    public static let autoOffsetReset = Self(rawValue: RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET.rawValue)
    public static let offsetOutOfRange = Self(rawValue: RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE.rawValue)
    public static let state = Self(rawValue: RD_KAFKA_RESP_ERR__STATE.rawValue)
    public static let noOffset = Self(rawValue: RD_KAFKA_RESP_ERR__NO_OFFSET.rawValue)
    public static let fatal = Self(rawValue: RD_KAFKA_RESP_ERR__FATAL.rawValue)
    public static let destroyed = Self(rawValue: RD_KAFKA_RESP_ERR__DESTROY.rawValue)
    public static let unknownTopicOrPartition = Self(rawValue: RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART.rawValue)
    public static let topicAlreadyExists = Self(rawValue: RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS.rawValue)
    public static let notLeaderForPartition = Self(rawValue: RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION.rawValue)
    public static let leaderNotAvailable = Self(rawValue: RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE.rawValue)
    public static let requestTimedOut = Self(rawValue: RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT.rawValue)
    public static let notEnoughReplicas = Self(rawValue: RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS.rawValue)
    public static let coordinatorNotAvailable = Self(rawValue: RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE.rawValue)
    public static let messageSizeTooLarge = Self(rawValue: RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE.rawValue)
    public static let invalidConfiguration = Self(rawValue: RD_KAFKA_RESP_ERR__INVALID_TYPE.rawValue)
    public static let shutDown = Self(rawValue: RD_KAFKA_RESP_ERR__DESTROY.rawValue)

    /// librdkafka's symbolic name, e.g. `_MSG_TIMED_OUT` or `NOT_LEADER_FOR_PARTITION`.
    public var name: String {
        String(cString: rd_kafka_err2name(rd_kafka_resp_err_t(rawValue: rawValue)))
    }

    public var description: String { name }

    /// Codes for conditions that go away by themselves (broker restarts, leader moves, timeouts).
    var isTransient: Bool {
        switch self {
        case .timedOut, .queueFull, .messageTimedOut, .transport, .allBrokersDown, .notLeaderForPartition,
            .leaderNotAvailable, .requestTimedOut, .notEnoughReplicas, .coordinatorNotAvailable:
            true
        default:
            false
        }
    }
}
