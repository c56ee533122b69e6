import KontorKafka
import ServiceLifecycle

/// Owns the shared producer's lifetime: on shutdown (after ingest and workers stopped) it
/// flushes what is queued, failing what cannot be delivered, and stops its poll thread.
struct ProducerService: Service {
    let producer: KafkaProducer
    let flushTimeout: Duration

    func run() async throws {
        try? await gracefulShutdown()
        await producer.shutdown(flushTimeout: flushTimeout)
    }
}
