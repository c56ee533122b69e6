/// The channel an order came in through, such as `web`, `shopify` or `edi-x12`.
///
/// An open set: any string is accepted. Together with ``CanonicalOrder/orderNumber`` it identifies the external order
/// (see ``OrderID/derived(channel:orderNumber:)``).
public struct SalesChannel: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral, OpenStringValue
{
    /// Wraps a literal, e.g. `"amazon"`.
    public init(stringLiteral value: String) {
        self.init(rawValue: value)
    }

    /// The channel name.
    public let rawValue: String

    /// Creates a channel.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Creates a channel.
    public init(_ name: String) {
        self.init(rawValue: name)
    }

    /// `web`: Kontor's own HTTP order API or a web shop posting canonical JSON.
    public static let web = SalesChannel("web")
    /// `shopify`.
    public static let shopify = SalesChannel("shopify")
    /// `edi-x12`: ANSI X12 850 purchase orders.
    public static let ediX12 = SalesChannel("edi-x12")
    /// `edi-edifact`: UN/EDIFACT ORDERS messages.
    public static let ediEdifact = SalesChannel("edi-edifact")
}
