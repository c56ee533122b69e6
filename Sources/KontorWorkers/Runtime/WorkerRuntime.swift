import Foundation
import KontorKafka
import KontorStore
import Logging
import ServiceLifecycle

/// Runs one stateless stage: consume → handle → produce → mark processed, at least once, with
/// idempotent effects.
///
/// For each batch the runtime
/// 1. skips inputs whose event id the stage already processed (a redelivery after a crash or rebalance),
/// 2. hands every other message to the handler, retrying failures per ``RetryPolicy`` and sending
///    what still fails (or fails permanently) to the dead-letter topic, payload untouched,
/// 3. produces all outputs and waits until the broker acknowledged every one,
/// 4. records the processed event ids, together with the outputs as their orders' progress (one store transaction),
///    and only then stores the input offsets for commit.
/// A crash anywhere before step 4 re-delivers the batch; its outputs carry the same event ids. Because the outputs
/// are recorded with the inputs they came from, the store always holds what a stage that marked an input processed
/// produced from it: `kontor run` publishes that again after a restart of the embedded cluster, and no stage sees an
/// input again that it already processed (see ``OrderProgressStore``).
///
/// On graceful shutdown (SIGTERM) the batch in flight is finished and committed, then the
/// consumer leaves its group.
public final class WorkerRuntime: Service, Sendable {
    public let handler: any StageHandler
    public let configuration: WorkerConfiguration
    public let metrics: WorkerMetrics
    private let producer: KafkaProducer
    private let processedLog: (any ProcessedEventLog)?
    private let logger: Logger
    private let onDataLoss: (@Sendable (KafkaDataLoss) -> Void)?

    public init(
        handler: any StageHandler,
        configuration: WorkerConfiguration,
        producer: KafkaProducer,
        processedLog: (any ProcessedEventLog)?,
        logger: Logger,
        onDataLoss: (@Sendable (KafkaDataLoss) -> Void)? = nil
    ) {
        self.handler = handler
        self.configuration = configuration
        self.producer = producer
        self.processedLog = processedLog
        var logger = logger
        logger[metadataKey: "kontor.stage"] = "\(handler.stage)"
        self.logger = logger
        self.onDataLoss = onDataLoss
        self.metrics = WorkerMetrics(stage: handler.stage)
    }

    public func run() async throws {
        let consumer = try KafkaConsumer(
            configuration: configuration.consumer,
            topics: configuration.inputTopics,
            logger: logger,
            onDataLoss: onDataLoss
        )
        logger.info("worker started", metadata: ["kafka.topics": "\(configuration.inputTopics)"])
        do {
            try await withGracefulShutdownHandler {
                for try await batch in consumer.batches {
                    guard try await metrics.timeBatch({ try await process(batch, consumer: consumer) }) else { break }
                }
            } onGracefulShutdown: {
                consumer.triggerShutdown()
            }
        } catch {
            await consumer.close()
            throw error
        }
        await consumer.close()
        logger.info("worker stopped", metadata: ["kontor.processed": "\(metrics.snapshot.processed)"])
    }

    /// Processes one batch; returns false if shutdown interrupted it (nothing is stored then).
    func process(_ batch: [KafkaConsumerMessage], consumer: KafkaConsumer) async throws -> Bool {
        let stage = handler.stage
        let eventIDs = batch.map { EventMessage.eventID(of: $0) }
        let deadLetterKeys = batch.map { "\($0.topic)/\($0.partition)/\($0.offset)" }
        guard
            let alreadyDone = await retryingInfrastructure(
                "read processed events",
                consumer,
                {
                    try await self.processedEvents(stage: stage, eventIDs.compactMap { $0 })
                }
            ),
            let alreadyDeadLettered = await retryingInfrastructure(
                "read dead-lettered messages",
                consumer,
                {
                    try await self.processedEvents(stage: "\(stage)#dead-letter", deadLetterKeys)
                }
            )
        else { return false }

        var outputs: [KafkaProducerMessage] = []
        var progress: [ProgressEvent] = []
        var handledIDs: [String] = []
        var deadLettered: [String] = []
        var deadLetterRecords: [DeadLetterRecord] = []
        var duplicates = 0
        var seen = alreadyDone
        for (index, message) in batch.enumerated() {
            if let id = eventIDs[index] {
                guard seen.insert(id).inserted else {
                    duplicates += 1
                    continue
                }
            }
            if alreadyDeadLettered.contains(deadLetterKeys[index]) { continue }
            switch await handleWithRetries(message, consumer: consumer) {
            case .handled(let produced):
                outputs += produced
                progress += produced.compactMap { progressEvent(for: $0, cause: message) }
                if let id = eventIDs[index] { handledIDs.append(id) }
            case .deadLetter(let record, let indexed):
                outputs.append(record)
                // The dead-letter topic is consumed by no stage: the order is finished until someone replays it.
                if let event = progressEvent(for: record, cause: message) { progress.append(event) }
                deadLettered.append(deadLetterKeys[index])
                deadLetterRecords.append(indexed)
            case .interrupted:
                return false
            }
        }

        guard await deliver(outputs, consumer: consumer) else { return false }
        guard
            await retryingInfrastructure(
                "record processed events",
                consumer,
                { () async throws -> Bool in
                    try await self.processedLog?.record(
                        processed: [stage: handledIDs, "\(stage)#dead-letter": deadLettered],
                        progress: progress,
                        deadLetters: deadLetterRecords
                    )
                    return true
                }
            ) != nil
        else { return false }
        consumer.store(batch)
        metrics.countOutcomes(of: outputs)
        metrics.update {
            $0.batches += 1
            $0.processed += batch.count - duplicates
            $0.produced += outputs.count
            $0.deadLettered += deadLettered.count
            $0.duplicatesSkipped += duplicates
        }
        if duplicates > 0 {
            logger.info("skipped redelivered events already processed", metadata: ["kontor.count": "\(duplicates)"])
        }
        return true
    }

