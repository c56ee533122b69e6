import Crypto
import Foundation
import KontorConnectors

/// A configured API token: its name, its scopes and the SHA-256 of the secret (the secret itself is never stored).
public struct APIToken: Sendable, Hashable {
    /// Who uses the token (`shop`, `ci`); shown in logs instead of the secret.
    public var name: String
    public var scopes: Set<AccessScope>
    /// SHA-256 of the token's UTF-8 bytes, 32 bytes.
    public var sha256: [UInt8]

    public init(name: String, scopes: Set<AccessScope>, sha256: [UInt8]) {
        self.name = name
        self.scopes = scopes
        self.sha256 = sha256
    }

    /// A token for `secret`, hashing it.
    public init(name: String, scopes: Set<AccessScope>, secret: String) {
        self.init(name: name, scopes: scopes, sha256: Self.hash(secret))
    }

    /// SHA-256 of `secret`.
    public static func hash(_ secret: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(secret.utf8)))
    }

    /// A new random secret: `kontor_` and 32 random bytes in base64url (256 bits from the system's CSPRNG).
    public static func generateSecret() -> String {
        "kontor_" + randomBase64URL(byteCount: 32)
    }

    /// `byteCount` random bytes as unpadded base64url.
    static func randomBase64URL(byteCount: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The hash as lower-case hex, as the tokens file and `auth.tokens` write it.
    public var sha256Hex: String { sha256.map { String(format: "%02x", $0) }.joined() }

    /// A name of letters, digits, `.`, `_` and `-`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy {
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0))
            }
    }

    /// Checks a name, scopes and hex hash from configuration; `location` names where they came from.
    public init(name: String, scopes: String, sha256 hex: String, location: String) throws(AccessConfigurationError) {
        guard Self.isValidName(name) else {
            throw AccessConfigurationError(
                "\(location): name '\(name)' must be 1 to 64 letters, digits, '.', '_' or '-'"
            )
        }
        let scopes = try AccessScope.parseList(scopes, where: "\(location) (\(name)): scopes")
        guard let hash = WebhookSignature.decodeHex(hex.trimmingCharacters(in: .whitespaces)), hash.count == 32 else {
            throw AccessConfigurationError(
                "\(location) (\(name)): sha256 must be 64 hex digits (the token's SHA-256, not the token)"
            )
        }
        self.init(name: name, scopes: scopes, sha256: hash)
    }

    /// Parses one `auth.tokens` entry, `NAME:SCOPE+SCOPE:SHA256HEX`.
    public init(entry: String, location: String) throws(AccessConfigurationError) {
        let parts = entry.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw AccessConfigurationError(
                // The entry is not echoed: it may be a token pasted by mistake.
                "\(location): must be NAME:SCOPE+SCOPE:SHA256 (e.g. shop:ingest:9f86d0...), not the token itself"
            )
        }
        try self.init(name: String(parts[0]), scopes: String(parts[1]), sha256: String(parts[2]), location: location)
    }
}
