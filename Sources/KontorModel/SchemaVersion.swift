/// The version of a Kontor JSON contract, such as `"1.0"`: `major(.minor)*`.
///
/// Readers accept any minor version of the major version they know; a new major version is a breaking change.
public struct SchemaVersion: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The version as written, e.g. `"1.0"`.
    public let rawValue: String

    /// The version Kontor writes today: `"1.0"`.
    public static let current = SchemaVersion(unchecked: "1.0")

    /// The major version Kontor reads: 1.
    public static let supportedMajor = 1

    /// Accepts `^[0-9]+(\.[0-9]+)*$`.
    public init?(rawValue: String) {
        guard Self.major(of: rawValue) != nil else { return nil }
        self.rawValue = rawValue
    }

    /// Accepts `^[0-9]+(\.[0-9]+)*$`.
    public init?(_ string: String) {
        self.init(rawValue: string)
    }

    init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    /// The major version, e.g. 1 for `"1.0"`.
    public var major: Int { Self.major(of: rawValue) ?? 0 }

    /// `true` when Kontor can read this version.
    public var isSupported: Bool { major == Self.supportedMajor }

    /// The version as written.
    public var description: String { rawValue }

    /// Decodes a version string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        guard Self.major(of: string) != nil else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "invalid schema version \"\(string)\": expected a version like \"1.0\""
            )
        }
        rawValue = string
    }

    /// Encodes the version string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    static func major(of string: String) -> Int? {
        let parts = string.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty,
            parts.allSatisfy({
                !$0.isEmpty && $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            })
        else { return nil }
        return Int(parts[0])
    }
}
