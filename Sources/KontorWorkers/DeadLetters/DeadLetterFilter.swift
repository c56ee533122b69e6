import KontorModel
import KontorStore

/// Reads the dead-letter filters `stage`, `since` (RFC 3339 date-time or `YYYY-MM-DD`), `error` and `status`, as
/// given to `kontor dlq` and the `/v1/dlq` routes.
public enum DeadLetterFilter {
    /// A filter value that cannot be used, naming the filter.
    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public var parameter: String
        public var message: String
        public var description: String { "\(parameter): \(message)" }
    }

    /// The query of the filters given (nil or empty = not set).
    public static func query(stage: String?, since: String?, error: String?, status: String?) throws(Invalid)
        -> DeadLetterQuery
    {
        var query = DeadLetterQuery()
        query.stage = nonEmpty(stage)
        if let since = nonEmpty(since) {
            guard let date = KontorDate(since) else {
                throw Invalid(
                    parameter: "since",
                    message: "'\(since)' is neither an RFC 3339 date-time nor a date YYYY-MM-DD"
                )
            }
            query.since = date.timestamp
        }
        query.errorText = nonEmpty(error)
        if let status = nonEmpty(status) {
            guard let value = DeadLetterRecord.Status(rawValue: status) else {
                let known = DeadLetterRecord.Status.allCases.map(\.rawValue).joined(separator: ", ")
                throw Invalid(parameter: "status", message: "'\(status)' is not a status (\(known))")
            }
            query.status = value
        }
        return query
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
