import Hummingbird

extension ProblemDetails.Types {
    /// A return the order does not allow: a line not on the order, more pieces than are left to return, the return
    /// window passed (422).
    public static let returnRefused = "https://kontor.dev/problems/return-refused"

    /// An `Idempotency-Key` sent again with a different request (409).
    public static let idempotencyConflict = "https://kontor.dev/problems/idempotency-conflict"
}

/// The problem answers of the returns routes.
enum ReturnProblems {
    /// 422 `schema-violation`: a field of the body is missing or has the wrong type or value.
    static func invalid(_ field: String, _ message: String, instance: String, quarantineId: String? = nil) -> Response {
        ProblemDetails(
            type: ProblemDetails.Types.schemaViolation,
            title: "Schema violation",
            status: 422,
            detail: "\(field): \(message)",
            instance: instance,
            field: field,
            quarantineId: quarantineId
        ).response
    }

    /// 422 `return-refused`, naming the field when one is to blame.
    static func refused(
        _ detail: String,
        field: String? = nil,
        instance: String,
        quarantineId: String? = nil
    ) -> Response {
        ProblemDetails(
            type: ProblemDetails.Types.returnRefused,
            title: "Return refused",
            status: 422,
            detail: detail,
            instance: instance,
            field: field,
            quarantineId: quarantineId
        ).response
    }

    /// 404 `not-found` for an RMA number.
    static func unknownRMA(_ rmaNumber: String, instance: String) -> Response {
        ProblemDetails(
            type: ProblemDetails.Types.notFound,
            title: "Unknown RMA",
            status: 404,
            detail: "No RMA with number '\(rmaNumber)'.",
            instance: instance
        ).response
    }

    /// 409 `idempotency-conflict`.
    static func idempotencyConflict(_ key: String, instance: String) -> Response {
        ProblemDetails(
            type: ProblemDetails.Types.idempotencyConflict,
            title: "Idempotency key reused",
            status: 409,
            detail: "Idempotency-Key '\(key)' was already used with a different request.",
            instance: instance
        ).response
    }

    /// 503 `broker-unavailable`.
    static func unavailable(_ detail: String, instance: String) -> Response {
        ProblemDetails(
            type: ProblemDetails.Types.unavailable,
            title: "Not published",
            status: 503,
            detail: detail,
            instance: instance,
            retryAfter: 5
        ).response
    }
}
