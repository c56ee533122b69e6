import Foundation

/// The `order_progress` table's statements and its headers column, shared by both backends.
enum ProgressColumns {
    /// The columns in the order of the upsert's values.
    static let names =
        "order_id, event_id, correlation_id, step, stage, topic, message_key, value, headers_json, updated_at"

    /// What replaces a submission's stored event: a later step, or a newer event of the same step (a stage that acts
    /// on an order again, e.g. allocation once backordered stock arrives). A late or repeated write leaves it alone.
    static let replaceCondition = """
        excluded.step > order_progress.step OR (excluded.step = order_progress.step \
        AND excluded.updated_at > order_progress.updated_at AND excluded.event_id <> order_progress.event_id)
        """

    /// The pairs of `consumers` (topic → stages) as two parallel arrays, sorted.
    static func consumerPairs(_ consumers: [String: Set<String>]) -> (topics: [String], stages: [String]) {
        let pairs = consumers.flatMap { topic, stages in stages.map { (topic, $0) } }.sorted { $0 < $1 }
        return (pairs.map(\.0), pairs.map(\.1))
    }

    /// The condition on `order_progress` rows of ``OrderProgressStore/pendingProgress(consumers:)``, given a
    /// `consumers(topic, stage)` relation.
    static let pendingCondition = """
        EXISTS (SELECT 1 FROM consumers c WHERE c.topic = order_progress.topic AND NOT EXISTS \
        (SELECT 1 FROM processed_events e WHERE e.stage = c.stage AND e.event_id = order_progress.event_id))
        """

    /// The assignments of the upsert's `DO UPDATE SET`.
    static let assignments = """
        event_id = excluded.event_id, step = excluded.step, stage = excluded.stage, topic = excluded.topic, message_key = excluded.message_key, value = excluded.value,
        headers_json = excluded.headers_json, updated_at = excluded.updated_at
        """

    private struct StoredHeader: Codable {
        var key: String
        /// Base64, so that any bytes survive; nil for a header without a value.
        var value: String?
    }

    /// The headers as a JSON array of `{"key", "value"}` objects, values in base64.
    static func encode(_ headers: [ProgressEvent.Header]) -> String {
        let stored = headers.map { StoredHeader(key: $0.key, value: $0.value.map { Data($0).base64EncodedString() }) }
        // Encoding an array of strings cannot fail.
        return String(decoding: (try? JSONEncoder().encode(stored)) ?? Data("[]".utf8), as: UTF8.self)
    }

    /// The headers from their JSON column; `orderID` names the row in the error.
    static func decode(_ json: String, orderID: String) throws -> [ProgressEvent.Header] {
        let stored: [StoredHeader]
        do {
            stored = try JSONDecoder().decode([StoredHeader].self, from: Data(json.utf8))
        } catch {
            throw StoreError.invalidValue(
                field: "order_progress[\(orderID)].headers_json",
                value: String(json.prefix(80)),
                reason: "is not a JSON array of headers: \(error)"
            )
        }
        return try stored.map { header in
            guard let text = header.value else { return ProgressEvent.Header(key: header.key, value: nil) }
            guard let bytes = Data(base64Encoded: text) else {
                throw StoreError.invalidValue(
                    field: "order_progress[\(orderID)].headers_json[\(header.key)]",
                    value: String(text.prefix(80)),
                    reason: "is not base64"
                )
            }
            return ProgressEvent.Header(key: header.key, value: Array(bytes))
        }
    }
}
