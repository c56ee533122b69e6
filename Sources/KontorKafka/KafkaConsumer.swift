import CRdKafka
import Dispatch
import Logging
import Synchronization

/// A consumer-group member. Messages arrive through ``batches`` or ``messages``; after processing
/// a message, ``store(_:)`` marks it done, and only stored offsets are ever committed
/// (periodically, on rebalance and on ``close()``), so a crash re-delivers and never skips.
///
/// All blocking librdkafka calls run on the consumer's own serial dispatch queue, never on
/// Swift's cooperative pool.
public final class KafkaConsumer: Sendable {
    public let configuration: KafkaConsumerConfiguration
    public let topics: [String]
    let client: RDKafkaClient
    private let pollQueue: DispatchQueue
    private let state: ConsumerState
    private let logger: Logger
    private let onDataLoss: (@Sendable (KafkaDataLoss) -> Void)?

    /// Joins the group and subscribes to `topics`.
    /// - Parameter onDataLoss: called when the broker no longer has messages this group had not
    ///   consumed yet (retention, or the embedded cluster's trimming); consumption then goes on
    ///   from the oldest message still there.
    public init(
        configuration: KafkaConsumerConfiguration,
        topics: [String],
        logger: Logger,
        onDataLoss: (@Sendable (KafkaDataLoss) -> Void)? = nil
    ) throws(KafkaError) {
        let state = ConsumerState()
        var logger = logger
        logger[metadataKey: "kafka.group"] = "\(configuration.groupID)"
        let rebalanceLogger = logger
        let context = RDKafkaContext(
            logger: logger,
            onRebalance: { handle, err, partitions in
                Self.rebalance(handle, err, partitions, state: state, logger: rebalanceLogger)
            }
        )
        let client = try RDKafkaClient.make(kind: .consumer, properties: configuration.properties, context: context) {
            rd_kafka_conf_set_rebalance_cb($0, consumerRebalanceCallback)
        }
        let subscription = RDKafkaTopicPartitionList(capacity: topics.count)
        for topic in topics {
            subscription.add(KafkaTopicPartition(topic: topic, partition: RD_KAFKA_PARTITION_UA))
        }
        let err = rd_kafka_subscribe(client.pointer, subscription.pointer)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw .rdKafka(err, context: "cannot subscribe to \(topics)")
        }
        self.configuration = configuration
        self.topics = topics
        self.client = client
        self.state = state
        self.logger = logger
        self.onDataLoss = onDataLoss
        self.pollQueue = DispatchQueue(label: "kontor.kafka.consumer.\(configuration.groupID)")
    }

    /// Batches of messages as librdkafka hands them out (at most `maxBatchSize` each); ends after
    /// ``triggerShutdown()``.
    public var batches: KafkaConsumerBatches { KafkaConsumerBatches(consumer: self) }

    /// Messages one by one; ends after ``triggerShutdown()``.
    public var messages: KafkaConsumerMessages { KafkaConsumerMessages(consumer: self) }

    /// Partitions currently assigned to this member.
    public var assignment: Set<KafkaTopicPartition> { state.assignment }

    /// How many times the consumer found its position gone from the broker.
    public var dataLossCount: Int { state.dataLossCount }

    /// Ends the message sequences at their next poll (within `pollTimeout`).
    public func triggerShutdown() {
        state.requestShutdown()
    }

    public var isShuttingDown: Bool { state.isShuttingDown }

    // MARK: Offsets

    /// Marks `message` as processed; its offset is committed with the next commit.
    public func store(_ message: KafkaConsumerMessage) {
        store([message.topicPartition: message.offset + 1])
    }

    /// Marks messages as processed; the highest offset per partition counts.
    public func store(_ messages: [KafkaConsumerMessage]) {
        var next: [KafkaTopicPartition: Int64] = [:]
        for message in messages {
            next[message.topicPartition] = max(next[message.topicPartition] ?? 0, message.offset + 1)
        }
        store(next)
    }

    /// Stores next-offsets to read (the last processed offset + 1) per partition.
    /// Partitions no longer assigned are skipped: their new owner re-reads from the last commit.
    public func store(_ nextOffsets: [KafkaTopicPartition: Int64]) {
        guard !nextOffsets.isEmpty else { return }
        let list = RDKafkaTopicPartitionList(capacity: nextOffsets.count)
        for (partition, offset) in nextOffsets {
            list.add(partition, offset: offset)
        }
        let err = rd_kafka_offsets_store(client.pointer, list.pointer)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            logger.debug("some offsets not stored (partitions revoked): \(KafkaErrorCode(rawValue: err.rawValue))")
        }
    }

    /// Commits the stored offsets now and waits for the broker.
    public func commit() async throws(KafkaError) {
        let client = self.client
        let err = await onPollQueue { rd_kafka_commit(client.pointer, nil, 0) }
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR__NO_OFFSET else {
            throw .rdKafka(err, context: "commit failed")
        }
    }

    /// The group's committed next-offsets for the given partitions (nil where none).
    public func committed(_ partitions: [KafkaTopicPartition]) async throws(KafkaError) -> [KafkaTopicPartition: Int64]
    {
        let client = self.client
        let result: Result<[KafkaTopicPartition: Int64], KafkaError> = await onPollQueue {
            Self.committed(client.pointer, partitions)
        }
        return try result.get()
    }

    // MARK: Flow control

    public func pause(_ partitions: [KafkaTopicPartition]) throws(KafkaError) {
        try partitionCall("pause", partitions, rd_kafka_pause_partitions)
    }

    public func resume(_ partitions: [KafkaTopicPartition]) throws(KafkaError) {
        try partitionCall("resume", partitions, rd_kafka_resume_partitions)
    }

    /// Moves the fetch position of an assigned partition (for replay or skipping).
    public func seek(_ partition: KafkaTopicPartition, to offset: KafkaOffset) async throws(KafkaError) {
        let client = self.client
        let result: KafkaError? = await onPollQueue {
            Self.seek(client.pointer, partition, offset.rdKafkaValue)
        }
        if let result { throw result }
    }

    private func partitionCall(
        _ what: String,
        _ partitions: [KafkaTopicPartition],
        _ call: (OpaquePointer?, UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) -> rd_kafka_resp_err_t
    ) throws(KafkaError) {
        let list = RDKafkaTopicPartitionList(capacity: partitions.count)
        partitions.forEach { list.add($0) }
        let err = call(client.pointer, list.pointer)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw .rdKafka(err, context: "\(what) \(partitions)") }
        if let failed = list.entries.first(where: { $0.error != RD_KAFKA_RESP_ERR_NO_ERROR }) {
            throw .rdKafka(failed.error, context: "\(what) \(failed.partition)")
        }
    }

    // MARK: Closing

    /// Commits stored offsets, leaves the group and stops fetching. Call once processing stopped;
    /// later calls do nothing.
    public func close() async {
        triggerShutdown()
        guard state.markClosed() else { return }
        let client = self.client
        let logger = self.logger
        await onPollQueue {
            let err = rd_kafka_commit(client.pointer, nil, 0)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR__NO_OFFSET {
                logger.warning("final commit failed: \(KafkaErrorCode(rawValue: err.rawValue))")
            }
            rd_kafka_consumer_close(client.pointer)
        }
    }

    // MARK: Polling

    /// Waits up to `maxWait` for messages: returns a batch, an empty batch when none came, or nil
    /// once shutdown was requested.
    public func poll(maxWait: Duration) async throws(KafkaError) -> [KafkaConsumerMessage]? {
        let deadline = ContinuousClock.now + maxWait
        while ContinuousClock.now < deadline {
            guard let batch = try await poll(until: deadline) else { return nil }
            if !batch.isEmpty { return batch }
        }
        return state.isShuttingDown ? nil : []
    }

    /// Polls one batch; returns nil once shutdown was requested.
    func poll(until deadline: ContinuousClock.Instant? = nil) async throws(KafkaError) -> [KafkaConsumerMessage]? {
        while !state.isShuttingDown {
            if let deadline, ContinuousClock.now >= deadline { return [] }
            let client = self.client
            let maxBatch = configuration.maxBatchSize
            let timeout = Int32(configuration.pollTimeout.milliseconds)
            let polled: PolledBatch = await onPollQueue {
                Self.consumeBatch(client, maxBatch: maxBatch, timeout: timeout)
            }
            for problem in polled.problems {
                try await handle(problem)
            }
            if !polled.messages.isEmpty {
                return polled.messages
            }
        }
        return nil
    }

    private func handle(_ problem: PolledBatch.Problem) async throws(KafkaError) {
        switch problem {
        case .offsetReset(let partition, let fetchOffset):
            try await recoverFromOffsetReset(partition, fetchOffset: fetchOffset)
        case .error(let error):
            if let fatal = client.fatalError() {
                throw fatal
            }
            logger.warning("consumer error: \(error)")
        }
    }

    /// The position of `partition` is gone from the broker (retention, or the embedded cluster's
    /// trimming): report the loss loudly, then continue from the oldest message left.
    private func recoverFromOffsetReset(_ partition: KafkaTopicPartition, fetchOffset: Int64) async throws(KafkaError) {
        let committed = try await committed([partition])[partition]
        let client = self.client
        let low = await onPollQueue { Self.lowWatermark(client.pointer, partition) }
        if let lastPosition = fetchOffset >= 0 ? fetchOffset : committed {
            let loss = KafkaDataLoss(partition: partition, lastPosition: lastPosition, resumesAt: low ?? -1)
            state.recordDataLoss()
            logger.error(
                "messages were removed before this group consumed them; continuing from the oldest left",
                metadata: [
                    "kafka.partition": "\(partition)", "kafka.position": "\(lastPosition)",
                    "kafka.resumes_at": "\(low ?? -1)", "kafka.skipped": "\(loss.skippedCount)",
                ]
            )
            onDataLoss?(loss)
        }
        let restart = low ?? Int64(RD_KAFKA_OFFSET_BEGINNING)
        if let error = await onPollQueue({ Self.restartPartition(client.pointer, partition, at: restart) }) {
            throw error
        }
    }

    private func onPollQueue<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            pollQueue.async { continuation.resume(returning: body()) }
        }
    }
}

