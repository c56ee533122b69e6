import CRdKafka
import Logging

/// What one poll returned: messages, and conditions the consumer must act on.
struct PolledBatch: Sendable {
    enum Problem: Sendable {
        case offsetReset(KafkaTopicPartition, fetchOffset: Int64)
        case error(KafkaError)
    }

    var messages: [KafkaConsumerMessage] = []
    var problems: [Problem] = []
}

extension KafkaConsumer {
    /// Blocks up to `timeout` ms for messages; call on the poll queue only.
    static func consumeBatch(_ client: RDKafkaClient, maxBatch: Int, timeout: Int32) -> PolledBatch {
        var batch = PolledBatch()
        guard let queue = client.consumerQueue else { return batch }
        let buffer = UnsafeMutablePointer<UnsafeMutablePointer<rd_kafka_message_t>?>.allocate(capacity: maxBatch)
        defer { buffer.deallocate() }
        // rd_kafka_consume_batch_queue waits for a *full* batch until its timeout, which would add
        // the whole timeout to every hop at low rates. So: take what is there without waiting;
        // if nothing is, block for the first message only, then take what arrived with it.
        var count = rd_kafka_consume_batch_queue(queue, 0, buffer, maxBatch)
        if count <= 0 {
            guard let first = rd_kafka_consume_queue(queue, timeout) else { return batch }
            buffer[0] = first
            count = 1 + max(0, rd_kafka_consume_batch_queue(queue, 0, buffer + 1, maxBatch - 1))
        }
        batch.messages.reserveCapacity(count)
        for index in 0..<count {
            guard let message = buffer[index] else { continue }
            defer { rd_kafka_message_destroy(message) }
            let err = message.pointee.err
            if err == RD_KAFKA_RESP_ERR_NO_ERROR {
                batch.messages.append(KafkaConsumerMessage(copying: message))
            } else if err == RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET, let topic = message.pointee.rkt {
                let partition = KafkaTopicPartition(
                    topic: String(cString: rd_kafka_topic_name(topic)),
                    partition: message.pointee.partition
                )
                batch.problems.append(.offsetReset(partition, fetchOffset: message.pointee.offset))
            } else if err != RD_KAFKA_RESP_ERR__PARTITION_EOF {
                let text = String(cString: rd_kafka_message_errstr(message))
                batch.problems.append(
                    .error(KafkaError(code: KafkaErrorCode(rawValue: err.rawValue), message: text))
                )
            }
        }
        return batch
    }

    /// Serves a group rebalance: takes or gives up partitions, committing stored offsets of
    /// revoked ones first so their next owner starts where this member stopped.
    static func rebalance(
        _ handle: OpaquePointer,
        _ err: rd_kafka_resp_err_t,
        _ partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?,
        state: ConsumerState,
        logger: Logger
    ) {
        let changed = partitions.map { RDKafkaTopicPartitionList.entries(of: $0).map(\.partition) } ?? []
        let cooperative = String(cString: rd_kafka_rebalance_protocol(handle)) == "COOPERATIVE"
        switch err {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            logger.debug("partitions assigned: \(changed)")
            if let partitions { startNewPartitionsAtOldest(handle, partitions, logger: logger) }
            if cooperative {
                if let error = rd_kafka_incremental_assign(handle, partitions) {
                    logger.warning("\(KafkaError.consuming(error, context: "incremental assign"))")
                }
            } else {
                rd_kafka_assign(handle, partitions)
            }
            state.assign(changed)
        default:
            logger.debug("partitions revoked: \(changed)")
            // Commit what was stored (processed), not the revoke list: librdkafka fills that list
            // with fetch positions, which may be ahead of processing.
            let commit = rd_kafka_commit(handle, nil, 0)
            if commit != RD_KAFKA_RESP_ERR_NO_ERROR && commit != RD_KAFKA_RESP_ERR__NO_OFFSET {
                logger.debug("commit on revoke: \(KafkaErrorCode(rawValue: commit.rawValue))")
            }
            if cooperative {
                if let error = rd_kafka_incremental_unassign(handle, partitions) {
                    logger.warning("\(KafkaError.consuming(error, context: "incremental unassign"))")
                }
            } else {
                rd_kafka_assign(handle, nil)
            }
            state.revoke(changed)
        }
    }

    /// Partitions this group never committed start at their oldest message. (With
    /// `auto.offset.reset=error` they would otherwise stop with an offset-reset error.)
    static func startNewPartitionsAtOldest(
        _ handle: OpaquePointer,
        _ partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>,
        logger: Logger
    ) {
        let assigned = RDKafkaTopicPartitionList.entries(of: partitions).map(\.partition)
        guard case .success(let committed) = committed(handle, assigned) else {
            // librdkafka looks the commits up itself; a missing one surfaces as an offset reset.
            return
        }
        for index in 0..<Int(partitions.pointee.cnt) where partitions.pointee.elems[index].offset < 0 {
            let partition = assigned[index]
            if committed[partition] == nil {
                logger.debug("no committed offset for \(partition): starting at the oldest message")
                partitions.pointee.elems[index].offset = Int64(RD_KAFKA_OFFSET_BEGINNING)
            }
        }
    }

