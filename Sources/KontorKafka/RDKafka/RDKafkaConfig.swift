import CRdKafka

/// Builds an `rd_kafka_conf_t` from librdkafka property names and values.
enum RDKafkaConfig {
    /// Returns a new configuration object owned by the caller: it must be passed to `rd_kafka_new`
    /// (which takes ownership on success) or freed with `rd_kafka_conf_destroy`.
    static func make(_ properties: [String: String]) throws(KafkaError) -> OpaquePointer {
        let conf = rd_kafka_conf_new()!
        var errorText = [CChar](repeating: 0, count: 512)
        // Sorted so that a failure names the same property every time.
        for (key, value) in properties.sorted(by: { $0.key < $1.key }) {
            let result = rd_kafka_conf_set(conf, key, value, &errorText, errorText.count)
            guard result == RD_KAFKA_CONF_OK else {
                rd_kafka_conf_destroy(conf)
                let text = errorText.kafkaString
                throw KafkaError.client(.invalidConfiguration, "librdkafka property \(key)=\(value): \(text)")
            }
        }
        return conf
    }
}
