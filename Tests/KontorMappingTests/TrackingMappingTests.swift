import Foundation
import KontorMapping
import KontorModel
import Testing

/// `target: tracking` mappings: every sample of every `mappings/tracking-*` translates to its `.expected.json` (a
/// JSON array of tracking events), and the carriers' vocabularies land on the right ``TrackingStatus``.
///
/// Set `KONTOR_UPDATE_GOLDEN=1` to (re)write the expected files from the current output; review the diff.
@Suite("Tracking mappings")
struct TrackingMappingTests {
    static func trackingSamples() throws -> [GoldenTests.Sample] {
        try GoldenTests.samples().filter { $0.mapping.hasPrefix("tracking-") }
    }

    static func events(_ mapping: String, _ sample: String) throws -> [TrackingEvent] {
        let catalog = try MappingCatalog(directory: TestSupport.mappingsDirectory)
        let loaded = try #require(catalog.mapping(named: mapping))
        let file = "\(TestSupport.mappingsDirectory)/\(mapping)/samples/\(sample)"
        return try loaded.translateTracking([UInt8](Data(contentsOf: URL(fileURLWithPath: file))))
    }

    @Test("Sample translates to its expected tracking events", arguments: try trackingSamples())
    func golden(_ sample: GoldenTests.Sample) throws {
        let catalog = try MappingCatalog(directory: TestSupport.mappingsDirectory)
        let mapping = try #require(catalog.mapping(named: sample.mapping))
        #expect(mapping.target == .tracking)
        let events = try mapping.translateTracking([UInt8](Data(contentsOf: URL(fileURLWithPath: sample.file))))
        let actualText = String(decoding: try CanonicalJSON.encode(events, prettyPrinted: true), as: UTF8.self) + "\n"
        let expectedURL = URL(fileURLWithPath: sample.file + ".expected.json")
        if ProcessInfo.processInfo.environment["KONTOR_UPDATE_GOLDEN"] == "1" {
            try Data(actualText.utf8).write(to: expectedURL)
        }
        let expected = try CanonicalJSON.decode([TrackingEvent].self, from: Data(contentsOf: expectedURL))
        let expectedText =
            String(decoding: try CanonicalJSON.encode(expected, prettyPrinted: true), as: UTF8.self) + "\n"
        #expect(events == expected, "\(sample.testDescription):\n\(TestSupport.diff(actualText, expectedText))")
        #expect(events.allSatisfy { $0.format == mapping.trackingFormat })
    }

    @Test("EasyPost: the bare Tracker of the public sample gives its two pre-transit details")
    func easyPostTracker() throws {
        let events = try Self.events("tracking-easypost", "easypost_trackers-retrieve.json")
        #expect(events.count == 2)
        #expect(events.allSatisfy { $0.trackingNumber == "EZ1000000001" && $0.carrier == "usps" })
        #expect(events.map(\.status) == [.labelCreated, .labelCreated])
        let last = try #require(events.last)
        #expect(last.description == "Shipping Label Created")
        #expect(last.occurredAt == Timestamp(rfc3339: "2025-04-10T09:17:17Z"))
        #expect(last.location == TrackingLocation(city: "HOUSTON", region: "TX", postalCode: "77063"))
        #expect(last.estimatedDelivery?.rawValue == "2025-05-09")
        #expect(last.format == "easypost")
    }

