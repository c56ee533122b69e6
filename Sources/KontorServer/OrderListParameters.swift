import KontorModel
import KontorStore

/// The query of `GET /v1/orders`, read from its parameters:
/// `status` and `channel` (repeatable, or comma-separated), `from` and `to` (RFC 3339 date-time or `YYYY-MM-DD`;
/// `from` inclusive, `to` exclusive for a date-time and through the end of the day for a date), `customer` (customer
/// id), `q` (text in the order number or customer name), `limit` (1...1000, default 50) and `cursor` (the previous
/// page's `nextCursor`).
struct OrderListParameters {
    /// A parameter that cannot be used, named for the problem answer.
    struct Invalid: Error, Equatable {
        var parameter: String
        var message: String
    }

    var query: OrderQuery

    /// Whether the answer includes counts by status and channel: on the first page only (no cursor).
    var includesCounts: Bool { query.after == nil }

    init(_ parameters: [(key: String, value: String)]) throws(Invalid) {
        query = OrderQuery()
        let known: Set<String> = ["status", "channel", "from", "to", "customer", "q", "limit", "cursor", "flag"]
        if let unknown = parameters.map(\.key).first(where: { !known.contains($0) }) {
            throw Invalid(parameter: unknown, message: "unknown parameter; known are \(known.sorted())")
        }
        for status in Self.values("status", parameters) {
            guard OrderStatus(rawValue: status) != nil else {
                let statuses = OrderStatus.allCases.map(\.rawValue).joined(separator: ", ")
                throw Invalid(parameter: "status", message: "'\(status)' is not an order status (\(statuses))")
            }
            query.statuses.append(status)
        }
        query.channels = Self.values("channel", parameters).map { SalesChannel($0) }
        if let from = try Self.single("from", parameters) {
            query.createdFrom = try Self.instant(from, parameter: "from", endOfDay: false)
        }
        if let to = try Self.single("to", parameters) {
            query.createdBefore = try Self.instant(to, parameter: "to", endOfDay: true)
        }
        if let from = query.createdFrom, let to = query.createdBefore, !(from < to) {
            throw Invalid(parameter: "to", message: "must be later than 'from'")
        }
        query.customerID = try Self.single("customer", parameters)
        query.text = try Self.single("q", parameters)
        if let limit = try Self.single("limit", parameters) {
            guard let number = Int(limit), (1...1000).contains(number) else {
                throw Invalid(parameter: "limit", message: "'\(limit)' is not a number in 1...1000")
            }
            query.limit = number
        }
        query.after = try Self.single("cursor", parameters)
        if let flag = try Self.single("flag", parameters) {
            guard ["delayed", "exception"].contains(flag) else {
                throw Invalid(parameter: "flag", message: "'\(flag)' is not a flag (delayed, exception)")
            }
            query.flag = flag
        }
    }

    /// Every non-empty value of a repeatable parameter, comma-separated values split.
    private static func values(_ name: String, _ parameters: [(key: String, value: String)]) -> [String] {
        parameters.filter { $0.key == name }.flatMap { $0.value.split(separator: ",") }.map(String.init)
            .filter { !$0.isEmpty }
    }

    /// The value of a parameter given at most once; nil when absent or empty.
    private static func single(_ name: String, _ parameters: [(key: String, value: String)]) throws(Invalid)
        -> String?
    {
        let values = parameters.filter { $0.key == name }.map(\.value)
        guard values.count <= 1 else { throw Invalid(parameter: name, message: "given more than once") }
        return values.first.flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func instant(_ text: String, parameter: String, endOfDay: Bool) throws(Invalid) -> Timestamp {
        guard let date = KontorDate(text) else {
            throw Invalid(
                parameter: parameter,
                message: "'\(text)' is neither an RFC 3339 date-time nor a date YYYY-MM-DD"
            )
        }
        guard endOfDay, date.isDateOnly else { return date.timestamp }
        return Timestamp(microsecondsSinceEpoch: date.timestamp.microsecondsSinceEpoch + 86_400_000_000)
    }
}
