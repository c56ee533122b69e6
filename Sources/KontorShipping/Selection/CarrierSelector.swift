import Foundation
import KontorModel

/// Chooses the carrier service for a shipment: the **cheapest service that delivers by the promised date** for the
/// destination's zone, the parcels' weights and dimensions; when none does, the fastest (then cheapest). Without a
/// promised date, the cheapest. Every candidate is recorded with why it won, lost or could not carry the parcels.
///
/// Pure: no I/O. Ties keep the rate table's order.
public struct CarrierSelector: Sendable {
    /// The carriers, services and prices.
    public let table: CarrierRateTable

    /// A selector over a checked table (see ``CarrierRateTableLoader``).
    public init(table: CarrierRateTable) {
        self.table = table
    }

    /// The decision for `request`.
    public func select(_ request: ShipmentRequest) -> CarrierDecision {
        var evaluations: [ServiceEvaluation] = []
        var eligible: [(index: Int, price: DecimalAmount, currency: CurrencyCode, delivery: Int)] = []
        for carrier in table.carriers {
            for service in carrier.services {
                let result = evaluate(service, of: carrier, request)
                if let quote = result.quote {
                    eligible.append((evaluations.count, quote.price, quote.currency, quote.deliveryDay))
                }
                evaluations.append(result.evaluation)
            }
        }
        let destination = [request.destinationCountry.rawValue, request.destinationPostalCode].compactMap { $0 }
            .joined(separator: " ")
        guard !eligible.isEmpty else {
            return CarrierDecision(
                chosen: nil,
                summary:
                    "no service carries \(request.parcels.count) parcel(s) from \(request.origin) to \(destination)",
                missesPromisedDate: false,
                candidates: evaluations
            )
        }
        let promisedDay = request.promisedDate.map(ShippingCalendar.day(of:))
        let onTime = eligible.filter { promisedDay == nil || $0.delivery <= promisedDay! }
        let fallback = onTime.isEmpty
        // Cheapest on time; else fastest. `min` keeps the first of equals, i.e. the table's order.
        let winner =
            fallback
            ? eligible.min { ($0.delivery, $0.price) < ($1.delivery, $1.price) }!
            : onTime.min { ($0.price, $0.delivery) < ($1.price, $1.delivery) }!
        let promised = request.promisedDate.map { ShippingCalendar.date(ShippingCalendar.day(of: $0)) }
        for candidate in eligible {
            var evaluation = evaluations[candidate.index]
            if candidate.index == winner.index {
                evaluation.outcome = .chosen
                if let promised, fallback {
                    evaluation.reasons.append("chosen: no service delivers by \(promised); this one is the fastest")
                } else if let promised {
                    evaluation.reasons.append(
                        "chosen: the cheapest of \(onTime.count) service(s) delivering by \(promised)"
                    )
                } else {
                    evaluation.reasons.append("chosen: the cheapest (no promised date)")
                }
            } else {
                let winnerName = evaluations[winner.index].service
                let winnerPrice = Money(winner.price, winner.currency)
                let delivery = ShippingCalendar.date(candidate.delivery)
                if let promised, let promisedDay, candidate.delivery > promisedDay {
                    evaluation.reasons.append("not chosen: delivers \(delivery), after the promised \(promised)")
                } else if fallback || candidate.price == winner.price {
                    evaluation.reasons.append(
                        "not chosen: \(winnerName) delivers \(ShippingCalendar.date(winner.delivery)) for "
                            + "\(winnerPrice), this one \(delivery) for \(Money(candidate.price, candidate.currency))"
                    )
                } else {
                    evaluation.reasons.append(
                        "not chosen: costs \(Money(candidate.price, candidate.currency)), "
                            + "\(winnerName) costs \(winnerPrice)"
                    )
                }
            }
            evaluations[candidate.index] = evaluation
        }
        let chosen = evaluations[winner.index]
        let choice = CarrierChoice(
            carrier: chosen.carrier,
            service: chosen.service,
            labels: table.carrier(chosen.carrier)?.services.first { $0.id == chosen.service }?.labels ?? .wms,
            price: Money(winner.price, winner.currency),
            shipDate: chosen.shipDate!,
            estimatedDelivery: chosen.estimatedDelivery!
        )
        let how =
            fallback
            ? "fastest, misses the promised \(promised!)"
            : (promised == nil ? "cheapest" : "cheapest on time for \(promised!)")
        return CarrierDecision(
            chosen: choice,
            summary:
                "\(choice.carrier)/\(choice.service): \(how) (\(choice.price), delivers \(choice.estimatedDelivery))",
            missesPromisedDate: fallback,
            candidates: evaluations
        )
    }

