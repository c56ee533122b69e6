/// Whether the buyer is a consumer or a business: `"b2c"` or `"b2b"`.
public struct CustomerType: RawRepresentable, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible,
    ClosedStringValue
{
    /// The wire value.
    public let rawValue: String

    /// Accepts only the known values.
    public init?(rawValue: String) {
        self.init(validating: rawValue)
    }

    init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    static let fieldDescription = "customer type"

    /// `b2c`: a consumer.
    public static let b2c = CustomerType(unchecked: "b2c")
    /// `b2b`: a business.
    public static let b2b = CustomerType(unchecked: "b2b")

    /// All known values.
    public static let allCases: [CustomerType] = [.b2c, .b2b]

    /// The wire value.
    public var description: String { rawValue }

    /// Decodes one of the known values.
    public init(from decoder: any Decoder) throws {
        self = try Self.decodeClosedValue(from: decoder)
    }

    /// Encodes the wire value.
    public func encode(to encoder: any Encoder) throws {
        try encodeClosedValue(to: encoder)
    }
}
