import Foundation

/// The id of an event (CloudEvents `id`): a lowercase UUID string such as `0de2f8f5-bfba-566e-80e8-75b33c730f64`.
///
/// Use ``random()`` for events that start something (an order arriving at the edge) and
/// ``derived(from:stage:)`` for events caused by another event, so that processing the same input twice yields the
/// same downstream id and consumers can drop the duplicate.
public struct EventID: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    OrderedStringValue
{
    /// The UUID namespace of derived event ids: `abfc14ad-93d6-5f7b-ae5b-9e8901644766`, itself
    /// `UUIDv5(URL namespace, "https://kontor.dev/ns/event-id")`.
    public static let namespace = UUID(uuidString: "ABFC14AD-93D6-5F7B-AE5B-9E8901644766")!

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

    /// A fresh random id (a version 4 UUID, lowercase).
    public static func random() -> EventID {
        EventID(UUID().uuidString.lowercased())
    }

    /// The deterministic id of the event that `stage` emits because of `causingEventID`:
    /// `UUIDv5(namespace, UTF-8(causingEventID) + 0x00 + UTF-8(stage))`, lowercase, where `namespace` is
    /// ``namespace``.
    public static func derived(from causingEventID: EventID, stage: String) -> EventID {
        EventID(NameBasedUUID.version5(namespace: namespace, causingEventID.rawValue, stage).uuidString.lowercased())
    }
}

/// Ties together all events that stem from one original request (CloudEvents extension `correlationid`).
///
/// The edge sets it (to the HTTP request id or the first event's id); every later event copies it.
public struct CorrelationID: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible, StringValue {
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

    /// Uses an event id as correlation id, for the first event of a chain.
    public init(_ eventID: EventID) {
        self.init(rawValue: eventID.rawValue)
    }

    /// A fresh random id (a lowercase version 4 UUID).
    public static func random() -> CorrelationID {
        CorrelationID(UUID().uuidString.lowercased())
    }
}
