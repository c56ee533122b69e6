import KontorAllocation
import KontorModel

/// What an order's timeline shows about one event, stored as its ``TimelineEntry/reasonsJSON`` (keys left out when
/// empty): validation findings, hold reasons, the routing decision's summary and backorder lines, the operator's
/// note or cancel reason, and — when the lifecycle refused the event — what the projection made of it.
public struct TimelineDetails: Sendable, Hashable, Codable {
    /// Findings that did not block a validated order.
    public var warnings: [ValidationReason]?

    /// Why an order was rejected or held.
    public var reasons: [ValidationReason]?

    /// Who held the order (`review-rules` or the operator).
    public var heldBy: String?

    /// Who released the order.
    public var releasedBy: String?

    /// The operator's note on a release.
    public var note: String?

    /// Why the order was cancelled.
    public var reason: String?

    /// Who cancelled the order.
    public var cancelledBy: String?

    /// The routing decision's summary of an allocation.
    public var summary: String?

    /// Lines waiting for stock after an allocation.
    public var backorders: [BackorderLine]?

    /// The RMA, receipt, refund or exchange of a return event.
    public var returns: ReturnTimelineDetails?

    /// The pick task (shipment) a fulfillment event is about.
    public var taskId: String?

    /// The location of a pick task or short pick.
    public var locationId: String?

    /// The pieces of a pick task, or those a short pick found missing.
    public var lines: [ConfirmedLine]?

    /// Set when the lifecycle refused the event: why, and whether the status was kept or still taken.
    public var lifecycle: String?

    /// The carrier of a shipment.
    public var carrier: String?

    /// The tracking numbers of a shipment's parcels.
    public var trackingNumbers: [String]?

    /// A carrier scan: status, the carrier's words, place and time.
    public var tracking: TrackingEvent?

    /// A delay: cause, promised and new estimated date.
    public var delay: OrderDelayed?

    /// Why a pick task got its carrier service: price, estimated delivery, why the other services lost.
    public var carrierSelection: CarrierSelectionNote?

    /// Creates details; every field is optional.
    public init(
        warnings: [ValidationReason]? = nil,
        reasons: [ValidationReason]? = nil,
        heldBy: String? = nil,
        releasedBy: String? = nil,
        note: String? = nil,
        reason: String? = nil,
        cancelledBy: String? = nil,
        summary: String? = nil,
        backorders: [BackorderLine]? = nil,
        lifecycle: String? = nil
    ) {
        self.warnings = warnings
        self.reasons = reasons
        self.heldBy = heldBy
        self.releasedBy = releasedBy
        self.note = note
        self.reason = reason
        self.cancelledBy = cancelledBy
        self.summary = summary
        self.backorders = backorders
        self.lifecycle = lifecycle
    }

    /// Details of a shipment, a carrier scan or a delay (`carrier` has no default, so `TimelineDetails()` stays the
    /// empty details of the other initializer).
    public init(
        carrier: String?,
        trackingNumbers: [String]? = nil,
        tracking: TrackingEvent? = nil,
        delay: OrderDelayed? = nil
    ) {
        self.init(lifecycle: nil)
        self.carrier = carrier
        self.trackingNumbers = trackingNumbers
        self.tracking = tracking
        self.delay = delay
    }

    /// True when there is nothing to show.
    public var isEmpty: Bool { self == TimelineDetails() }

    /// The JSON stored in the timeline, or nil when there is nothing to show.
    public var json: String? {
        guard !isEmpty, let data = try? CanonicalJSON.encode(self) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
