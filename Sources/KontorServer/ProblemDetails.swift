import Foundation
import HTTPTypes
import Hummingbird

/// An RFC 9457 problem-details body (`application/problem+json`).
public struct ProblemDetails: Codable, Sendable, Hashable {
    /// A URI naming the problem type.
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    public var instance: String?
    /// The JSON path of the offending field (`lines[0].quantity`), when one is to blame.
    public var field: String?
    /// Where the raw request was kept for repair and replay.
    public var quarantineId: String?
    /// Seconds to wait before retrying, for 429/503.
    public var retryAfter: Int?
    /// The functional acknowledgement (X12 997/999/TA1, EDIFACT CONTRL) due for a refused B2B document.
    public var acknowledgement: String?

    public init(
        type: String,
        title: String,
        status: Int,
        detail: String,
        instance: String? = nil,
        field: String? = nil,
        quarantineId: String? = nil,
        retryAfter: Int? = nil,
        acknowledgement: String? = nil
    ) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.instance = instance
        self.field = field
        self.quarantineId = quarantineId
        self.retryAfter = retryAfter
        self.acknowledgement = acknowledgement
    }

    /// Problem type URIs, documented in the README.
    public enum Types {
        public static let malformedJSON = "https://kontor.dev/problems/malformed-json"
        public static let schemaViolation = "https://kontor.dev/problems/schema-violation"
        public static let payloadTooLarge = "https://kontor.dev/problems/payload-too-large"
        public static let overloaded = "https://kontor.dev/problems/pipeline-overloaded"
        public static let unavailable = "https://kontor.dev/problems/broker-unavailable"
        public static let unsupportedMediaType = "https://kontor.dev/problems/unsupported-media-type"
        public static let badSignature = "https://kontor.dev/problems/bad-signature"
        public static let malformedPayload = "https://kontor.dev/problems/malformed-payload"
        public static let unmappable = "https://kontor.dev/problems/unmappable-payload"
        public static let connectorUnavailable = "https://kontor.dev/problems/connector-unavailable"
        public static let notFound = "https://kontor.dev/problems/not-found"
        public static let invalidParameter = "https://kontor.dev/problems/invalid-parameter"
        public static let illegalTransition = "https://kontor.dev/problems/illegal-transition"
        public static let unauthorized = "https://kontor.dev/problems/unauthorized"
        public static let forbidden = "https://kontor.dev/problems/forbidden"
        public static let tooManyRequests = "https://kontor.dev/problems/too-many-requests"
    }

    /// The HTTP response carrying this problem.
    public var response: Response {
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfter {
            headers[.retryAfter] = "\(retryAfter)"
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(self)) ?? Data()
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}
