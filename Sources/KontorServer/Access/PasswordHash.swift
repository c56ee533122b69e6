import Crypto
import CryptoExtras
import Foundation

/// The dashboard password as configured (`auth.dashboardPassword`): a salted PBKDF2-SHA256 hash,
/// `pbkdf2-sha256:ROUNDS:SALT:HASH` (salt and hash in base64), made by `kontor token password`.
/// The password itself is never configured.
public struct PasswordHash: Sendable, Hashable, CustomStringConvertible {
    public static let scheme = "pbkdf2-sha256"
    /// OWASP's recommendation for PBKDF2-HMAC-SHA256 (and the least CryptoExtras accepts).
    public static let defaultRounds = 600_000
    static let minimumRounds = 210_000

    public var rounds: Int
    public var salt: [UInt8]
    public var hash: [UInt8]

    /// Hashes `password` with a new random salt.
    public init(hashing password: String, rounds: Int = defaultRounds) throws {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        self.rounds = rounds
        self.salt = salt
        self.hash = try Self.derive(password, salt: salt, rounds: rounds)
    }

    /// Parses the configured form.
    /// - Throws: ``AccessConfigurationError`` naming `location` and what is wrong (never echoing the value, which may
    ///   be a password pasted by mistake).
    public init(parsing text: String, location: String) throws(AccessConfigurationError) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == Self.scheme else {
            throw AccessConfigurationError(
                "\(location): must be a password hash \(Self.scheme):ROUNDS:SALT:HASH made by `kontor token password`,"
                    + " not the password itself"
            )
        }
        guard let rounds = Int(parts[1]), rounds >= Self.minimumRounds else {
            throw AccessConfigurationError("\(location): rounds must be a number of at least \(Self.minimumRounds)")
        }
        guard let salt = Data(base64Encoded: String(parts[2])), salt.count >= 8 else {
            throw AccessConfigurationError("\(location): the salt must be at least 8 bytes in base64")
        }
        guard let hash = Data(base64Encoded: String(parts[3])), hash.count == 32 else {
            throw AccessConfigurationError("\(location): the hash must be 32 bytes in base64")
        }
        self.rounds = rounds
        self.salt = Array(salt)
        self.hash = Array(hash)
    }

    /// Whether `password` is the one hashed, compared in constant time.
    public func verify(_ password: String) -> Bool {
        guard let derived = try? Self.derive(password, salt: salt, rounds: rounds) else { return false }
        return ConstantTime.equals(derived, hash)
    }

    /// The configured form, `pbkdf2-sha256:ROUNDS:SALT:HASH`.
    public var description: String {
        "\(Self.scheme):\(rounds):\(Data(salt).base64EncodedString()):\(Data(hash).base64EncodedString())"
    }

    private static func derive(_ password: String, salt: [UInt8], rounds: Int) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Array(password.utf8),
            salt: salt,
            using: .sha256,
            outputByteCount: 32,
            rounds: rounds
        )
        return key.withUnsafeBytes { Array($0) }
    }
}
