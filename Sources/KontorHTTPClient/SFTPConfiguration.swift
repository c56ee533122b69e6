import Foundation

/// Where and how an ``SFTPClient`` connects.
public struct SFTPConfiguration: Sendable {
    /// Host name or IP address of the SFTP server.
    public var host: String
    public var port: Int
    public var user: String
    public var authentication: SFTPAuthentication
    /// How the server's host key is checked. Strict unless ``SFTPHostVerification/insecureAcceptAnyHostKey``
    /// is chosen explicitly.
    public var hostVerification: SFTPHostVerification
    /// Limit for establishing the connection (TCP, SSH handshake and login).
    public var connectTimeout: Duration
    /// Limit for a whole operation, connection included.
    public var operationTimeout: Duration
    /// Downloads larger than this fail with ``SFTPError/Kind/tooLarge`` unless a call sets its own limit.
    public var maxDownloadSize: Int

    public init(
        host: String,
        port: Int = 22,
        user: String,
        authentication: SFTPAuthentication,
        hostVerification: SFTPHostVerification = .knownHosts(path: SFTPHostVerification.defaultKnownHostsPath),
        connectTimeout: Duration = .seconds(15),
        operationTimeout: Duration = .seconds(120),
        maxDownloadSize: Int = 64 * 1024 * 1024
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.authentication = authentication
        self.hostVerification = hostVerification
        self.connectTimeout = connectTimeout
        self.operationTimeout = operationTimeout
        self.maxDownloadSize = maxDownloadSize
    }
}

/// How the client logs in. Secrets never appear in descriptions, logs or errors.
public enum SFTPAuthentication: Sendable, CustomStringConvertible, CustomReflectable {
    /// A private key file (OpenSSH or PEM format), optionally protected by a passphrase. libssh2 derives the
    /// public key from the private key when `publicKeyPath` is nil.
    case privateKey(path: String, passphrase: String? = nil, publicKeyPath: String? = nil)
    case password(String)

    public var description: String {
        switch self {
        case .privateKey(let path, let passphrase, _):
            "private key \(path)\(passphrase == nil ? "" : " (with passphrase)")"
        case .password:
            "password (redacted)"
        }
    }

    // Keeps `dump()` and debugger output from showing the secrets.
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }

    /// The secret strings, so that they can be removed from any text that leaves the client.
    var secrets: [String] {
        switch self {
        case .privateKey(_, let passphrase, _): passphrase.map { [$0] } ?? []
        case .password(let password): [password]
        }
    }
}

/// How the server's host key is verified.
public enum SFTPHostVerification: Sendable, Equatable {
    /// The host must be listed with its key in this OpenSSH `known_hosts` file (for a port other than 22 as
    /// `[host]:port`). A missing entry is refused like a wrong one.
    case knownHosts(path: String)
    /// The SHA256 fingerprint of the host's public key as `ssh-keygen -lf` prints it (`SHA256:` prefix optional).
    case sha256Fingerprint(String)
    /// Accepts any host key. Only for tests and trusted networks: it allows a man in the middle.
    case insecureAcceptAnyHostKey

    /// `~/.ssh/known_hosts` of the current user.
    public static var defaultKnownHostsPath: String {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".ssh/known_hosts")
    }
}
