import Foundation
import Hummingbird

/// The small JSON-object bodies of the operator routes (order actions, dead-letter replay and purge): read once,
/// with the same refusals everywhere.
enum JSONObjectBody {
    /// The body read, or the problem that refuses it.
    enum Outcome {
        case object([String: Any])
        case refused(ProblemDetails)
    }

    /// The body as a JSON object; an empty body is an empty object. **413** when it is larger than `limit`, **400**
    /// (`malformed-json`) when it is not a JSON object; `example` shows the expected shape in the detail.
    static func read(_ request: Request, limit: Int, example: String) async -> Outcome {
        let instance = request.uri.path
        let bytes: ByteBuffer
        do {
            bytes = try await request.body.collect(upTo: limit)
        } catch {
            return .refused(
                ProblemDetails(
                    type: ProblemDetails.Types.payloadTooLarge,
                    title: "Payload too large",
                    status: 413,
                    detail: "The body is at most \(limit) bytes.",
                    instance: instance
                )
            )
        }
        guard bytes.readableBytes > 0 else { return .object([:]) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView)) as? [String: Any]
        else {
            return .refused(
                ProblemDetails(
                    type: ProblemDetails.Types.malformedJSON,
                    title: "Malformed JSON",
                    status: 400,
                    detail: "The body must be a JSON object such as \(example).",
                    instance: instance
                )
            )
        }
        return .object(object)
    }

    /// A schema violation of one field of such a body.
    static func violation(_ field: String, _ message: String, instance: String) -> ProblemDetails {
        ProblemDetails(
            type: ProblemDetails.Types.schemaViolation,
            title: "Schema violation",
            status: 400,
            detail: "\(field): \(message)",
            instance: instance,
            field: field
        )
    }
}
