import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import Logging
import ServiceLifecycle

/// Runs the ``DelayDetector`` every `interval` in `kontor run` (with the tracking worker) and publishes what it
/// finds on ``KontorTopics/orderDelayed``, remembering each delay once the broker acknowledged it.
public struct DelayDetectionService: Service {
    let detector: DelayDetector
    let producer: KafkaProducer
    let interval: Duration
    let logger: Logger
    let now: @Sendable () -> Timestamp

    /// Creates the service.
    public init(
        detector: DelayDetector,
        producer: KafkaProducer,
        interval: Duration = .seconds(60),
        logger: Logger,
        now: @escaping @Sendable () -> Timestamp = { .now() }
    ) {
        self.detector = detector
        self.producer = producer
        self.interval = interval
        self.logger = logger
        self.now = now
    }

    public func run() async throws {
        await PeriodicTask.run(every: interval, logger: logger, failure: "cannot check for delays; trying again") {
            try await publishDelays()
        }
    }

    /// One pass: detects, publishes and remembers; returns the number of delays published.
    @discardableResult
    public func publishDelays() async throws -> Int {
        let events = try await detector.detect(at: now())
        for event in events {
            _ = try await producer.send(try EventMessage.make(event, topic: KontorTopics.orderDelayed))
            try await detector.recordPublished(event)
            logger.notice(
                "order delayed",
                metadata: ["kontor.order.id": "\(event.data.orderId)", "kontor.cause": "\(event.data.cause.rawValue)"]
            )
        }
        return events.count
    }
}
