/// A public struct that wraps one `String`, its wire value, such as ``SalesChannel``, ``EventID`` or ``CountryCode``.
///
/// Conforming provides `description` (the wire value). `Codable` needs no code: the standard library's default for
/// `RawRepresentable` types with a `String` raw value encodes one JSON string and decodes through `init(rawValue:)`.
/// Types that reject some strings conform to ``CheckedStringValue`` for a readable decoding error.
///
/// These protocols are internal building blocks. A type still lists the public protocols it conforms to
/// (`RawRepresentable`, `Codable`, `CustomStringConvertible`, ...), so its declaration shows its public API.
///
/// The `public` members of their extensions reach other modules only as witnesses of those public protocols'
/// requirements (`description`, `init(rawValue:)`, `init(from:)`, `<`, ...). Any other public member, such as an
/// `init(_:)`, belongs in the type itself: from an extension here it would be invisible outside KontorModel.
protocol StringValue: RawRepresentable<String>, Codable, CustomStringConvertible {}

extension StringValue {
    /// The wire value.
    public var description: String { rawValue }
}

/// A ``StringValue`` of an open set, such as ``SalesChannel``: every string is a value, so a literal makes one too.
///
/// Each type declares its own `init(stringLiteral:)`: a default here would be an internal protocol's
/// extension member, which release builds of other modules fail to link when they use a literal.
protocol OpenStringValue: StringValue, ExpressibleByStringLiteral {
    /// Wraps any string.
    init(rawValue: String)
}

/// A ``StringValue`` ordered by its wire value.
protocol OrderedStringValue: StringValue, Comparable {}

extension OrderedStringValue {
    /// Orders lexicographically by the wire value.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// A ``StringValue`` that accepts only some strings. Decoding a string that `init(rawValue:)` rejects throws
/// `DecodingError.dataCorrupted` with the message `invalid <fieldDescription> "<string>": expected <expectedFormat>`
/// (just `invalid <fieldDescription> "<string>"` without an ``expectedFormat``), which ``CanonicalJSON`` reports as
/// the message of an ``OrderDecodingError``.
protocol CheckedStringValue: StringValue {
    /// What the value is, for error messages, e.g. `"country code"`.
    static var fieldDescription: String { get }

    /// What a valid string looks like, for error messages, e.g. `"a version like \"1.0\""`; `nil` to say nothing.
    static var expectedFormat: String? { get }
}

extension CheckedStringValue {
    /// Decodes a string that ``init(rawValue:)`` accepts.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        guard let value = Self(rawValue: string) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "invalid \(Self.fieldDescription) \"\(string)\""
                    + (Self.expectedFormat.map { ": expected \($0)" } ?? "")
            )
        }
        self = value
    }
}

/// A ``CheckedStringValue`` that keeps a string unchanged once ``isValid(_:)`` accepts it.
protocol ValidatedStringValue: CheckedStringValue {
    /// Wraps a string known to be valid, for the type's own constants.
    init(unchecked rawValue: String)

    /// `true` when `string` is a valid value.
    static func isValid(_ string: String) -> Bool
}

extension ValidatedStringValue {
    /// Accepts only a valid string (see the type's documentation).
    public init?(rawValue: String) {
        guard Self.isValid(rawValue) else { return nil }
        self.init(unchecked: rawValue)
    }
}
