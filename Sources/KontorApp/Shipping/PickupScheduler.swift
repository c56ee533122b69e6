import Foundation
import KontorKafka
import KontorModel
import KontorShipping
import KontorStore
import KontorWorkers
import Logging

/// Books one carrier pickup per shipping location, carrier and shipping day (``PickupSchedule``), for the parcels
/// Kontor labelled there with that carrier since the previous pickup, and publishes ``PickupScheduled``.
///
/// Each pickup is claimed in the store before the carrier is called (``PickupStore/claimPickup``), so restarts and
/// concurrent instances book it once; its reference (`<location>-<carrier>-<date>`) is the carrier's
/// idempotency key. A carrier that is unavailable (5xx, timeouts, an unreadable answer) is asked again on the next
/// tick before the cut-off; a refusal (4xx) is kept as failed with the carrier's answer. Only carriers whose API
/// token is set are called (``CarrierAPIAccess``); nothing is booked without parcels.
public struct PickupScheduler: Sendable {
    /// Shipping locations and pickups.
    public typealias Store = LocationStore & PickupStore

    private let table: CarrierRateTable
    private let store: any Store
    private let settings: PickupSettings
    private let producer: KafkaProducer
    private let environment: [String: String]
    private let logger: Logger
    private let maxAttempts: Int
    private let backoff: Duration
    private let claimDuration: Duration
    /// Names this scheduler's claims.
    private let instanceID = UUID().uuidString

    /// A scheduler over `table`'s carrier APIs.
    /// - Parameters:
    ///   - environment: Where the carriers' tokens are read (`api.tokenEnv`).
    ///   - maxAttempts: Attempts per carrier call within one tick.
    ///   - claimDuration: How long a claim keeps other instances away; one left by a crashed instance is taken
    ///     over after it (longer than the carrier's calls take).
    public init(
        table: CarrierRateTable,
        store: any Store,
        settings: PickupSettings,
        producer: KafkaProducer,
        environment: [String: String],
        logger: Logger,
        maxAttempts: Int = 3,
        backoff: Duration = .milliseconds(500),
        claimDuration: Duration = .seconds(600)
    ) {
        self.table = table
        self.store = store
        self.settings = settings
        self.producer = producer
        self.environment = environment
        self.logger = logger
        self.maxAttempts = maxAttempts
        self.backoff = backoff
        self.claimDuration = claimDuration
    }

    /// One pass at `now`: books every pickup due and publishes the scheduled ones not published yet. Returns the
    /// pickups this pass called the carrier for, as they were settled.
    @discardableResult
    public func tick(at now: Timestamp) async throws -> [PickupRecord] {
        let locations = try await store.locations(activeOnly: true).filter(\.canShip)
        var settled: [PickupRecord] = []
        for carrier in table.carriers {
            guard
                let connector = CarrierAPIAccess.connector(
                    for: carrier,
                    environment: environment,
                    maxAttempts: maxAttempts,
                    backoff: backoff
                )
            else { continue }
            for location in locations {
                guard
                    let schedule = PickupSchedule(
                        carrier: carrier,
                        table: table,
                        origin: location.address.country,
                        leadMinutes: settings.leadMinutes
                    ),
                    let due = schedule.due(at: now)
                else { continue }
                if let record = try await book(due, schedule: schedule, at: location, with: connector, now: now) {
                    settled.append(record)
                }
            }
        }
        try await publishScheduled(now: now)
        return settled
    }

