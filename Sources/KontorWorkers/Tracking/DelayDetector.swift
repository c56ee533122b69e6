import KontorKafka
import KontorModel
import KontorStore

/// Finds orders that will miss their promised date and announces each as ``OrderDelayed`` on
/// ``KontorTopics/orderDelayed``, once per order and cause (remembered in the ``TrackingStore``, so a restart
/// announces nothing twice; the event id derives from order and cause, so a crash between publishing and
/// remembering publishes the same event again).
///
/// Looks at every unsettled shipment with a promised date:
/// - **late pick**: not shipped by the promised date minus the carrier's transit days; new estimate: today plus the
///   transit days;
/// - **no scan**: shipped, and no carrier scan for ``DelayRules/noScanHours`` since shipping or the last scan; new
///   estimate: today plus the transit days;
/// - **carrier exception**: a parcel's latest scan is an exception; new estimate: today plus the transit days;
/// - **late estimate**: a parcel's carrier estimate is after the promised date; new estimate: the carrier's.
public struct DelayDetector: Sendable {
    let store: any TrackingStore
    let rules: DelayRules

    /// A detector over `store` with `rules`.
    public init(store: any TrackingStore, rules: DelayRules = DelayRules()) {
        self.store = store
        self.rules = rules
    }

    /// The delays found at `now` that were not announced yet (one per order and cause).
    public func detect(at now: Timestamp, limit: Int = 10_000) async throws -> [OrderDelayedEvent] {
        var found: [OrderDelayedEvent] = []
        var seen: Set<String> = []
        for shipment in try await store.unsettledShipments(limit: limit) {
            guard let promised = shipment.promisedDate else { continue }
            let announced = Set(try await store.delayCauses(orderID: shipment.orderID))
            let parcels = try await store.parcels(orderID: shipment.orderID).filter { $0.taskID == shipment.taskID }
            for (cause, estimate, detail) in findings(shipment, parcels: parcels, promised: promised, now: now)
            where !announced.contains(cause) && seen.insert("\(shipment.orderID.rawValue)/\(cause.rawValue)").inserted {
                found.append(
                    Self.event(
                        OrderDelayed(
                            orderId: shipment.orderID,
                            cause: cause,
                            promisedDate: promised,
                            estimatedDate: estimate,
                            detail: detail,
                            detectedAt: now
                        ),
                        correlationID: CorrelationID(shipment.correlationID)
                    )
                )
            }
        }
        return found
    }

    /// Remembers that `event` was published.
    public func recordPublished(_ event: OrderDelayedEvent) async throws {
        _ = try await store.recordDelay(
            orderID: event.data.orderId,
            cause: event.data.cause,
            eventID: event.id.rawValue,
            at: event.data.detectedAt
        )
    }

    private func findings(
        _ shipment: TrackedShipment,
        parcels: [TrackedParcel],
        promised: KontorDate,
        now: Timestamp
    ) -> [(DelayCause, KontorDate, String)] {
        let transit = rules.transit(carrier: shipment.carrier, service: shipment.carrierService)
        let today = KontorDate.utcDay(of: now)
        let fromToday = today.adding(days: transit)
        var result: [(DelayCause, KontorDate, String)] = []
        guard let shippedAt = shipment.shippedAt else {
            // The last day it can leave: the promised day minus the transit days.
            let shipBy = promised.dayOnly.adding(days: -transit)
            if today > shipBy {
                result.append(
                    (
                        .latePick, fromToday,
                        "not shipped by \(shipBy.rawValue) (\(transit) transit days before "
                            + "the promised \(promised.rawValue))"
                    )
                )
            }
            return result
        }
        let lastSign = parcels.compactMap { $0.lastScan?.occurredAt }.max() ?? shippedAt
        let silentHours = Int((now.microsecondsSinceEpoch - lastSign.microsecondsSinceEpoch) / 3_600_000_000)
        if silentHours >= rules.noScanHours {
            let what = parcels.contains { $0.lastScan != nil } ? "no carrier scan" : "no carrier scan since shipping"
            result.append((.noScan, fromToday, "\(what) for \(silentHours) hours"))
        }
        if let failed = parcels.first(where: { $0.status == .exception }), let scan = failed.lastScan {
            result.append(
                (
                    .carrierException, fromToday,
                    "carrier exception on \(failed.trackingNumber): "
                        + (scan.description ?? "no details")
                )
            )
        }
        if let late = parcels.compactMap({ $0.lastScan?.estimatedDelivery }).map(\.dayOnly)
            .max(by: { $0.timestamp < $1.timestamp }),
            late > promised.dayOnly
        {
            result.append((.lateEstimate, late, "the carrier estimates \(late.rawValue), after \(promised.rawValue)"))
        }
        return result
    }

    /// The event; its id derives from the order and the cause.
    static func event(_ delay: OrderDelayed, correlationID: CorrelationID) -> OrderDelayedEvent {
        OrderDelayedEvent(
            id: EventID.derived(
                from: EventID("kontor-delay"),
                stage: "\(delay.orderId.rawValue)/\(delay.cause.rawValue)"
            ),
            source: .worker("delay-detection"),
            subject: delay.orderId.rawValue,
            time: delay.detectedAt,
            correlationID: correlationID,
            data: delay
        )
    }
}

extension KontorDate {
    /// The calendar day of the date (a date-time's UTC day).
    var dayOnly: KontorDate { isDateOnly ? self : KontorDate.utcDay(of: timestamp) }

    /// The calendar day `days` later (earlier when negative).
    func adding(days: Int) -> KontorDate {
        KontorDate.utcDay(
            of: Timestamp(
                microsecondsSinceEpoch: dayOnly.timestamp.microsecondsSinceEpoch + Int64(days) * 86_400_000_000
            )
        )
    }

    static func > (lhs: KontorDate, rhs: KontorDate) -> Bool {
        lhs.dayOnly.timestamp > rhs.dayOnly.timestamp
    }
}
