import Foundation
import KontorModel

/// The checks a decoded rate table must pass before ``CarrierSelector`` may use it: unique ids, positive limits and
/// transit days, `HH:MM` cut-offs, known time zones, ascending weight bands with non-negative prices, and one
/// currency per origin country (so that candidates for a shipment can be compared by price).
struct CarrierRateTableValidation {
    let file: String

    func validate(_ table: CarrierRateTable) throws(CarrierRateTableError) {
        try check(TimeZone(identifier: table.timeZone) != nil, "timeZone", "unknown time zone \"\(table.timeZone)\"")
        try check(!table.carriers.isEmpty, "carriers", "at least one carrier is needed")
        var carrierIDs: Set<String> = []
        var serviceIDs: Set<String> = []
        // The first zone seen from each origin country fixes that origin's currency.
        var originCurrencies: [CountryCode: (currency: CurrencyCode, path: String)] = [:]
        for (c, carrier) in table.carriers.enumerated() {
            let carrierPath = "carriers[\(c)]"
            try check(Self.isIdentifier(carrier.id), "\(carrierPath).id", "must be lowercase letters, digits and -")
            try check(carrierIDs.insert(carrier.id).inserted, "\(carrierPath).id", "\"\(carrier.id)\" appears twice")
            if let api = carrier.api {
                try check(
                    CarrierAPIAdapters.adapter(named: api.adapter) != nil,
                    "\(carrierPath).api.adapter",
                    "unknown adapter \"\(api.adapter)\" (known: \(CarrierAPIAdapters.names.joined(separator: ", ")))"
                )
                try check(
                    api.baseUrl.hasPrefix("http://") || api.baseUrl.hasPrefix("https://"),
                    "\(carrierPath).api.baseUrl",
                    "must be an http(s) URL"
                )
            }
            try check(!carrier.services.isEmpty, "\(carrierPath).services", "at least one service is needed")
            for (s, service) in carrier.services.enumerated() {
                let path = "\(carrierPath).services[\(s)]"
                try check(Self.isIdentifier(service.id), "\(path).id", "must be lowercase letters, digits and -")
                try check(serviceIDs.insert(service.id).inserted, "\(path).id", "\"\(service.id)\" appears twice")
                try check(service.transitDays >= 0, "\(path).transitDays", "must not be negative")
                try check(
                    CutoffTime(service.pickupCutoff) != nil,
                    "\(path).pickupCutoff",
                    "\"\(service.pickupCutoff)\" is not a time HH:MM"
                )
                try check(service.maxWeightGrams > 0, "\(path).maxWeightGrams", "must be positive")
                try check((service.maxLengthMm ?? 1) > 0, "\(path).maxLengthMm", "must be positive")
                try check((service.maxGirthMm ?? 1) > 0, "\(path).maxGirthMm", "must be positive")
                if service.labels == .kontor {
                    try check(
                        carrier.api != nil,
                        "\(path).labels",
                        "labels booked by Kontor need the carrier's api (\(carrierPath).api)"
                    )
                }
                try check(!service.zones.isEmpty, "\(path).zones", "at least one zone is needed")
                for (z, zone) in service.zones.enumerated() {
                    try validate(zone, path: "\(path).zones[\(z)]", originCurrencies: &originCurrencies)
                }
            }
        }
    }

    private func validate(
        _ zone: RateZone,
        path: String,
        originCurrencies: inout [CountryCode: (currency: CurrencyCode, path: String)]
    ) throws(CarrierRateTableError) {
        try check(!zone.origins.isEmpty, "\(path).origins", "at least one origin country is needed")
        try check(!zone.destinations.isEmpty, "\(path).destinations", "at least one destination is needed")
        for (d, destination) in zone.destinations.enumerated() {
            for (p, prefix) in (destination.postalCodePrefixes ?? []).enumerated() {
                try check(
                    !PostalCodeMatch.normalized(prefix).isEmpty,
                    "\(path).destinations[\(d)].postalCodePrefixes[\(p)]",
                    "must not be empty"
                )
            }
        }
        try check(zone.currency.isISO4217, "\(path).currency", "\"\(zone.currency)\" is not an ISO 4217 currency")
        try check((zone.transitDays ?? 0) >= 0, "\(path).transitDays", "must not be negative")
        if let timeZone = zone.timeZone {
            try check(TimeZone(identifier: timeZone) != nil, "\(path).timeZone", "unknown time zone \"\(timeZone)\"")
        }
        for origin in zone.origins {
            if let first = originCurrencies[origin] {
                try check(
                    first.currency == zone.currency,
                    "\(path).currency",
                    "\(zone.currency), but zones from \(origin) are priced in \(first.currency) (\(first.path))"
                )
            } else {
                originCurrencies[origin] = (zone.currency, "\(path).currency")
            }
        }
        try check(!zone.bands.isEmpty, "\(path).bands", "at least one weight band is needed")
        var previous = 0
        for (b, band) in zone.bands.enumerated() {
            try check(
                band.upToGrams > previous,
                "\(path).bands[\(b)].upToGrams",
                "must be above the previous band's \(previous) g"
            )
            try check(!band.price.isNegative, "\(path).bands[\(b)].price", "must not be negative")
            previous = band.upToGrams
        }
    }

    private func check(_ condition: Bool, _ path: String, _ message: String) throws(CarrierRateTableError) {
        if !condition { throw CarrierRateTableError(file: file, path: path, message: message) }
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "-") }
    }
}
