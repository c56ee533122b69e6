import Foundation

/// One configured connector: a file under `connectors/`. It names the connector type, the
/// mapping that translates its payloads, and where its secrets come from (environment variables,
/// never the file).
public struct ConnectorInstance: Sendable, Hashable {
    public struct ConnectorType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Partners push orders to an HTTP endpoint, signed with a shared secret.
        public static let webhook = Self(rawValue: "webhook")
        /// Kontor polls Amazon's Selling Partner API for new and changed orders.
        public static let amazonSPAPI = Self(rawValue: "amazon-sp-api")
        /// Kontor watches a folder for EDI and XML documents (see ``FileDrop``).
        public static let fileDrop = Self(rawValue: "file-drop")

        /// Kontor polls a partner's SFTP server for EDI and XML documents (see ``SFTPPolling``).
        public static let sftp = Self(rawValue: "sftp")

        public static let all: [Self] = [.webhook, .amazonSPAPI, .fileDrop, .sftp]
        public var description: String { rawValue }
    }

    /// How a webhook's signature is checked: an HMAC of the raw body in a header.
    public struct Signature: Sendable, Hashable {
        public enum Algorithm: String, Sendable, CaseIterable {
            case hmacSHA256 = "hmac-sha256"
            case hmacSHA512 = "hmac-sha512"
        }

        public enum Encoding: String, Sendable, CaseIterable {
            case base64
            case hex
        }

        public var header: String
        public var algorithm: Algorithm = .hmacSHA256
        public var encoding: Encoding = .base64
        /// Text before the digest in the header value, e.g. `sha256=`.
        public var prefix: String = ""
        /// The environment variable holding the shared secret.
        public var secretEnvironmentVariable: String

        public init(
            header: String,
            algorithm: Algorithm = .hmacSHA256,
            encoding: Encoding = .base64,
            prefix: String = "",
            secretEnvironmentVariable: String
        ) {
            self.header = header
            self.algorithm = algorithm
            self.encoding = encoding
            self.prefix = prefix
            self.secretEnvironmentVariable = secretEnvironmentVariable
        }
    }

    /// Settings of an Amazon SP-API poller.
    public struct AmazonPolling: Sendable, Hashable {
        public var endpoint: String
        public var marketplaceIDs: [String]
        public var pollInterval: Duration = .seconds(120)
        /// The environment variable holding a fixed access token (sandboxes, tests).
        public var accessTokenEnvironmentVariable: String?
        /// Login with Amazon: exchange a refresh token for access tokens as they expire.
        public var loginWithAmazon: LoginWithAmazon?
        /// How far back the first poll looks when no checkpoint was saved yet.
        public var initialLookback: Duration = .seconds(24 * 3600)
        /// First backoff after a 429 or 5xx; doubled per retry unless Retry-After says otherwise.
        public var initialBackoff: Duration = .seconds(1)
        public var maxAttempts: Int = 6

        public init(
            endpoint: String,
            marketplaceIDs: [String],
            pollInterval: Duration = .seconds(120),
            accessTokenEnvironmentVariable: String? = nil,
            loginWithAmazon: LoginWithAmazon? = nil,
            initialLookback: Duration = .seconds(24 * 3600),
            initialBackoff: Duration = .seconds(1),
            maxAttempts: Int = 6
        ) {
            self.endpoint = endpoint
            self.marketplaceIDs = marketplaceIDs
            self.pollInterval = pollInterval
            self.accessTokenEnvironmentVariable = accessTokenEnvironmentVariable
            self.loginWithAmazon = loginWithAmazon
            self.initialLookback = initialLookback
            self.initialBackoff = initialBackoff
            self.maxAttempts = maxAttempts
        }
    }

    /// Login-with-Amazon settings: the token endpoint and the environment variables of the secrets.
    public struct LoginWithAmazon: Sendable, Hashable {
        public var tokenEndpoint: String = "https://api.amazon.com/auth/o2/token"
        public var clientIDEnvironmentVariable: String
        public var clientSecretEnvironmentVariable: String
        public var refreshTokenEnvironmentVariable: String

        public init(
            tokenEndpoint: String = "https://api.amazon.com/auth/o2/token",
            clientIDEnvironmentVariable: String,
            clientSecretEnvironmentVariable: String,
            refreshTokenEnvironmentVariable: String
        ) {
            self.tokenEndpoint = tokenEndpoint
            self.clientIDEnvironmentVariable = clientIDEnvironmentVariable
            self.clientSecretEnvironmentVariable = clientSecretEnvironmentVariable
            self.refreshTokenEnvironmentVariable = refreshTokenEnvironmentVariable
        }
    }

    /// Settings of a file-drop connector: folders and timing. `kontor run` resolves relative paths against its
    /// state folder (``resolvingPaths(against:)``). `processed`, `failed` and `outbox` default to siblings of `inbox`.
    public struct FileDrop: Sendable, Hashable {
        public var inbox: String
        public var processed: String
        public var failed: String
        /// Where acknowledgements go unless the partner profile names its own outbound folder.
        public var outbox: String
        public var pollInterval: Duration = .seconds(1)
        /// A file is taken only when it has not changed for this long (senders still writing it).
        public var settleTime: Duration = .milliseconds(500)
        /// The trading partner every document in this inbox comes from; nil lets the envelope decide.
        public var partner: String?

        public init(
            inbox: String,
            processed: String? = nil,
            failed: String? = nil,
            outbox: String? = nil,
            pollInterval: Duration = .seconds(1),
            settleTime: Duration = .milliseconds(500),
            partner: String? = nil
        ) {
            let parent = (inbox as NSString).deletingLastPathComponent
            func sibling(_ name: String) -> String {
                parent.isEmpty ? name : (parent as NSString).appendingPathComponent(name)
            }
            self.inbox = inbox
            self.processed = processed ?? sibling("processed")
            self.failed = failed ?? sibling("failed")
            self.outbox = outbox ?? sibling("outbox")
            self.pollInterval = pollInterval
            self.settleTime = settleTime
            self.partner = partner
        }

        /// The settings with every relative folder made absolute under `directory`.
        public func resolvingPaths(against directory: String) -> FileDrop {
            func resolve(_ path: String) -> String {
                path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
            }
            var resolved = self
            resolved.inbox = resolve(inbox)
            resolved.processed = resolve(processed)
            resolved.failed = resolve(failed)
            resolved.outbox = resolve(outbox)
            return resolved
        }
    }

    /// Settings of an SFTP polling connector: the server, how Kontor logs in and checks the host key (secrets in
    /// environment variables), and the remote folders. Remote paths without a leading `/` are relative to the
    /// login's home folder; `processed`, `failed` and `outbox` default to siblings of `inbox`.
    public struct SFTPPolling: Sendable, Hashable {
        public var host: String
        public var port: Int = 22
        public var user: String
        /// A private key file (OpenSSH format); its passphrase, if any, in ``passphraseEnvironmentVariable``.
        public var privateKeyFile: String?
        public var passphraseEnvironmentVariable: String?
        /// Password login instead of a key.
        public var passwordEnvironmentVariable: String?
        /// A `known_hosts` file that must list the server's key.
        public var knownHostsFile: String?
        /// Or the server key's SHA-256 fingerprint (`SHA256:…` as `ssh-keygen -l` prints it).
        public var hostKeySHA256: String?
        public var inbox: String
        public var processed: String
        public var failed: String
        public var outbox: String
        public var pollInterval: Duration = .seconds(60)
        /// The trading partner this server belongs to; nil lets the envelope decide.
        public var partner: String?

        public init(
            host: String,
            port: Int = 22,
            user: String,
            privateKeyFile: String? = nil,
            passphraseEnvironmentVariable: String? = nil,
            passwordEnvironmentVariable: String? = nil,
            knownHostsFile: String? = nil,
            hostKeySHA256: String? = nil,
            inbox: String,
            processed: String? = nil,
            failed: String? = nil,
            outbox: String? = nil,
            pollInterval: Duration = .seconds(60),
            partner: String? = nil
        ) {
            let parent = (inbox as NSString).deletingLastPathComponent
            func sibling(_ name: String) -> String {
                parent.isEmpty ? name : (parent as NSString).appendingPathComponent(name)
            }
            self.host = host
            self.port = port
            self.user = user
            self.privateKeyFile = privateKeyFile
            self.passphraseEnvironmentVariable = passphraseEnvironmentVariable
            self.passwordEnvironmentVariable = passwordEnvironmentVariable
            self.knownHostsFile = knownHostsFile
            self.hostKeySHA256 = hostKeySHA256
            self.inbox = inbox
            self.processed = processed ?? sibling("processed")
            self.failed = failed ?? sibling("failed")
            self.outbox = outbox ?? sibling("outbox")
            self.pollInterval = pollInterval
            self.partner = partner
        }
    }

    /// The connector's name: the file name without `.yaml` unless `name:` says otherwise.
    public var name: String
    public var type: ConnectorType
    public var enabled: Bool
    /// The mapping (a folder under `mappings/`) that translates this connector's payloads; B2B connectors have
    /// none (the trading partner profile and the document's format decide).
    public var mapping: String?
    /// The file this instance came from.
    public var file: String

    /// Webhooks: the HTTP path partners post to, e.g. `/v1/webhooks/shopify`.
    public var path: String?
    public var signature: Signature?
    /// Webhooks: the header carrying the partner's delivery id, for deduplicating redeliveries.
    public var deduplicationHeader: String?

    public var amazon: AmazonPolling?

    public var fileDrop: FileDrop?

    public var sftp: SFTPPolling?

    public init(
        name: String,
        type: ConnectorType,
        enabled: Bool = true,
        mapping: String?,
        file: String,
        path: String? = nil,
        signature: Signature? = nil,
        deduplicationHeader: String? = nil,
        amazon: AmazonPolling? = nil,
        fileDrop: FileDrop? = nil,
        sftp: SFTPPolling? = nil
    ) {
        self.name = name
        self.type = type
        self.enabled = enabled
        self.mapping = mapping
        self.file = file
        self.path = path
        self.signature = signature
        self.deduplicationHeader = deduplicationHeader
        self.amazon = amazon
        self.fileDrop = fileDrop
        self.sftp = sftp
    }
}