/// A gap the consumer group will never see: messages removed from the broker before they were read.
public struct KafkaDataLoss: Sendable, Hashable {
    public var partition: KafkaTopicPartition
    /// The offset the group was at.
    public var lastPosition: Int64
    /// The oldest offset the broker still has, where consumption resumes (-1 when unknown).
    public var resumesAt: Int64

    /// How many messages were skipped (0 when unknown).
    public var skippedCount: Int64 { resumesAt > lastPosition ? resumesAt - lastPosition : 0 }
}

/// The consumer's mutable state, shared with the rebalance callback.
final class ConsumerState: Sendable {
    private struct State {
        var assignment: Set<KafkaTopicPartition> = []
        var shutdownRequested = false
        var closed = false
        var dataLossCount = 0
    }

    private let state = Mutex(State())

    var assignment: Set<KafkaTopicPartition> { state.withLock { $0.assignment } }
    var isShuttingDown: Bool { state.withLock { $0.shutdownRequested } }
    var dataLossCount: Int { state.withLock { $0.dataLossCount } }

    func requestShutdown() { state.withLock { $0.shutdownRequested = true } }
    func recordDataLoss() { state.withLock { $0.dataLossCount += 1 } }
    func assign(_ partitions: [KafkaTopicPartition]) { state.withLock { $0.assignment.formUnion(partitions) } }
    func revoke(_ partitions: [KafkaTopicPartition]) { state.withLock { $0.assignment.subtract(partitions) } }

    /// Returns true the first time only.
    func markClosed() -> Bool {
        state.withLock { state in
            defer { state.closed = true }
            return !state.closed
        }
    }
}
