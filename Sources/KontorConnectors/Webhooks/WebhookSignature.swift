import Crypto
import Foundation

/// Checks a webhook's HMAC signature of the raw body, in constant time.
public struct WebhookSignature: Sendable {
    public let configuration: ConnectorInstance.Signature
    private let key: SymmetricKey

    public init(configuration: ConnectorInstance.Signature, secret: String) {
        self.configuration = configuration
        self.key = SymmetricKey(data: Array(secret.utf8))
    }

    public enum Verdict: Sendable, Equatable {
        case valid
        case missing
        case malformed
        case mismatch
    }

    /// Verifies `headerValue` (the signature header as sent) against `body`.
    public func verify(body: [UInt8], headerValue: String?) -> Verdict {
        guard var text = headerValue?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return .missing }
        if !configuration.prefix.isEmpty {
            guard text.hasPrefix(configuration.prefix) else { return .malformed }
            text.removeFirst(configuration.prefix.count)
        }
        let digest: [UInt8]?
        switch configuration.encoding {
        case .base64: digest = Data(base64Encoded: text).map(Array.init)
        case .hex: digest = Self.decodeHex(text)
        }
        guard let digest else { return .malformed }
        // HMAC.isValidAuthenticationCode compares in constant time.
        let valid =
            switch configuration.algorithm {
            case .hmacSHA256: HMAC<SHA256>.isValidAuthenticationCode(digest, authenticating: body, using: key)
            case .hmacSHA512: HMAC<SHA512>.isValidAuthenticationCode(digest, authenticating: body, using: key)
            }
        return valid ? .valid : .mismatch
    }

    /// The header value a partner would send for `body` (for tests and for signing outbound calls).
    public func sign(_ body: [UInt8]) -> String {
        let mac: [UInt8] =
            switch configuration.algorithm {
            case .hmacSHA256: Array(HMAC<SHA256>.authenticationCode(for: body, using: key))
            case .hmacSHA512: Array(HMAC<SHA512>.authenticationCode(for: body, using: key))
            }
        let encoded =
            switch configuration.encoding {
            case .base64: Data(mac).base64EncodedString()
            case .hex: mac.map { String(format: "%02x", $0) }.joined()
            }
        return configuration.prefix + encoded
    }

    /// The bytes of a hex string (either case), or nil for an odd length or a non-hex digit.
    public static func decodeHex(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
