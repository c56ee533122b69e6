import Foundation
import KontorHTTPClient
import Synchronization

/// Where the poller gets its SP-API access token (`x-amz-access-token`).
public enum AmazonCredentials: Sendable, Hashable {
    /// A fixed token, e.g. for a sandbox. Real Login-with-Amazon tokens expire after an hour.
    case accessToken(String)
    /// Login with Amazon: a refresh token exchanged for short-lived access tokens at `tokenEndpoint`.
    case loginWithAmazon(tokenEndpoint: String, clientID: String, clientSecret: String, refreshToken: String)
}

/// Hands out a valid access token, refreshing it through Login with Amazon a minute before it
/// expires (or at once after the API refused it).
final class AmazonAccessToken: Sendable {
    private struct Cached {
        var token: String
        var expires: ContinuousClock.Instant
    }

    private let credentials: AmazonCredentials
    private let client: CurlHTTPClient
    private let cached = Mutex<Cached?>(nil)

    init(credentials: AmazonCredentials, client: CurlHTTPClient) {
        self.credentials = credentials
        self.client = client
    }

    func current() async throws -> String {
        switch credentials {
        case .accessToken(let token):
            return token
        case .loginWithAmazon(let endpoint, let clientID, let clientSecret, let refreshToken):
            if let token = cached.withLock({ $0.flatMap { ContinuousClock.now < $0.expires ? $0.token : nil } }) {
                return token
            }
            let form = [
                ("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", clientID),
                ("client_secret", clientSecret),
            ]
            .map { "\($0.0)=\(Self.formEncode($0.1))" }.joined(separator: "&")
            let response = try await client.execute(
                HTTPClientRequest(
                    method: "POST",
                    url: endpoint,
                    headers: [("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")],
                    body: Array(form.utf8)
                )
            )
            guard response.status == 200,
                let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
                let token = object["access_token"] as? String
            else {
                throw AmazonPollError(
                    "Login with Amazon refused the refresh token: HTTP \(response.status) \(response.bodyText.prefix(300))"
                )
            }
            let lifetime = (object["expires_in"] as? Int) ?? 3600
            cached.withLock { $0 = Cached(token: token, expires: .now + .seconds(max(lifetime - 60, 1))) }
            return token
        }
    }

    /// Forgets the cached token (the API answered 401/403 with it).
    func invalidate() {
        cached.withLock { $0 = nil }
    }

    static func formEncode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

extension ConnectorInstance.AmazonPolling {
    /// The credentials named by the settings, read from `environment`; the error says which
    /// variable is missing.
    public func credentials(from environment: [String: String]) -> Result<AmazonCredentials, AmazonPollError> {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        if let lwa = loginWithAmazon {
            let names = [
                lwa.clientIDEnvironmentVariable, lwa.clientSecretEnvironmentVariable,
                lwa.refreshTokenEnvironmentVariable,
            ]
            let missing = names.filter { value($0) == nil }
            guard missing.isEmpty else {
                return .failure(AmazonPollError("\(missing.map { "$" + $0 }.joined(separator: ", ")) not set"))
            }
            return .success(
                .loginWithAmazon(
                    tokenEndpoint: lwa.tokenEndpoint,
                    clientID: value(names[0])!,
                    clientSecret: value(names[1])!,
                    refreshToken: value(names[2])!
                )
            )
        }
        guard let name = accessTokenEnvironmentVariable, let token = value(name) else {
            return .failure(AmazonPollError("access token $\(accessTokenEnvironmentVariable ?? "?") not set"))
        }
        return .success(.accessToken(token))
    }
}
