import CRdKafka

/// Owns one `rd_kafka_topic_partition_list_t`; destroyed with its owner.
///
/// `@unchecked Sendable` so a list can be handed to the thread that makes a blocking call with it;
/// it is only ever used by one thread at a time.
final class RDKafkaTopicPartitionList: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>

    init(capacity: Int = 1) {
        pointer = rd_kafka_topic_partition_list_new(Int32(max(capacity, 1)))
    }

    deinit {
        rd_kafka_topic_partition_list_destroy(pointer)
    }

    /// Adds a partition with an offset (absolute, or one of librdkafka's logical offsets).
    func add(_ partition: KafkaTopicPartition, offset: Int64 = Int64(RD_KAFKA_OFFSET_INVALID)) {
        let element = rd_kafka_topic_partition_list_add(pointer, partition.topic, partition.partition)!
        element.pointee.offset = offset
    }

    /// Copies the entries out: partition, offset and per-partition error.
    static func entries(
        of list: UnsafePointer<rd_kafka_topic_partition_list_t>
    ) -> [(partition: KafkaTopicPartition, offset: Int64, error: rd_kafka_resp_err_t)] {
        (0..<Int(list.pointee.cnt)).map { index in
            let element = list.pointee.elems[index]
            return (
                KafkaTopicPartition(topic: String(cString: element.topic), partition: element.partition),
                element.offset, element.err
            )
        }
    }

    var entries: [(partition: KafkaTopicPartition, offset: Int64, error: rd_kafka_resp_err_t)] {
        Self.entries(of: pointer)
    }
}

extension KafkaOffset {
    var rdKafkaValue: Int64 {
        switch self {
        case .beginning: Int64(RD_KAFKA_OFFSET_BEGINNING)
        case .end: Int64(RD_KAFKA_OFFSET_END)
        case .exact(let offset): offset
        }
    }
}
