/// Where and how ``SMTPClient`` hands e-mail to a mail server.
public struct SMTPConfiguration: Sendable, Hashable {
    /// Whether the connection is encrypted with STARTTLS after the greeting (`CURLOPT_USE_SSL`).
    public enum StartTLS: String, Sendable, Hashable, CaseIterable {
        /// Plain SMTP (a relay on the same host or a test server).
        case off
        /// STARTTLS when the server offers it, plain otherwise.
        case opportunistic
        /// STARTTLS or no delivery: a server that does not offer it fails the send.
        case required
    }

    /// `smtp://host:port` (STARTTLS as ``startTLS`` says) or `smtps://host:port` (TLS from the start).
    public var url: String

    public var startTLS: StartTLS

    /// SMTP AUTH user, when the server needs a login.
    public var username: String?

    /// SMTP AUTH password.
    public var password: String?

    /// Whether the server's certificate is checked (turn off only for a test server with a self-signed one).
    public var verifyCertificate: Bool

    /// The whole delivery of one message, connection included.
    public var timeout: Duration

    /// The name sent in `EHLO`; nil lets libcurl choose.
    public var heloName: String?

    /// Creates a configuration.
    public init(
        url: String,
        startTLS: StartTLS = .off,
        username: String? = nil,
        password: String? = nil,
        verifyCertificate: Bool = true,
        timeout: Duration = .seconds(30),
        heloName: String? = nil
    ) {
        self.url = url
        self.startTLS = startTLS
        self.username = username
        self.password = password
        self.verifyCertificate = verifyCertificate
        self.timeout = timeout
        self.heloName = heloName
    }

    /// The `CURLOPT_USE_SSL` level for ``startTLS``: `CURLUSESSL_NONE`, `_TRY` or `_ALL` (0, 1, 3). An `smtps://`
    /// URL is encrypted from the start whatever this says.
    public var useSSLLevel: Int {
        switch startTLS {
        case .off: 0
        case .opportunistic: 1
        case .required: 3
        }
    }

    /// ``url`` with `/<heloName>` appended when set: libcurl takes the EHLO name from the URL's path.
    var effectiveURL: String {
        guard let heloName, !heloName.isEmpty else { return url }
        return url.hasSuffix("/") ? url + heloName : url + "/" + heloName
    }
}

/// A failed delivery: the server refused (a 4xx/5xx reply) or could not be reached.
public struct SMTPError: Error, CustomStringConvertible, Sendable {
    /// libcurl's `CURLcode`.
    public var curlCode: Int32
    /// libcurl's words, with the password removed.
    public var message: String
    /// The server's URL.
    public var url: String
    /// The last SMTP reply code, when the server answered (e.g. 550).
    public var replyCode: Int?

    /// Whether trying later can help: connection problems, timeouts and 4xx replies.
    public var isTransient: Bool {
        if let replyCode, (500..<600).contains(replyCode) { return false }
        switch curlCode {
        case 67, 64:  // CURLE_LOGIN_DENIED, CURLE_USE_SSL_FAILED: a configuration problem
            return false
        default:
            return true
        }
    }

    public var description: String {
        "SMTP delivery to \(url) failed: \(message) (curl \(curlCode)\(replyCode.map { ", reply \($0)" } ?? ""))"
    }
}