    /// Restarts fetching of one partition at `offset` after an offset-reset error stopped it.
    /// (A seek cannot: librdkafka refuses to seek a partition whose fetcher stopped.) Other
    /// partitions continue from the position the application reached.
    static func restartPartition(_ handle: OpaquePointer, _ partition: KafkaTopicPartition, at offset: Int64)
        -> KafkaError?
    {
        if String(cString: rd_kafka_rebalance_protocol(handle)) == "COOPERATIVE" {
            let list = RDKafkaTopicPartitionList()
            list.add(partition, offset: offset)
            if let error = rd_kafka_incremental_unassign(handle, list.pointer) {
                return KafkaError.consuming(error, context: "restart \(partition)")
            }
            if let error = rd_kafka_incremental_assign(handle, list.pointer) {
                return KafkaError.consuming(error, context: "restart \(partition)")
            }
            return nil
        }
        var current: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        let err = rd_kafka_assignment(handle, &current)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let current else {
            return .rdKafka(err, context: "restart \(partition)")
        }
        defer { rd_kafka_topic_partition_list_destroy(current) }
        rd_kafka_position(handle, current)
        for index in 0..<Int(current.pointee.cnt) {
            let element = current.pointee.elems[index]
            if String(cString: element.topic) == partition.topic && element.partition == partition.partition {
                current.pointee.elems[index].offset = offset
            }
        }
        let assignError = rd_kafka_assign(handle, current)
        return assignError == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : .rdKafka(assignError, context: "restart \(partition)")
    }

    static func committed(
        _ handle: OpaquePointer,
        _ partitions: [KafkaTopicPartition],
        timeout: Int32 = 10_000
    ) -> Result<[KafkaTopicPartition: Int64], KafkaError> {
        let list = RDKafkaTopicPartitionList(capacity: partitions.count)
        partitions.forEach { list.add($0) }
        let err = rd_kafka_committed(handle, list.pointer, timeout)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            return .failure(.rdKafka(err, context: "cannot read committed offsets"))
        }
        var result: [KafkaTopicPartition: Int64] = [:]
        for entry in list.entries where entry.offset >= 0 {
            result[entry.partition] = entry.offset
        }
        return .success(result)
    }

    static func seek(_ handle: OpaquePointer, _ partition: KafkaTopicPartition, _ offset: Int64) -> KafkaError? {
        let list = RDKafkaTopicPartitionList()
        list.add(partition, offset: offset)
        // A seek waits for the fetcher to take it; on a busy machine that can outlast one wait, and a seek is
        // safe to repeat, so a timed-out wait is tried again (three waits of 15 s in all).
        var attempts = 0
        while let error = rd_kafka_seek_partitions(handle, list.pointer, 15_000) {
            attempts += 1
            let timedOut = rd_kafka_error_code(error) == RD_KAFKA_RESP_ERR__TIMED_OUT
            guard timedOut && attempts < 3 else { return KafkaError.consuming(error, context: "seek \(partition)") }
            rd_kafka_error_destroy(error)
        }
        if let failed = list.entries.first(where: { $0.error != RD_KAFKA_RESP_ERR_NO_ERROR }) {
            return .rdKafka(failed.error, context: "seek \(partition)")
        }
        return nil
    }

    static func lowWatermark(_ handle: OpaquePointer, _ partition: KafkaTopicPartition) -> Int64? {
        var low: Int64 = -1
        var high: Int64 = -1
        let err = rd_kafka_query_watermark_offsets(handle, partition.topic, partition.partition, &low, &high, 5000)
        return err == RD_KAFKA_RESP_ERR_NO_ERROR ? low : nil
    }
}

extension KafkaConsumerMessage {
    /// Copies key, value and headers out of librdkafka's memory.
    init(copying message: UnsafeMutablePointer<rd_kafka_message_t>) {
        let raw = message.pointee
        let topic = raw.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        let key = raw.key.map { Array(UnsafeRawBufferPointer(start: $0, count: raw.key_len)) }
        let value = raw.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: raw.len)) } ?? []
        var headers: [KafkaHeader] = []
        var cHeaders: OpaquePointer?
        if rd_kafka_message_headers(message, &cHeaders) == RD_KAFKA_RESP_ERR_NO_ERROR, let cHeaders {
            var index = 0
            var name: UnsafePointer<CChar>?
            var headerValue: UnsafeRawPointer?
            var size = 0
            while rd_kafka_header_get_all(cHeaders, index, &name, &headerValue, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
                headers.append(
                    KafkaHeader(
                        key: name.map { String(cString: $0) } ?? "",
                        value: headerValue.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) }
                    )
                )
                index += 1
            }
        }
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(message, &timestampType)
        self.init(
            topic: topic,
            partition: raw.partition,
            offset: raw.offset,
            key: key,
            value: value,
            headers: headers,
            timestampMilliseconds: timestampType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? nil : timestamp
        )
    }
}

/// The rebalance callback: finds the consumer's context through the opaque pointer.
let consumerRebalanceCallback:
    @convention(c) (
        OpaquePointer?, rd_kafka_resp_err_t, UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?,
        UnsafeMutableRawPointer?
    ) -> Void = { handle, err, partitions, opaque in
        guard let handle, let context = RDKafkaContext.from(opaque) else { return }
        context.onRebalance?(handle, err, partitions)
    }
