import Crypto
import Foundation
import KontorHTTPClient
import KontorModel

/// Posts notifications to customer systems: a JSON body signed with the endpoint's secret.
///
/// Headers: `Content-Type: application/json`, `X-Kontor-Signature: sha256=<hex HMAC-SHA256 of the body>`,
/// `X-Kontor-Timestamp` (seconds since 1970 when sent), `X-Kontor-Notification-Id` (the same on every attempt, for
/// the receiver to drop duplicates) and `X-Kontor-Event` (the template). The body is the same on every attempt.
public struct WebhookNotifier: Sendable {
    /// What a failed post means for the stage.
    public enum Failure: Error, CustomStringConvertible, Sendable {
        /// A 5xx, 408 or 429 answer, or no answer (connect error, timeout): worth retrying.
        case transient(String)
        /// Any other non-2xx answer: the endpoint refuses this notification.
        case refused(String)

        public var description: String {
            switch self {
            case .transient(let message), .refused(let message): message
            }
        }
    }

    private let client: CurlHTTPClient

    public init(client: CurlHTTPClient = CurlHTTPClient()) {
        self.client = client
    }

    /// `sha256=<hex>` of `body` keyed with `secret`.
    public static func signature(of body: [UInt8], secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Posts `body` to `endpoint`; returns when it answered 2xx.
    public func post(
        _ body: [UInt8],
        to endpoint: WebhookEndpoint,
        notificationID: String,
        template: NotificationTemplate,
        now: Date = Date()
    ) async throws(Failure) {
        let request = HTTPClientRequest(
            method: "POST",
            url: endpoint.url,
            headers: [
                ("Content-Type", "application/json"),
                ("X-Kontor-Signature", Self.signature(of: body, secret: endpoint.secret)),
                ("X-Kontor-Timestamp", String(Int(now.timeIntervalSince1970))),
                ("X-Kontor-Notification-Id", notificationID),
                ("X-Kontor-Event", template.rawValue),
            ],
            body: body,
            timeout: endpoint.timeout
        )
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request)
        } catch {
            throw .transient("webhook '\(endpoint.name)' (\(endpoint.displayURL)): \(error.message)")
        }
        switch response.status {
        case 200..<300:
            return
        case 408, 429, 500..<600:
            throw .transient("webhook '\(endpoint.name)' (\(endpoint.displayURL)) answered \(response.status)")
        default:
            throw .refused(
                "webhook '\(endpoint.name)' (\(endpoint.displayURL)) refused the notification with \(response.status): "
                    + String(response.bodyText.prefix(200))
            )
        }
    }
}
