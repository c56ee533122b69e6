import KontorAllocation
import KontorModel
import KontorStore

/// Allocates one order against the store: plans what is still open, reserves it atomically (in addition to what the
/// order already holds) and re-plans with fresh availability when another allocator took the stock in between.
struct OrderAllocator: Sendable {
    /// The store the allocation stage works with.
    typealias Store = InventoryStore & LocationStore & AllocationStore

    /// The result: the plan of the whole order and every active reservation it holds.
    struct Result: Sendable {
        var plan: AllocationPlan
        var reservations: [Reservation]
        /// `true` when this call reserved anything.
        var reservedMore: Bool
    }

    let store: any Store
    let policy: RoutingPolicy
    let maxAttempts: Int

    /// Allocates the open quantities of `order` on `day` (the day whose capacity the order takes).
    func allocate(_ order: CanonicalOrder, orderID: OrderID, day: KontorDate) async throws -> Result {
        let demand = try OrderDemandLines(order)
        let pickup = order.delivery?.method == .pickup ? order.delivery?.pickupLocationId : nil
        for _ in 0..<maxAttempts {
            // Shipped (consumed) units count as held: they are part of the order's allocation, never open again.
            let held = try await store.reservations(orderID: orderID).filter { $0.status != .released }
            let open = demand.open(after: held)
            guard !open.isEmpty else {
                return Result(
                    plan: Self.merge(held: held, new: nil, demand: demand, orderID: orderID, pickup: pickup),
                    reservations: held,
                    reservedMore: false
                )
            }
            let inputs = try await AllocationInputs.load(skus: demand.skus, day: day, from: store)
            let plan: AllocationPlan
            do {
                plan = try AllocationPlanner.plan(
                    AllocationRequest(
                        orderID: orderID,
                        lines: open,
                        destination: Destination(country: order.shipTo.country, postalCode: order.shipTo.postalCode),
                        pickupLocationID: pickup,
                        requestedDate: order.delivery?.requestedDate
                    ),
                    candidates: inputs.candidates,
                    availability: inputs.availability,
                    inbound: inputs.inbound,
                    policy: policy
                )
            } catch {
                throw StageError.schemaViolation("cannot route order \(orderID): \(error)")
            }
            let requests = plan.shipments.flatMap { shipment in
                shipment.lines.compactMap { line in
                    demand.reservationLine(of: line.lineNumber).map {
                        ReservationRequest(
                            lineNumber: $0,
                            sku: line.sku,
                            locationID: shipment.locationID,
                            quantity: line.quantity
                        )
                    }
                }
            }
            if requests.isEmpty {
                return Result(
                    plan: Self.merge(held: held, new: plan, demand: demand, orderID: orderID, pickup: pickup),
                    reservations: held,
                    reservedMore: false
                )
            }
            let outcome =
                held.isEmpty
                ? try await store.reserve(orderID: orderID, lines: requests, capacityDate: day)
                : try await store.addReservations(orderID: orderID, lines: requests, capacityDate: day)
            // Refused: someone else took the stock or capacity since it was read; plan again with fresh figures.
            guard case .reserved(let reservations) = outcome else { continue }
            return Result(
                plan: Self.merge(held: held, new: plan, demand: demand, orderID: orderID, pickup: pickup),
                reservations: held.filter { $0.status == .consumed } + reservations,
                reservedMore: true
            )
        }
        throw StageError.transient(
            "order \(orderID): reservations refused \(maxAttempts) times in a row by concurrent allocators"
        )
    }

    /// The plan of the whole order: shipments of what it held before (per location, from its reservations) plus the
    /// new plan's shipments, the new plan's backorders, and the new plan's decision (the earlier one when nothing was
    /// planned now).
    static func merge(
        held: [Reservation],
        new: AllocationPlan?,
        demand: OrderDemandLines,
        orderID: OrderID,
        pickup: String?
    ) -> AllocationPlan {
        guard !held.isEmpty else {
            return new
                ?? AllocationPlan(
                    orderID: orderID,
                    status: .allocated,
                    shipments: [],
                    backorders: [],
                    decision: RoutingDecision(
                        strategy: .nothingAvailable,
                        summary: "nothing to allocate",
                        totalScore: 0,
                        candidates: []
                    )
                )
        }
        var shipments: [PlannedShipment] = []
        for (locationID, reservations) in Dictionary(grouping: held, by: \.locationID).sorted(by: { $0.key < $1.key }) {
            let lines = reservations.sorted { $0.lineNumber < $1.lineNumber }.map {
                AllocatedLine(
                    lineNumber: demand.lineNumber(ofReservationLine: $0.lineNumber),
                    sku: $0.sku,
                    quantity: $0.quantity
                )
            }
            shipments.append(
                PlannedShipment(locationID: locationID, method: locationID == pickup ? .pickup : .ship, lines: lines)
            )
        }
        for shipment in new?.shipments ?? [] {
            if let index = shipments.firstIndex(where: {
                $0.locationID == shipment.locationID && $0.method == shipment.method
            }) {
                for line in shipment.lines {
                    if let known = shipments[index].lines.firstIndex(where: { $0.lineNumber == line.lineNumber }) {
                        shipments[index].lines[known].quantity += line.quantity
                    } else {
                        shipments[index].lines.append(line)
                    }
                }
            } else {
                shipments.append(shipment)
            }
        }
        let backorders = new?.backorders ?? []
        let status: AllocationStatus = backorders.isEmpty ? .allocated : .partiallyAllocated
        let decision =
            new?.decision
            ?? RoutingDecision(
                strategy: shipments.count > 1 ? .split : .singleLocation,
                summary: "allocated earlier; nothing open",
                totalScore: 0,
                candidates: []
            )
        return AllocationPlan(
            orderID: orderID,
            status: status,
            shipments: shipments,
            backorders: backorders,
            decision: decision
        )
    }
}