    private struct Quote {
        var price: DecimalAmount
        var currency: CurrencyCode
        var deliveryDay: Int
    }

    /// One service: its zone, limits, price and dates, or why it cannot carry the parcels.
    private func evaluate(
        _ service: CarrierService,
        of carrier: Carrier,
        _ request: ShipmentRequest
    ) -> (evaluation: ServiceEvaluation, quote: Quote?) {
        var evaluation = ServiceEvaluation(carrier: carrier.id, service: service.id, outcome: .excluded, reasons: [])
        guard let zone = zone(of: service, for: request) else {
            let postal = request.destinationPostalCode.map { " \($0)" } ?? ""
            evaluation.reasons = ["excluded: no zone from \(request.origin) to \(request.destinationCountry)\(postal)"]
            return (evaluation, nil)
        }
        evaluation.zone = zone.id
        var price = DecimalAmount.zero
        var problems: [String] = []
        for (number, parcel) in zip(1..., request.parcels) {
            let name = request.parcels.count == 1 ? "the parcel" : "parcel \(number)"
            let weight = parcel.estimated ? "an estimated \(parcel.weightGrams) g" : "\(parcel.weightGrams) g"
            if parcel.weightGrams > service.maxWeightGrams {
                problems.append("\(name) weighs \(weight), over the maximum \(service.maxWeightGrams) g")
            } else if let band = zone.bands.first(where: { parcel.weightGrams <= $0.upToGrams }) {
                price = price + band.price
            } else {
                let heaviest = zone.bands.last?.upToGrams ?? 0
                problems.append("\(name) weighs \(weight), over zone \(zone.id)'s heaviest band (\(heaviest) g)")
            }
            if let sides = parcel.sortedSides {
                if let maxLength = service.maxLengthMm, sides[0] > maxLength {
                    problems.append("\(name) is \(sides[0]) mm long, over the maximum \(maxLength) mm")
                }
                if let maxGirth = service.maxGirthMm, let girth = parcel.lengthPlusGirthMm, girth > maxGirth {
                    problems.append("\(name) measures \(girth) mm length plus girth, over the maximum \(maxGirth) mm")
                }
            } else if service.maxLengthMm != nil || service.maxGirthMm != nil {
                evaluation.reasons.append("\(name)'s dimensions are unknown: length and girth not checked")
            }
        }
        guard problems.isEmpty else {
            evaluation.reasons = problems.map { "excluded: \($0)" }
            return (evaluation, nil)
        }
        // Validated tables have a known cut-off and time zone; the fallbacks only guard unvalidated ones.
        let cutoff = CutoffTime(service.pickupCutoff) ?? CutoffTime("00:00")!
        let timeZone = TimeZone(identifier: zone.timeZone ?? table.timeZone) ?? TimeZone(identifier: "UTC")!
        let shipDay = ShippingCalendar.shipDay(readyAt: request.readyAt, cutoff: cutoff, timeZone: timeZone)
        let deliveryDay = ShippingCalendar.deliveryDay(
            shipDay: shipDay,
            transitDays: zone.transitDays ?? service.transitDays
        )
        evaluation.price = Money(price, zone.currency)
        evaluation.shipDate = ShippingCalendar.date(shipDay)
        evaluation.estimatedDelivery = ShippingCalendar.date(deliveryDay)
        if let promised = request.promisedDate {
            evaluation.meetsPromisedDate = deliveryDay <= ShippingCalendar.day(of: promised)
        }
        evaluation.outcome = .notChosen
        evaluation.reasons.insert(
            "zone \(zone.id): \(Money(price, zone.currency)) for \(request.parcels.count) parcel(s), ships "
                + "\(ShippingCalendar.date(shipDay)) (cut-off \(service.pickupCutoff)), delivers "
                + "\(ShippingCalendar.date(deliveryDay))",
            at: 0
        )
        return (evaluation, Quote(price: price, currency: zone.currency, deliveryDay: deliveryDay))
    }

    /// The service's most specific zone for the request: a matching postal-code prefix (the longest) beats a whole
    /// country; among equals the first.
    private func zone(of service: CarrierService, for request: ShipmentRequest) -> RateZone? {
        var best: (zone: RateZone, specificity: Int)?
        for zone in service.zones where zone.origins.contains(request.origin) {
            for destination in zone.destinations where destination.country == request.destinationCountry {
                let specificity: Int
                if let prefixes = destination.postalCodePrefixes {
                    guard let match = PostalCodeMatch.longestMatch(request.destinationPostalCode, prefixes: prefixes)
                    else { continue }
                    specificity = match
                } else {
                    specificity = 0
                }
                if best == nil || specificity > best!.specificity {
                    best = (zone, specificity)
                }
            }
        }
        return best?.zone
    }
}
