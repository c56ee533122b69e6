import Foundation
import KontorAllocation
import KontorModel

/// The allocation the read model keeps beside an order (``OrderRecord/allocationJSON``): where it ships from, what
/// waits for stock, what the store reserved, and why. JSON: `{status, shipments, backorders, reservations,
/// decision}`, the types as in the allocated event.
public struct ProjectedAllocation: Sendable, Hashable, Codable {
    /// `allocated`, `partiallyAllocated` or `backordered`.
    public var status: AllocationStatus

    /// Shipments (or pickups) per location.
    public var shipments: [PlannedShipment]

    /// Lines waiting for stock.
    public var backorders: [BackorderLine]

    /// Units reserved per line and location.
    public var reservations: [ReservedUnits]

    /// The routing decision with every candidate's score.
    public var decision: RoutingDecision

    /// The allocation of an allocated or backordered event.
    public init(plan: AllocationPlan, reservations: [ReservedUnits]) {
        self.status = plan.status
        self.shipments = plan.shipments
        self.backorders = plan.backorders
        self.reservations = reservations
        self.decision = plan.decision
    }

    /// The JSON kept in the read model.
    public var json: Data {
        // Cannot fail: the allocation types encode strings, numbers, arrays and objects only.
        (try? CanonicalJSON.encode(self)) ?? Data("{}".utf8)
    }
}
