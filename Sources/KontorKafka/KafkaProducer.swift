import CRdKafka
import Dispatch
import Foundation
import Logging
import Synchronization

/// An idempotent Kafka producer whose `send` returns once the broker acknowledged the message.
///
/// The producer owns one librdkafka handle and one poll thread that serves delivery reports.
/// Call ``shutdown(flushTimeout:)`` before dropping it: it flushes what is queued, fails what
/// could not be delivered, and stops the thread.
public final class KafkaProducer: Sendable {
    public let configuration: KafkaProducerConfiguration
    private let client: RDKafkaClient
    private let deliveries: DeliveryTracker
    private let pollThread: RDKafkaPollThread
    private let isShutDown = Atomic<Bool>(false)
    private let logger: Logger

    public init(configuration: KafkaProducerConfiguration, logger: Logger) throws(KafkaError) {
        let deliveries = DeliveryTracker()
        let context = RDKafkaContext(
            logger: logger,
            onDelivery: { deliveries.handleDeliveryReport($0, logger: logger) }
        )
        self.client = try RDKafkaClient.make(kind: .producer, properties: configuration.properties, context: context) {
            rd_kafka_conf_set_dr_msg_cb($0, producerDeliveryCallback)
        }
        self.configuration = configuration
        self.deliveries = deliveries
        self.logger = logger
        self.pollThread = RDKafkaPollThread(client: client, name: "kontor-kafka-producer")
    }

    deinit {
        pollThread.stop()
    }

    /// Produces one message and waits for the broker's acknowledgement.
    /// - Throws: `KafkaError` when the message could not be queued or was not delivered in time.
    @discardableResult
    public func send(_ message: KafkaProducerMessage) async throws(KafkaError) -> KafkaDeliveryReport {
        let outcome = await withCheckedContinuation {
            (continuation: CheckedContinuation<DeliveryTracker.Outcome, Never>) in
            let id = deliveries.register(.single(continuation))
            do throws(KafkaError) {
                try enqueue(message, id: id)
            } catch {
                deliveries.complete(id, with: .failure(error))
            }
        }
        return try outcome.get()
    }

    /// Produces all messages at once and waits for every acknowledgement; results keep the order.
    /// Messages to one partition are written in the order given.
    public func send(_ messages: [KafkaProducerMessage]) async -> [Result<KafkaDeliveryReport, KafkaError>] {
        guard !messages.isEmpty else { return [] }
        let batch = BatchWaiter(count: messages.count)
        for (index, message) in messages.enumerated() {
            let id = deliveries.register(.batch(batch, index: index))
            do throws(KafkaError) {
                try enqueue(message, id: id)
            } catch {
                deliveries.complete(id, with: .failure(error))
            }
        }
        return await withCheckedContinuation { batch.wait($0) }
    }

    /// Queues a message without waiting for its acknowledgement (fire and forget); a delivery
    /// failure is only logged. For load generators and tools, not for pipeline effects.
    public func produce(_ message: KafkaProducerMessage) throws(KafkaError) {
        try enqueue(message, id: 0)
    }

    /// Hands the message to librdkafka, waiting while its local queue is full.
    private func enqueue(_ message: KafkaProducerMessage, id: UInt) throws(KafkaError) {
        guard !isShutDown.load(ordering: .relaxed) else {
            throw .client(.shutDown, "producer is shut down")
        }
        var attempt = 0
        while true {
            let err = produce(message, opaque: UnsafeMutableRawPointer(bitPattern: id))
            if err == RD_KAFKA_RESP_ERR_NO_ERROR { return }
            if err == RD_KAFKA_RESP_ERR__QUEUE_FULL, attempt < 10_000 {
                // The poll thread drains delivery reports meanwhile; back off briefly.
                attempt += 1
                usleep(1000)
                continue
            }
            throw .rdKafka(err, context: "cannot produce to \(message.topic)")
        }
    }

    private func produce(_ message: KafkaProducerMessage, opaque: UnsafeMutableRawPointer?) -> rd_kafka_resp_err_t {
        let headers: OpaquePointer? = message.headers.isEmpty ? nil : rd_kafka_headers_new(message.headers.count)
        for header in message.headers {
            if let value = header.value {
                _ = value.withUnsafeBytes { rd_kafka_header_add(headers, header.key, -1, $0.baseAddress, $0.count) }
            } else {
                _ = rd_kafka_header_add(headers, header.key, -1, nil, 0)
            }
        }
        let partition = message.partition ?? RD_KAFKA_PARTITION_UA
        let err = message.value.withUnsafeBytes { value in
            if let key = message.key {
                return key.withUnsafeBytes { key in
                    kontor_rd_kafka_produce(
                        client.pointer,
                        message.topic,
                        partition,
                        key.baseAddress,
                        key.count,
                        value.baseAddress,
                        value.count,
                        headers,
                        opaque
                    )
                }
            }
            return kontor_rd_kafka_produce(
                client.pointer,
                message.topic,
                partition,
                nil,
                0,
                value.baseAddress,
                value.count,
                headers,
                opaque
            )
        }
        // librdkafka takes the headers only when the message was accepted.
        if err != RD_KAFKA_RESP_ERR_NO_ERROR, let headers {
            rd_kafka_headers_destroy(headers)
        }
        return err
    }