    private func progressEvent(for output: KafkaProducerMessage, cause: KafkaConsumerMessage) -> ProgressEvent? {
        guard configuration.recordsProgress else { return nil }
        return PipelineProgress.event(for: output, stage: handler.stage, step: configuration.pipelineStep, cause: cause)
    }

    private func processedEvents(stage: String, _ ids: [String]) async throws -> Set<String> {
        guard let processedLog else { return [] }
        return try await processedLog.processed(stage: stage, among: ids)
    }

    private enum Outcome {
        case handled([KafkaProducerMessage])
        case deadLetter(KafkaProducerMessage, DeadLetterRecord)
        case interrupted
    }

    private func handleWithRetries(_ message: KafkaConsumerMessage, consumer: KafkaConsumer) async -> Outcome {
        let policy = configuration.retry
        let order = OrderLogContext(message: message)
        var firstFailure: Date?
        var attempt = 0
        // A replayed dead letter counts on from the attempts it had used up.
        let priorAttempts = DeadLetter.priorAttempts(of: message)
        while true {
            attempt += 1
            do {
                let produced = try await OrderLogContext.$current.withValue(order) {
                    try await metrics.timeHandling { try await handler.handle(message) }
                }
                logger.about(order).debug("event handled", metadata: ["kontor.outputs": "\(produced.map(\.topic))"])
                return .handled(produced)
            } catch {
                metrics.update { $0.failed += 1 }
                let stageError = Self.classify(error)
                let now = Date()
                firstFailure = firstFailure ?? now
                var failureLogger = logger.about(order)
                failureLogger[metadataKey: "kafka.partition"] = "\(message.topic)[\(message.partition)]"
                failureLogger[metadataKey: "kafka.offset"] = "\(message.offset)"
                if !policy.retries(stageError) || attempt >= policy.maxAttempts {
                    let attempts = priorAttempts + attempt
                    failureLogger.warning(
                        "message sent to dead-letter topic",
                        metadata: ["kontor.error": "\(stageError)", "kontor.attempts": "\(attempts)"]
                    )
                    return .deadLetter(
                        DeadLetter.message(
                            for: message,
                            stage: handler.stage,
                            topic: configuration.deadLetterTopic,
                            error: stageError,
                            attempts: attempts,
                            firstFailure: firstFailure ?? now,
                            lastFailure: now
                        ),
                        DeadLetter.record(
                            for: message,
                            stage: handler.stage,
                            error: stageError,
                            attempts: attempts,
                            firstFailure: firstFailure ?? now,
                            lastFailure: now
                        )
                    )
                }
                metrics.update { $0.retried += 1 }
                failureLogger.info("handler failed; retrying", metadata: ["kontor.error": "\(stageError)"])
                guard await pause(policy.backoff(afterAttempt: attempt), consumer: consumer) else {
                    return .interrupted
                }
            }
        }
    }

    /// Produces `outputs` and waits for every acknowledgement, resending failures with backoff.
    private func deliver(_ outputs: [KafkaProducerMessage], consumer: KafkaConsumer) async -> Bool {
        var pending = outputs
        var attempt = 0
        while !pending.isEmpty {
            attempt += 1
            let results = await producer.send(pending)
            let failed = zip(pending, results).compactMap { message, result -> (KafkaProducerMessage, KafkaError)? in
                if case .failure(let error) = result { return (message, error) }
                return nil
            }
            guard let firstError = failed.first?.1 else { return true }
            logger.warning(
                "produce failed; retrying",
                metadata: ["kontor.failed": "\(failed.count)", "kontor.error": "\(firstError)"]
            )
            pending = failed.map(\.0)
            guard await pause(configuration.retry.backoff(afterAttempt: min(attempt, 10)), consumer: consumer) else {
                return false
            }
        }
        return true
    }

    /// Retries a store operation until it works; nil if shutdown came first.
    private func retryingInfrastructure<T>(
        _ what: String,
        _ consumer: KafkaConsumer,
        _ body: () async throws -> T
    ) async -> T? {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await body()
            } catch {
                logger.warning("\(what) failed; retrying", metadata: ["kontor.error": "\(error)"])
                guard await pause(configuration.retry.backoff(afterAttempt: min(attempt, 10)), consumer: consumer)
                else { return nil }
            }
        }
    }

    /// Sleeps unless shutdown was requested; returns false when the worker should stop instead.
    private func pause(_ duration: Duration, consumer: KafkaConsumer) async -> Bool {
        let deadline = ContinuousClock.now + duration
        while ContinuousClock.now < deadline {
            if consumer.isShuttingDown || Task.isCancelled { return false }
            try? await Task.sleep(for: min(.milliseconds(50), deadline - ContinuousClock.now))
        }
        return !consumer.isShuttingDown
    }

    static func classify(_ error: any Error) -> StageError {
        switch error {
        case let stageError as StageError:
            stageError
        case let kafkaError as KafkaError:
            StageError(
                kafkaError.isRetriable ? .transient : .unexpected,
                "\(kafkaError)",
                isRetriable: kafkaError.isRetriable
            )
        default:
            StageError(.unexpected, "\(error)", isRetriable: true)
        }
    }
}
