import KontorMapping

/// The problem details every signed-payload edge (partner webhooks, carrier tracking) answers a refused delivery
/// with, so both say the same thing for the same failure.
enum IngestRefusals {
    /// 401: the signature did not check out.
    static func badSignature(_ reason: String, instance: String) -> ProblemDetails {
        ProblemDetails(
            type: ProblemDetails.Types.badSignature,
            title: "Signature check failed",
            status: 401,
            detail: reason,
            instance: instance
        )
    }

    /// 400 for a payload that cannot be parsed, 422 for one that cannot be mapped; names the field and the
    /// quarantine record that keeps the raw body.
    static func invalid(_ error: MappingError, quarantineID: String?, instance: String) -> ProblemDetails {
        let malformed = error.kind == .malformedInput
        return ProblemDetails(
            type: malformed ? ProblemDetails.Types.malformedPayload : ProblemDetails.Types.unmappable,
            title: malformed ? "Malformed payload" : "Payload cannot be mapped",
            status: malformed ? 400 : 422,
            detail: error.description,
            instance: instance,
            field: error.field ?? error.canonicalField,
            quarantineId: quarantineID
        )
    }

    /// 503 with `Retry-After`: Kafka did not take the events.
    static func brokerUnavailable(
        _ reason: String,
        instance: String,
        configuration: IngestConfiguration
    ) -> ProblemDetails {
        ProblemDetails(
            type: ProblemDetails.Types.unavailable,
            title: "Broker unavailable",
            status: 503,
            detail: reason,
            instance: instance,
            retryAfter: configuration.retryAfterSeconds
        )
    }
}