    /// Waits until every queued message is delivered or `timeout` passes.
    public func flush(timeout: Duration = .seconds(10)) async throws(KafkaError) {
        let client = self.client
        let err = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: rd_kafka_flush(client.pointer, Int32(clamping: timeout.milliseconds)))
            }
        }
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw .rdKafka(err, context: "flush left \(rd_kafka_outq_len(client.pointer)) messages undelivered")
        }
    }

    /// Messages queued or in flight.
    public var pendingCount: Int { Int(rd_kafka_outq_len(client.pointer)) }

    /// Flushes, fails the sends that could not be delivered in `flushTimeout`, and stops polling.
    /// The producer refuses new messages from the first call on; later calls do nothing.
    public func shutdown(flushTimeout: Duration = .seconds(10)) async {
        guard !isShutDown.exchange(true, ordering: .acquiringAndReleasing) else { return }
        do {
            try await flush(timeout: flushTimeout)
        } catch {
            logger.warning("producer shut down with undelivered messages; their senders get errors: \(error)")
            // Purged messages come back as failed delivery reports, so every waiter is answered.
            rd_kafka_purge(client.pointer, Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT))
            try? await flush(timeout: .seconds(1))
        }
        pollThread.stop()
    }

    // MARK: Transactions

    /// Registers the transactional id with the coordinator; call once before the first transaction.
    ///
    /// - Important: librdkafka 2.0.2's embedded cluster does not hide aborted transactions from
    ///   `read_committed` consumers, so Kontor's correctness never rests on transactions: workers are
    ///   at-least-once with idempotent effects. Transactions are offered for deployments on real brokers.
    public func initTransactions(timeout: Duration = .seconds(30)) async throws(KafkaError) {
        try await transactionCall("init transactions") { rd_kafka_init_transactions($0, Int32(timeout.milliseconds)) }
    }

    public func beginTransaction() throws(KafkaError) {
        if let error = rd_kafka_begin_transaction(client.pointer) {
            throw KafkaError.consuming(error, context: "begin transaction")
        }
    }

    /// Adds the consumer's processed positions to the current transaction.
    public func sendOffsetsToTransaction(
        _ offsets: [KafkaTopicPartition: Int64],
        of consumer: KafkaConsumer,
        timeout: Duration = .seconds(30)
    ) async throws(KafkaError) {
        let list = RDKafkaTopicPartitionList(capacity: offsets.count)
        for (partition, offset) in offsets {
            list.add(partition, offset: offset)
        }
        let metadata = SendablePointer(rd_kafka_consumer_group_metadata(consumer.client.pointer)!)
        defer { rd_kafka_consumer_group_metadata_destroy(metadata.pointer) }
        try await transactionCall("send offsets to transaction") {
            rd_kafka_send_offsets_to_transaction($0, list.pointer, metadata.pointer, Int32(timeout.milliseconds))
        }
    }

    public func commitTransaction(timeout: Duration = .seconds(30)) async throws(KafkaError) {
        try await transactionCall("commit transaction") { rd_kafka_commit_transaction($0, Int32(timeout.milliseconds)) }
    }

    public func abortTransaction(timeout: Duration = .seconds(30)) async throws(KafkaError) {
        try await transactionCall("abort transaction") { rd_kafka_abort_transaction($0, Int32(timeout.milliseconds)) }
    }

    /// Runs a blocking transactional call off the cooperative pool and converts its error.
    private func transactionCall(
        _ what: String,
        _ call: @escaping @Sendable (OpaquePointer) -> OpaquePointer?
    ) async throws(KafkaError) {
        let client = self.client
        let error: KafkaError? = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let error = call(client.pointer).map { KafkaError.consuming($0, context: what) }
                continuation.resume(returning: error)
            }
        }
        if let error { throw error }
    }
}

private let producerDeliveryCallback:
    @convention(c) (OpaquePointer?, UnsafePointer<rd_kafka_message_t>?, UnsafeMutableRawPointer?) -> Void = {
        _,
        message,
        opaque in
        guard let message, let context = RDKafkaContext.from(opaque) else { return }
        context.onDelivery?(message)
    }