    @Test("EasyPost: the webhook Event is unwrapped; every detail is one event, up to delivered")
    func easyPostEvent() throws {
        let events = try Self.events("tracking-easypost", "easypost_event_tracker-updated.json")
        #expect(
            events.map(\.status) == [.labelCreated, .labelCreated, .inTransit, .outForDelivery, .delivered]
        )
        #expect(events.allSatisfy { $0.trackingNumber == "9400110898825022579493" })
        #expect(events.last?.location?.country == "US")
    }

    @Test("AfterShip: tags map to statuses, the returned subtag wins over its Exception tag, ISO3 countries")
    func afterShip() throws {
        let events = try Self.events("tracking-aftership", "aftership_webhook_tracking-update.json")
        #expect(events.map(\.status) == [.labelCreated, .inTransit, .outForDelivery, .delivered])
        #expect(events.allSatisfy { $0.carrier == "dhl-germany" && $0.trackingNumber == "00340434292135100186" })
        #expect(events[1].location?.country == "DE")
        // Without an offset the checkpoint time is read as UTC.
        #expect(events[2].occurredAt == Timestamp(rfc3339: "2025-06-03T08:14:00Z"))
        #expect(events[3].occurredAt == Timestamp(rfc3339: "2025-06-03T12:37:00Z"))
        let returned = try Self.events("tracking-aftership", "aftership_webhook_returned.json")
        #expect(returned.map(\.status) == [.returnedToSender])
        #expect(returned.first?.location?.country == "US")
    }

    @Test("DHL: statusCode and the carrier's words give the status; unknown events are skipped")
    func dhl() throws {
        let events = try Self.events("tracking-dhl", "dhl_unified_shipments.json")
        #expect(events.map(\.status) == [.delivered, .outForDelivery, .inTransit, .labelCreated])
        #expect(events.allSatisfy { $0.carrier == "dhl" && $0.trackingNumber == "00340434161094042557" })
        #expect(events[0].location == TrackingLocation(city: "München", postalCode: "80331", country: "DE"))
        // German local time in summer: +02:00.
        #expect(events[2].occurredAt == Timestamp(rfc3339: "2025-06-04T16:30:00Z"))
        #expect(events[0].estimatedDelivery?.rawValue == "2025-06-05")
        let two = try Self.events("tracking-dhl", "dhl_unified_failure.json")
        #expect(two.map(\.trackingNumber) == ["00340434161094099999", "00340434161094088888"])
        #expect(two.map(\.status) == [.exception, .returnedToSender])
    }

    @Test("A carrier status the table lacks is unmappable, naming the source path and the event field")
    func unknownStatus() throws {
        let catalog = try MappingCatalog(directory: TestSupport.mappingsDirectory)
        let mapping = try #require(catalog.mapping(named: "tracking-easypost"))
        let body =
            #"{"tracking_code": "X1", "carrier": "UPS", "updated_at": "2025-01-01T00:00:00Z","#
            + #""tracking_details": [{"status": "teleported", "datetime": "2025-01-01T00:00:00Z"}]}"#
        #expect {
            try mapping.translateTracking(Array(body.utf8))
        } throws: { error in
            let error = error as? MappingError
            return error?.kind == .unmappable && error?.field == "$.tracking_details[0].status"
                && error?.canonicalField == "events[0].status" && error?.message.contains("teleported") == true
        }
    }

    @Test("A scan without a tracking number is unmappable, naming where it was looked for")
    func missingTrackingNumber() throws {
        let catalog = try MappingCatalog(directory: TestSupport.mappingsDirectory)
        let mapping = try #require(catalog.mapping(named: "tracking-dhl"))
        let body = #"{"shipments": [{"events": [{"timestamp": "2025-01-01T10:00:00Z", "statusCode": "transit"}]}]}"#
        #expect {
            try mapping.translateTracking(Array(body.utf8))
        } throws: { error in
            let error = error as? MappingError
            return error?.kind == .unmappable && error?.field == "$.shipments[0].id"
                && error?.canonicalField == "events[0].trackingNumber"
        }
        #expect(throws: MappingError.self) { try mapping.translateTracking(Array("not json".utf8)) }
    }

    @Test("Order and tracking mappings refuse each other's translation")
    func wrongTarget() throws {
        let catalog = try MappingCatalog(directory: TestSupport.mappingsDirectory)
        let tracking = try #require(catalog.mapping(named: "tracking-dhl"))
        let order = try #require(catalog.mapping(named: "shopify"))
        #expect(throws: MappingError.self) { try tracking.translate(Array("{}".utf8)) }
        #expect(throws: MappingError.self) { try order.translateTracking(Array("{}".utf8)) }
    }

    @Test("The loader checks tracking mappings: fields, required fields, events")
    func loaderErrors() {
        let unknownField = TestSupport.loadError(
            """
            format: json
            target: tracking
            description: x
            fields: {trackingNumber: id, carrier: {value: x}, stauts: s}
            events: {each: "e[*]", fields: {status: s, occurredAt: t}}
            """
        )
        #expect(unknownField?.message.contains("unknown tracking field 'stauts' (did you mean 'status'?)") == true)
        #expect(unknownField?.line == 4)
        let missing = TestSupport.loadError(
            """
            format: json
            target: tracking
            fields: {trackingNumber: id, carrier: {value: x}}
            events: {each: "e[*]", fields: {status: s}}
            """
        )
        #expect(missing?.message.contains("required tracking field 'occurredAt'") == true)
        let noEvents = TestSupport.loadError("format: json\ntarget: tracking\nfields: {trackingNumber: id}\n")
        #expect(noEvents?.message.contains("missing 'events:'") == true)
        let orderKeys = TestSupport.loadError("format: json\ntarget: tracking\nlines: {}\nevents: {}\n")
        #expect(orderKeys?.message.contains("unknown key 'lines' in a tracking mapping") == true)
        let badTarget = TestSupport.loadError("format: json\ntarget: invoices\n")
        #expect(badTarget?.message.contains("target must be order or tracking") == true)
    }
}
