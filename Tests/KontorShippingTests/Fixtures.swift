import Foundation
import KontorModel
import KontorShipping

/// Shared inputs of the shipping tests.
enum Fixtures {
    /// A small rate table: a fast expensive service, a cheap slow one with limits and an island zone, and a
    /// middle one with an early cut-off. Times in UTC.
    static let table = """
        timeZone: UTC
        carriers:
          - id: fast
            name: Fast Courier
            services:
              - id: fast-express
                name: Express
                labels: wms
                transitDays: 1
                pickupCutoff: "18:00"
                maxWeightGrams: 30000
                zones:
                  - id: de
                    origins: [DE]
                    destinations: [{ country: DE }]
                    currency: EUR
                    bands:
                      - { upToGrams: 30000, price: "20.00" }
          - id: cheap
            name: Cheap Parcel
            services:
              - id: cheap-economy
                name: Economy
                labels: wms
                transitDays: 4
                pickupCutoff: "16:00"
                maxWeightGrams: 20000
                maxLengthMm: 1000
                maxGirthMm: 2000
                zones:
                  - id: de
                    origins: [DE]
                    destinations: [{ country: DE }]
                    currency: EUR
                    bands:
                      - { upToGrams: 10000, price: "4.00" }
                      - { upToGrams: 20000, price: "7.00" }
                  - id: de-island
                    origins: [DE]
                    destinations: [{ country: DE, postalCodePrefixes: ["27498", "2576"] }]
                    currency: EUR
                    transitDays: 6
                    bands:
                      - { upToGrams: 20000, price: "12.00" }
          - id: mid
            name: Mid Logistics
            services:
              - id: mid-standard
                name: Standard
                labels: wms
                transitDays: 2
                pickupCutoff: "12:00"
                maxWeightGrams: 31500
                zones:
                  - id: de
                    origins: [DE]
                    destinations: [{ country: DE }]
                    currency: EUR
                    bands:
                      - { upToGrams: 31500, price: "6.50" }
                  - id: at
                    origins: [DE]
                    destinations: [{ country: AT }]
                    currency: EUR
                    bands:
                      - { upToGrams: 31500, price: "9.00" }
        """

    static func selector() throws -> CarrierSelector {
        CarrierSelector(table: try CarrierRateTableLoader.decode(table, file: "test-rates.yaml"))
    }

    /// Monday 2025-03-03 at `time` (UTC).
    static func monday(_ time: String = "10:00") -> Timestamp {
        Timestamp(rfc3339: "2025-03-03T\(time):00Z")!
    }

    static func request(
        to country: CountryCode = .de,
        postalCode: String? = "10115",
        promised: String? = nil,
        readyAt: Timestamp = monday(),
        parcels: [ParcelMeasure] = [ParcelMeasure(weightGrams: 1500, estimated: false)]
    ) -> ShipmentRequest {
        ShipmentRequest(
            origin: .de,
            destinationCountry: country,
            destinationPostalCode: postalCode,
            promisedDate: promised.flatMap { KontorDate(rawValue: $0) },
            readyAt: readyAt,
            parcels: parcels
        )
    }

    /// The repository's root (for the shipped `connectors/carriers/rates.yaml`).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// A pick task to Jürgen Weiß with German text and three lines.
    static func pickTask(taskId: String = "ord-1001-WH-DE-LEJ-1") -> PickTask {
        PickTask(
            taskId: taskId,
            orderId: OrderID(rawValue: "ord-1001"),
            orderNumber: "SO-2025-0042",
            channel: SalesChannel(rawValue: "shopify"),
            locationId: "WH-DE-LEJ",
            method: "ship",
            lines: [
                PickTaskLine(
                    lineNumber: "1",
                    sku: "PT-DRL-18V-055",
                    description: "Akku-Bohrschrauber 18 V, Größe M",
                    quantity: 2,
                    binHint: "A-03-2"
                ),
                PickTaskLine(lineNumber: "2", sku: "PT-BIT-SET-32", description: "Bit-Satz <32-teilig>", quantity: 1),
                PickTaskLine(lineNumber: "3", sku: "PT-GLV-L", description: "Schutzhandschuhe Größe L", quantity: 5),
            ],
            shipTo: Address(
                name: "Jürgen Weiß",
                company: "Müller & Söhne GmbH",
                street: "Müllerstraße 5",
                city: "Köln",
                postalCode: "50667",
                country: .de
            ),
            promisedDate: KontorDate("2025-03-06"),
            carrier: "dhl",
            carrierService: "dhl-paket",
            createdAt: Timestamp(rfc3339: "2025-03-03T09:15:00Z")!
        )
    }

    static let leipzig = Address(
        name: "Leipzig distribution centre",
        street: "Am Exer 10",
        city: "Leipzig",
        postalCode: "04158",
        country: .de
    )
}
