/// How a seller answers an order or one of its lines: `accepted`, `rejected` or `changed`.
public struct OrderResponseStatus: RawRepresentable, CaseIterable, Sendable, Hashable, Codable,
    CustomStringConvertible, ClosedStringValue
{
    /// The wire value.
    public let rawValue: String

    init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    static let fieldDescription = "order response status"

    /// `accepted`: accepted as ordered.
    public static let accepted = OrderResponseStatus(unchecked: "accepted")
    /// `rejected`: not accepted at all.
    public static let rejected = OrderResponseStatus(unchecked: "rejected")
    /// `changed`: accepted with changes (quantity, delivery date or price).
    public static let changed = OrderResponseStatus(unchecked: "changed")

    /// All known values.
    public static let allCases: [OrderResponseStatus] = [.accepted, .rejected, .changed]
}
