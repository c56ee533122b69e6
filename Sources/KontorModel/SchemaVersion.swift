/// The version of a Kontor JSON contract, such as `"1.0"`: `major(.minor)*`.
///
/// Readers accept any minor version of the major version they know; a new major version is a breaking change.
public struct SchemaVersion: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible,
    ValidatedStringValue
{
    /// The version as written, e.g. `"1.0"`.
    public let rawValue: String

    /// The version Kontor writes today: `"1.0"`.
    public static let current = SchemaVersion(unchecked: "1.0")

    /// The major version Kontor reads: 1.
    public static let supportedMajor = 1

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

    static let fieldDescription = "schema version"
    static let expectedFormat: String? = #"a version like "1.0""#

    /// `true` for `^[0-9]+(\.[0-9]+)*$`.
    static func isValid(_ string: String) -> Bool {
        major(of: string) != nil
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