    /// Claims and books one pickup; `nil` when there is nothing to book or another instance has it.
    private func book(
        _ due: DuePickup,
        schedule: PickupSchedule,
        at location: Location,
        with connector: CarrierConnector,
        now: Timestamp
    ) async throws -> PickupRecord? {
        let key = PickupKey(locationID: location.id, carrier: schedule.carrier, date: due.date)
        let parcels = try await store.labelledParcels(
            locationID: location.id,
            carrier: schedule.carrier,
            bookedFrom: due.parcelsSince,
            until: due.bookAt
        )
        guard !parcels.isEmpty else { return nil }
        let claimID = "\(instanceID)/\(now.microsecondsSinceEpoch)"
        guard
            let claim = try await store.claimPickup(
                key,
                parcels: parcels,
                claimID: claimID,
                at: now,
                claimedUntil: Timestamp(
                    microsecondsSinceEpoch: now.microsecondsSinceEpoch + claimDuration.components.seconds * 1_000_000
                )
            )
        else { return nil }
        var address = location.address
        address.company = address.company ?? location.name
        let request = PickupRequest(
            reference: claim.reference,
            address: address,
            date: due.date,
            readyFrom: settings.readyFrom,
            readyUntil: readyUntil(schedule),
            trackingNumbers: claim.trackingNumbers,
            totalWeightGrams: claim.totalWeightGrams
        )
        let outcome: PickupOutcome
        do {
            let confirmation = try await connector.schedulePickup(request)
            outcome = .scheduled(carrierPickupID: confirmation.pickupId)
        } catch {
            switch error.kind {
            case .unavailable, .malformedResponse:
                outcome = .retry(error: error.description)
            case .rejected, .notConfigured:
                outcome = .failed(error: error.description)
            }
        }
        let record = try await store.settlePickup(key, claimID: claimID, outcome: outcome, at: now)
        var metadata: Logger.Metadata = ["kontor.pickup": "\(key)", "kontor.parcels": "\(parcels.count)"]
        switch outcome {
        case .scheduled(let id):
            metadata["kontor.pickup.id"] = "\(id)"
            logger.notice("pickup scheduled", metadata: metadata)
        case .failed(let error):
            metadata["kontor.error"] = "\(error)"
            logger.error("pickup refused by the carrier; not tried again", metadata: metadata)
        case .retry(let error):
            metadata["kontor.error"] = "\(error)"
            logger.warning("carrier unavailable for the pickup; trying again", metadata: metadata)
        }
        return record
    }

    /// Publishes the scheduled pickups whose event is not published yet (also those a crash left unpublished).
    /// An event may be published twice by concurrent instances, always with the same id.
    private func publishScheduled(now: Timestamp) async throws {
        for pickup in try await store.pickups(PickupQuery(unpublishedOnly: true)) {
            let location = try await store.location(id: pickup.key.locationID)
            let schedule = location.flatMap { location in
                table.carrier(pickup.key.carrier).flatMap {
                    PickupSchedule(
                        carrier: $0,
                        table: table,
                        origin: location.address.country,
                        leadMinutes: settings.leadMinutes
                    )
                }
            }
            guard
                let event = Self.event(
                    pickup,
                    readyFrom: settings.readyFrom,
                    readyUntil: schedule.map(readyUntil) ?? settings.readyUntil ?? ""
                )
            else { continue }
            _ = try await producer.send(try EventMessage.make(event, topic: KontorTopics.pickupScheduled))
            try await store.markPickupPublished(pickup.key, at: now)
        }
    }

    /// The end of the ready window: configured, else the carrier's cut-off.
    private func readyUntil(_ schedule: PickupSchedule) -> String {
        settings.readyUntil ?? schedule.cutoff
    }

    /// The event of a scheduled pickup; its id derives from the reference.
    static func event(_ pickup: PickupRecord, readyFrom: String, readyUntil: String) -> PickupScheduledEvent? {
        guard pickup.state == .scheduled, let pickupID = pickup.carrierPickupID else { return nil }
        return PickupScheduledEvent(
            id: EventID.derived(from: EventID("kontor-pickup"), stage: pickup.reference),
            source: .worker("pickups"),
            subject: pickup.key.locationID,
            time: pickup.updatedAt,
            correlationID: CorrelationID(pickup.reference),
            data: PickupScheduled(
                reference: pickup.reference,
                locationId: pickup.key.locationID,
                carrier: pickup.key.carrier,
                date: pickup.key.date,
                pickupId: pickupID,
                readyFrom: readyFrom,
                readyUntil: readyUntil,
                trackingNumbers: pickup.trackingNumbers,
                totalWeightGrams: pickup.totalWeightGrams,
                scheduledAt: pickup.updatedAt
            )
        )
    }
}
