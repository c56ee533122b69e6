import CRdKafka
import Foundation
import Logging

/// The single owner of one `rd_kafka_t` handle.
///
/// `deinit` destroys the handle (and, for consumers, the consumer queue first). The callback
/// context is retained here and released only after `rd_kafka_destroy` returned, so librdkafka's
/// threads can never call back into a freed context.
final class RDKafkaClient: @unchecked Sendable {
    enum Kind {
        case producer
        case consumer
    }

    /// The `rd_kafka_t *`; thread-safe per librdkafka's documentation.
    let pointer: OpaquePointer
    let kind: Kind
    let context: RDKafkaContext
    /// The consumer's queue (`rd_kafka_queue_get_consumer`), owned here; nil for producers.
    let consumerQueue: OpaquePointer?

    private init(pointer: OpaquePointer, kind: Kind, context: RDKafkaContext, consumerQueue: OpaquePointer?) {
        self.pointer = pointer
        self.kind = kind
        self.context = context
        self.consumerQueue = consumerQueue
    }

    deinit {
        if let consumerQueue {
            rd_kafka_queue_destroy(consumerQueue)
        }
        rd_kafka_destroy(pointer)
    }

    /// Creates a client; `configure` may install further callbacks on the configuration object.
    static func make(
        kind: Kind,
        properties: [String: String],
        context: RDKafkaContext,
        configure: (OpaquePointer) -> Void = { _ in }
    ) throws(KafkaError) -> RDKafkaClient {
        let conf = try RDKafkaConfig.make(properties)
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(context).toOpaque())
        rd_kafka_conf_set_log_cb(conf, rdKafkaLogCallback)
        rd_kafka_conf_set_error_cb(conf, rdKafkaErrorCallback)
        configure(conf)

        var errorText = [CChar](repeating: 0, count: 512)
        let type = kind == .producer ? RD_KAFKA_PRODUCER : RD_KAFKA_CONSUMER
        guard let handle = rd_kafka_new(type, conf, &errorText, errorText.count) else {
            // rd_kafka_new frees the configuration only when it succeeds.
            rd_kafka_conf_destroy(conf)
            let text = errorText.kafkaString
            throw KafkaError.client(.invalidConfiguration, "cannot create Kafka client: \(text)")
        }
        var queue: OpaquePointer?
        if kind == .consumer {
            // Route every event (rebalances, errors, logs) through the consumer queue we poll.
            rd_kafka_poll_set_consumer(handle)
            queue = rd_kafka_queue_get_consumer(handle)
        }
        return RDKafkaClient(pointer: handle, kind: kind, context: context, consumerQueue: queue)
    }

    /// The client's fatal error, if librdkafka raised one (idempotence or transaction failures).
    func fatalError() -> KafkaError? {
        var text = [CChar](repeating: 0, count: 512)
        let err = rd_kafka_fatal_error(pointer, &text, text.count)
        guard err != RD_KAFKA_RESP_ERR_NO_ERROR else { return nil }
        let message = text.kafkaString
        return KafkaError(code: KafkaErrorCode(rawValue: err.rawValue), message: message, isFatal: true)
    }
}

/// What librdkafka's callbacks reach through their `opaque` pointer.
final class RDKafkaContext: Sendable {
    let logger: Logger
    let onDelivery: (@Sendable (UnsafePointer<rd_kafka_message_t>) -> Void)?
    let onRebalance:
        (
            @Sendable (OpaquePointer, rd_kafka_resp_err_t, UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) ->
                Void
        )?

    init(
        logger: Logger,
        onDelivery: (@Sendable (UnsafePointer<rd_kafka_message_t>) -> Void)? = nil,
        onRebalance: (
            @Sendable (OpaquePointer, rd_kafka_resp_err_t, UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) ->
                Void
        )? = nil
    ) {
        self.logger = logger
        self.onDelivery = onDelivery
        self.onRebalance = onRebalance
    }

    static func from(_ opaque: UnsafeMutableRawPointer?) -> RDKafkaContext? {
        guard let opaque else { return nil }
        return Unmanaged<RDKafkaContext>.fromOpaque(opaque).takeUnretainedValue()
    }
}

// MARK: - C callbacks (no captures: they find their context through the opaque pointer)

private let rdKafkaLogCallback:
    @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Void =
        { handle, level, facility, message in
            guard let handle, let context = RDKafkaContext.from(rd_kafka_opaque(handle)) else { return }
            let swiftLevel: Logger.Level =
                switch level {
                case ...2: .critical
                case 3: .error
                case 4: .warning
                case 5: .notice
                case 6: .debug
                default: .trace
                }
            context.logger.log(
                level: swiftLevel,
                "\(message.map { String(cString: $0) } ?? "")",
                metadata: ["kafka.facility": "\(facility.map { String(cString: $0) } ?? "")"]
            )
        }

private let rdKafkaErrorCallback:
    @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafeMutableRawPointer?) -> Void =
        { _, code, reason, opaque in
            guard let context = RDKafkaContext.from(opaque) else { return }
            let name = String(cString: rd_kafka_err2name(rd_kafka_resp_err_t(rawValue: code)))
            context.logger.warning(
                "Kafka client error: \(reason.map { String(cString: $0) } ?? "")",
                metadata: ["kafka.error": "\(name)"]
            )
        }

/// Reads a C string buffer filled by librdkafka.
extension Array where Element == CChar {
    var kafkaString: String {
        String(decoding: prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
