import Foundation

/// Kontor's id for an order: `"ord_"` followed by 32 lowercase hex digits (a UUID without dashes), e.g.
/// `ord_47b8758c5bbc57f6a9ac692300e086c3`.
///
/// Ids are assigned at ingest with ``derived(channel:orderNumber:)``, so the same external order from the same
/// channel always gets the same id, however often it is sent. Decoding accepts any string, so ids from older or
/// foreign systems pass through untouched.
public struct OrderID: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    OrderedStringValue
{
    /// The prefix of every id Kontor makes: `"ord_"`.
    public static let prefix = "ord_"

    /// The UUID namespace of derived order ids: `b8faf31e-411b-53a0-b42f-c1fe19f08322`, itself
    /// `UUIDv5(URL namespace, "https://kontor.dev/ns/order-id")`.
    public static let namespace = UUID(uuidString: "B8FAF31E-411B-53A0-B42F-C1FE19F08322")!

    /// The id.
    public let rawValue: String

    /// Wraps an id string.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Wraps an id string.
    public init(_ rawValue: String) {
        self.init(rawValue: rawValue)
    }

    /// The deterministic id of an external order: `"ord_" + hex(UUIDv5(namespace, UTF-8(channel) + 0x00 +
    /// UTF-8(orderNumber)))`, where `namespace` is ``namespace``. Channel and order number are used exactly as given
    /// (case and whitespace matter).
    public static func derived(channel: SalesChannel, orderNumber: String) -> OrderID {
        let uuid = NameBasedUUID.version5(namespace: namespace, channel.rawValue, orderNumber)
        return OrderID(prefix + NameBasedUUID.bytes(of: uuid).lowercaseHex)
    }

    /// A fresh random id (from a version 4 UUID), for orders that have no external identity.
    public static func random() -> OrderID {
        OrderID(prefix + NameBasedUUID.bytes(of: UUID()).lowercaseHex)
    }
}
