/// Whether the buyer is a consumer or a business: `"b2c"` or `"b2b"`.
public struct CustomerType: RawRepresentable, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible,
    ClosedStringValue
{
    /// The wire value.
    public let rawValue: String

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
}
