import PostgresNIO

extension PostgresStore: ProcessedEventLog {
    public func processed(stage: String, among eventIDs: [String]) async throws -> Set<String> {
        guard !eventIDs.isEmpty else { return [] }
        return Set(
            try await fetch(
                "SELECT event_id FROM processed_events WHERE stage = \(stage) AND event_id = ANY(\(eventIDs))"
            ) { try $0.value("event_id", as: String.self) }
        )
    }

    public func record(stage: String, eventIDs: [String]) async throws {
        guard !eventIDs.isEmpty else { return }
        try await execute(
            """
            INSERT INTO processed_events (stage, event_id)
            SELECT \(stage), id FROM unnest(\(eventIDs)::text[]) AS id
            ON CONFLICT DO NOTHING
            """
        )
    }

    /// Forgets processed-event records older than `age`; returns how many were removed.
    @discardableResult
    public func pruneProcessedEvents(olderThan age: Duration) async throws -> Int {
        let seconds = Double(age.microseconds) / 1_000_000
        return try await fetch(
            """
            DELETE FROM processed_events WHERE processed_at < now() - make_interval(secs => \(seconds))
            RETURNING 1 AS removed
            """
        ) { _ in 1 }.count
    }
}

extension PostgresStore: ConnectorStateStore {
    public func recordDelivery(connector: String, deliveryID: String) async throws -> Bool {
        try await !fetch(
            """
            INSERT INTO webhook_deliveries (connector, delivery_id) VALUES (\(connector), \(deliveryID))
            ON CONFLICT DO NOTHING RETURNING 1 AS inserted
            """
        ) { _ in 1 }.isEmpty
    }

    public func hasDelivery(connector: String, deliveryID: String) async throws -> Bool {
        try await !fetch(
            "SELECT 1 AS found FROM webhook_deliveries WHERE connector = \(connector) AND delivery_id = \(deliveryID)"
        ) { _ in 1 }.isEmpty
    }

    public func checkpoint(connector: String) async throws -> String? {
        try await fetch("SELECT value FROM connector_checkpoints WHERE connector = \(connector)") {
            try $0.value("value", as: String.self)
        }.first
    }

    public func saveCheckpoint(connector: String, value: String) async throws {
        try await execute(
            """
            INSERT INTO connector_checkpoints (connector, value) VALUES (\(connector), \(value))
            ON CONFLICT (connector) DO UPDATE SET value = excluded.value, updated_at = now()
            """
        )
    }

    public func nextSequenceNumber(_ name: String) async throws -> Int {
        // One statement: the row lock of the upsert makes concurrent callers take turns.
        try await fetch(
            """
            INSERT INTO sequences (name, value) VALUES (\(name), 1)
            ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1 RETURNING value
            """
        ) { try $0.value("value", as: Int.self) }[0]
    }
}
