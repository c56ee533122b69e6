import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import Logging
import ServiceLifecycle

/// Turns the store's stock journal into ``StockChangedEvent``s: polls the journal, publishes one event per SKU that
/// changed (keyed by SKU, id derived from the journal sequence) and remembers how far it got in the store, so stock
/// imported by another process into the same store, goods receipts and released reservations all reach the
/// allocation worker, which allocates backordered orders again.
public struct StockChangePublisher: Service {
    /// The name of the publisher's checkpoint in ``ConnectorStateStore``.
    public static let checkpointName = "stock-change-publisher"

    let store: any AllocationStore & ConnectorStateStore
    let producer: KafkaProducer
    let interval: Duration
    let batchSize: Int
    let logger: Logger

    /// Creates the publisher; it polls every `interval` and reads at most `batchSize` journal entries at once.
    public init(
        store: any AllocationStore & ConnectorStateStore,
        producer: KafkaProducer,
        interval: Duration = .milliseconds(500),
        batchSize: Int = 500,
        logger: Logger
    ) {
        self.store = store
        self.producer = producer
        self.interval = interval
        self.batchSize = max(1, batchSize)
        self.logger = logger
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await publishPending()
                } catch {
                    logger.warning("cannot publish stock changes; trying again", metadata: ["kontor.error": "\(error)"])
                }
                try await Task.sleep(for: interval)
            }
        }
    }

    /// Publishes every journal entry after the checkpoint and moves the checkpoint on once the broker acknowledged
    /// them; returns the number of events published. Publishing again after a crash gives the same event ids.
    @discardableResult
    public func publishPending() async throws -> Int {
        var published = 0
        while true {
            let checkpoint = Int(try await store.checkpoint(connector: Self.checkpointName) ?? "") ?? 0
            let entries = try await store.stockJournal(after: checkpoint, limit: batchSize)
            guard let last = entries.last else { return published }
            let events = Self.events(for: entries)
            let messages = try events.map { try EventMessage.make($0, topic: KontorTopics.stockChanged) }
            for result in await producer.send(messages) {
                _ = try result.get()
            }
            try await store.saveCheckpoint(connector: Self.checkpointName, value: String(last.sequence))
            published += events.count
            logger.debug("published stock changes", metadata: ["kontor.count": "\(events.count)"])
        }
    }

    /// One event per SKU among `entries` (in order of first appearance): the locations that changed, the last kind
    /// of change and the highest sequence, from which the event id is derived.
    static func events(for entries: [StockJournalEntry]) -> [StockChangedEvent] {
        var order: [String] = []
        var bySKU: [String: [StockJournalEntry]] = [:]
        for entry in entries {
            if bySKU[entry.sku] == nil { order.append(entry.sku) }
            bySKU[entry.sku, default: []].append(entry)
        }
        return order.map { sku in
            let changes = bySKU[sku]!
            let last = changes.last!
            let id = EventID.derived(from: EventID("kontor.stock-journal"), stage: String(last.sequence))
            return StockChangedEvent(
                id: id,
                source: .inventory,
                subject: sku,
                correlationID: CorrelationID(id),
                data: StockChanged(
                    sku: sku,
                    locationIds: Set(changes.map(\.locationID)).sorted(),
                    change: last.change.rawValue,
                    sequence: last.sequence
                )
            )
        }
    }
}
