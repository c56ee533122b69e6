/// What a mapping produces: canonical orders (`target: order`, the default) or carrier tracking events
/// (`target: tracking`).
public enum MappingTarget: String, Sendable, Hashable, CaseIterable {
    /// Canonical orders (`fields:` and `lines:`).
    case order
    /// ``KontorModel/TrackingEvent``s (`fields:` of the shipment and `events:`, one per carrier scan).
    case tracking
}
