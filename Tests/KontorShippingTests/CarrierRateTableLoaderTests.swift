import Foundation
import KontorModel
import KontorShipping
import Testing

@Suite("Rate table YAML: errors name the file and the YAML path")
struct CarrierRateTableLoaderTests {
    /// One carrier with one service; `service` and `zone` are spliced in, indented to fit.
    private func table(service: String = "", zone: String = "", bands: String? = nil, api: String = "") -> String {
        """
        carriers:
          - id: dhl
            name: DHL
        \(api)
            services:
              - id: dhl-paket
                name: DHL Paket
                labels: wms
                transitDays: 2
                pickupCutoff: "17:00"
                maxWeightGrams: 31500
        \(service)
                zones:
                  - id: de
                    origins: [DE]
                    destinations: [{ country: DE }]
                    currency: EUR
        \(zone)
                    bands:
        \(bands ?? "              - { upToGrams: 2000, price: \"4.99\" }\n              - { upToGrams: 5000, price: \"5.99\" }")
        """
    }

    private func error(_ yaml: String) -> CarrierRateTableError? {
        do {
            _ = try CarrierRateTableLoader.decode(yaml, file: "rates.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test("A valid table loads with exact decimal prices")
    func valid() throws {
        let table = try CarrierRateTableLoader.decode(table(), file: "rates.yaml")
        #expect(table.carriers[0].services[0].zones[0].bands[1].price.description == "5.99")
        #expect(table.timeZone == "UTC")
    }

    @Test("A price that is not a decimal string names the band")
    func badPrice() throws {
        let bands = "              - { upToGrams: 2000, price: \"4,99\" }"
        let failure = try #require(error(table(bands: bands)))
        #expect(failure.file == "rates.yaml")
        #expect(failure.path == "carriers[0].services[0].zones[0].bands[0].price")
        #expect(failure.description.hasPrefix("rates.yaml: carriers[0].services[0].zones[0].bands[0].price: "))
    }

    @Test("A missing field is named")
    func missingField() throws {
        let yaml = table().replacingOccurrences(of: "        maxWeightGrams: 31500\n", with: "")
        let failure = try #require(error(yaml))
        #expect(failure.path == "carriers[0].services[0].maxWeightGrams")
        #expect(failure.message == "missing")
    }

    @Test("Checks after decoding: cut-off, band order, time zone, currency per origin, API for Kontor labels")
    func semanticChecks() throws {
        let cutoff = table().replacingOccurrences(of: "\"17:00\"", with: "\"25:00\"")
        #expect(
            error(cutoff)?.description
                == "rates.yaml: carriers[0].services[0].pickupCutoff: \"25:00\" is not a time HH:MM"
        )

        let bands =
            "              - { upToGrams: 5000, price: \"4.99\" }\n              - { upToGrams: 2000, price: \"5.99\" }"
        #expect(
            error(table(bands: bands))?.description
                == "rates.yaml: carriers[0].services[0].zones[0].bands[1].upToGrams: must be above the previous band's 5000 g"
        )

        let zone = "            timeZone: Europe/Atlantis"
        #expect(error(table(zone: zone))?.path == "carriers[0].services[0].zones[0].timeZone")

        let second = [
            "          - id: de-usd",
            "            origins: [DE]",
            "            destinations: [{ country: AT }]",
            "            currency: USD",
            "            bands:",
            "              - { upToGrams: 2000, price: \"4.99\" }",
        ].joined(separator: "\n")
        let mixed = table() + "\n" + second
        #expect(
            error(mixed)?.description
                == "rates.yaml: carriers[0].services[0].zones[1].currency: USD, but zones from DE are priced in EUR "
                + "(carriers[0].services[0].zones[0].currency)"
        )

        let kontorLabels = table().replacingOccurrences(of: "labels: wms", with: "labels: kontor")
        #expect(
            error(kontorLabels)?.description
                == "rates.yaml: carriers[0].services[0].labels: labels booked by Kontor need the carrier's api (carriers[0].api)"
        )
        let api = "    api: { adapter: dhl-soap, baseUrl: \"http://127.0.0.1:1/\" }"
        #expect(error(table(api: api))?.path == "carriers[0].api.adapter")

        let booking = table().replacingOccurrences(of: "labels: wms", with: "labels: printer")
        #expect(error(booking)?.path == "carriers[0].services[0].labels")
    }

    @Test("Not YAML at all, and an unreadable file, are refused with the file named")
    func notYAML() {
        let syntax = error("carriers: [unclosed")?.description ?? ""
        #expect(
            syntax.hasPrefix("rates.yaml: not valid YAML: 2:1: error: parser: while parsing a flow sequence in line 1")
        )
        #expect {
            _ = try CarrierRateTableLoader.load(path: "/nonexistent/rates.yaml")
        } throws: { error in
            (error as? CarrierRateTableError)?.description.hasPrefix("/nonexistent/rates.yaml: cannot read") == true
        }
    }
}
