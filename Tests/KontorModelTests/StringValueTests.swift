import Foundation
import Testing

@testable import KontorModel

/// The string newtypes share their `description`, literal, ordering and `Codable` code (``StringValue`` and the
/// protocols refining it); these tests pin the behaviour that code must keep.
@Suite struct StringValueTests {
    /// Encodes `value` in an array, decodes it back and checks the wire form and `description`.
    func expectBareString<T>(_ value: T) throws
    where T: RawRepresentable<String> & Codable & Equatable & CustomStringConvertible {
        let data = try JSONEncoder().encode([value])
        let quoted = String(decoding: try JSONEncoder().encode([value.rawValue]), as: UTF8.self)
        #expect(String(decoding: data, as: UTF8.self) == quoted)
        #expect(try JSONDecoder().decode([T].self, from: data) == [value])
        #expect(value.description == value.rawValue)
        #expect("\(value)" == value.rawValue)
    }

    /// The `debugDescription` of the error decoding `string` as a `T`; `nil` when it decodes.
    func decodingMessage<T: Decodable>(_ type: T.Type, _ string: String) throws -> String? {
        let data = try JSONEncoder().encode([string])
        do {
            _ = try JSONDecoder().decode([T].self, from: data)
            return nil
        } catch DecodingError.dataCorrupted(let context) {
            return context.debugDescription
        }
    }

    @Test func openValuesAreBareStrings() throws {
        try expectBareString(ServiceLevel.nextDay)
        try expectBareString(PaymentMethod.creditCard)
        try expectBareString(SalesChannel.ediX12)
        try expectBareString(OrderEventType.received)
        try expectBareString(EventSource.ingestHTTP)
        try expectBareString(ValidationReason.Code.invalidGTIN)
        try expectBareString(EventID("event-1"))
        try expectBareString(CorrelationID("correlation-1"))
        try expectBareString(OrderID("ord_1"))
        #expect(try JSONDecoder().decode([SalesChannel].self, from: Data(#"[" any thing "]"#.utf8)) == [" any thing "])
    }

    @Test func checkedValuesAreBareStrings() throws {
        try expectBareString(CountryCode.de)
        try expectBareString(CurrencyCode.eur)
        try expectBareString(UnitOfMeasure.box)
        try expectBareString(GTIN("4006381333931")!)
        try expectBareString(SchemaVersion.current)
        try expectBareString(KontorDate("2025-03-01T10:15:30+01:00")!)
        try expectBareString(CustomerType.b2b)
        try expectBareString(DeliveryMethod.pickup)
        try expectBareString(PaymentStatus.onAccount)
    }

    @Test func literalsAndOrder() {
        let channel: SalesChannel = "amazon"
        let level: ServiceLevel = "express"
        let method: PaymentMethod = "invoice"
        let type: EventType = "com.kontor.order.received.v1"
        let source: EventSource = "/kontor/ingest/http"
        #expect(channel == SalesChannel("amazon") && level == .express && method == .invoice)
        #expect(type == OrderEventType.received && source == .ingestHTTP)
        #expect([CountryCode.us, .de, .at].sorted() == [.at, .de, .us])
        #expect(CurrencyCode.eur < .usd && EventID("a") < EventID("b") && !(OrderID("b") < OrderID("a")))
    }

    @Test func closedValuesRejectUnknownStrings() {
        #expect(CustomerType(rawValue: "b2c") == .b2c && CustomerType(rawValue: "B2C") == nil)
        #expect(DeliveryMethod(rawValue: "ship") == .ship && DeliveryMethod(rawValue: "") == nil)
        #expect(PaymentStatus(rawValue: "on-account") == .onAccount && PaymentStatus(rawValue: "paid ") == nil)
    }

    @Test func decodingMessages() throws {
        #expect(try decodingMessage(ServiceLevel.self, "") == nil)
        #expect(try decodingMessage(GTIN.self, "4006381333932") == #"invalid GTIN "4006381333932""#)
        #expect(
            try decodingMessage(CountryCode.self, "de")
                == #"invalid country code "de": expected two uppercase letters (ISO 3166-1 alpha-2), like "DE""#
        )
        #expect(
            try decodingMessage(CurrencyCode.self, "EURO")
                == #"invalid currency code "EURO": expected three uppercase letters (ISO 4217), like "EUR""#
        )
        #expect(
            try decodingMessage(UnitOfMeasure.self, "c62")
                == #"invalid unit of measure "c62": expected a UN/ECE Rec. 20 code of two or three uppercase "#
                + #"letters or digits, like "C62""#
        )
        #expect(
            try decodingMessage(SchemaVersion.self, "1.x")
                == #"invalid schema version "1.x": expected a version like "1.0""#
        )
        #expect(
            try decodingMessage(KontorDate.self, "2025-02-30")
                == #"invalid date "2025-02-30": expected "YYYY-MM-DD" or an RFC 3339 date-time "#
                + #"like "2025-03-01T10:15:30Z""#
        )
        #expect(
            try decodingMessage(CustomerType.self, "b2g")
                == #"invalid customer type "b2g": expected one of "b2c", "b2b""#
        )
        #expect(
            try decodingMessage(DeliveryMethod.self, "drone")
                == #"invalid delivery method "drone": expected one of "ship", "pickup""#
        )
        #expect(
            try decodingMessage(PaymentStatus.self, "open")
                == #"invalid payment status "open": expected one of "pending", "authorized", "paid", "on-account", "#
                + #""failed", "refunded""#
        )
    }
}
