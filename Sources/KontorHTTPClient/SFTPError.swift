/// A failed SFTP operation. Carries no credentials: URLs never contain them and secrets are removed from
/// libcurl's messages.
public struct SFTPError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, for callers that react differently (retry, move to failed, alert).
    public enum Kind: String, Sendable, Equatable {
        /// The configuration cannot work (e.g. the private key file is missing); see `field`.
        case invalidConfiguration
        /// A remote path that cannot be sent (empty, control characters).
        case invalidPath
        case connectionFailed
        case timeout
        /// The server's host key is not the expected one (or not listed in `known_hosts`).
        case hostVerificationFailed
        case authenticationFailed
        /// The remote file or directory does not exist.
        case notFound
        case permissionDenied
        /// A remote command (rename, rm, mkdir) failed; `command` names it.
        case commandFailed
        /// The download is larger than the allowed maximum.
        case tooLarge
        /// A directory listing line could not be read.
        case unreadableListing
        /// Any other libcurl or SSH failure; see `curlCode` and `message`.
        case other
    }

    public var kind: Kind
    /// libcurl's `CURLcode`, or nil when the error was found before calling libcurl.
    public var curlCode: Int32?
    /// The server's or libcurl's explanation (e.g. "rename command failed: No such file or directory").
    public var message: String
    /// The SFTP URL of the operation, without credentials.
    public var url: String
    /// The remote command that failed (e.g. `rename "/in/a" "/done/a"`), for ``Kind/commandFailed``.
    public var command: String?
    /// The configuration field at fault, for ``Kind/invalidConfiguration``.
    public var field: String?

    public init(
        kind: Kind,
        curlCode: Int32? = nil,
        message: String,
        url: String,
        command: String? = nil,
        field: String? = nil
    ) {
        self.kind = kind
        self.curlCode = curlCode
        self.message = message
        self.url = url
        self.command = command
        self.field = field
    }

    public var description: String {
        var text = "SFTP \(kind.rawValue) at \(url): \(message)"
        if let command { text += " (command: \(command))" }
        if let field { text += " (field: \(field))" }
        if let curlCode { text += " (curl \(curlCode))" }
        return text
    }
}
