import Foundation
import Testing

@testable import KontorModel

/// Checks the encoder against `schemas/*.schema.json` with a real Draft 2020-12 validator (Python `jsonschema`), and
/// that the decoder and the schema agree on what is structurally valid.
@Suite struct SchemaConformanceTests {
    static let orderSchema = "canonical-order.v1.schema.json"
    static let envelopeSchema = "event-envelope.v1.schema.json"

    static func sampleOrders() throws -> [(String, CanonicalOrder)] {
        var withID = SampleOrders.minimal.assigningID()
        withID.lines[0].unitOfMeasure = .box
        var hongKong = SampleOrders.minimal
        hongKong.shipTo.country = CountryCode("HK")!
        hongKong.shipTo.postalCode = nil
        hongKong.currency = CurrencyCode("HKD")!
        var businessInvalid = SampleOrders.minimal
        businessInvalid.lines[0].quantity = DecimalAmount("-1.5")!
        businessInvalid.currency = CurrencyCode("XYZ")!
        businessInvalid.buyer = Party()
        return [
            ("rich", try SampleOrders.rich()),
            ("minimal", SampleOrders.minimal),
            ("all optional fields", SampleOrders.allOptionalFields),
            ("with id and package unit", withID),
            ("no postal code", hongKong),
            ("structurally valid, business invalid", businessInvalid),
        ]
    }

    @Test func encodedOrdersConformToSchema() throws {
        let samples = try Self.sampleOrders()
        let results = try JSONSchemaValidator.validate(
            samples.map { CanonicalJSON.encodeOrder($0.1) },
            against: Self.orderSchema
        )
        for ((name, _), errors) in zip(samples, results) {
            #expect(errors.isEmpty, "\(name): \(errors)")
        }
    }

    @Test func handWrittenFixturesConformToSchema() throws {
        let results = try JSONSchemaValidator.validate(
            [try Fixtures.data("order-rich"), try Fixtures.data("order-minimal")],
            against: Self.orderSchema
        )
        #expect(results == [[], []])
    }

    struct Mutation: Sendable, CustomTestStringConvertible {
        let name: String
        /// Whether Kontor's decoder accepts the result; `false` for everything the schema rejects, except the
        /// documented leniencies.
        let decoderAccepts: Bool
        let schemaAccepts: Bool
        let edit: @Sendable (inout [String: Any]) throws -> Void
        var testDescription: String { name }
    }

    static let mutations: [Mutation] = [
        Mutation(name: "numeric unitPrice", decoderAccepts: false, schemaAccepts: false) {
            try JSONEdit.setInArray(&$0, "lines", 0, "unitPrice", 9.99)
        },
        Mutation(name: "missing currency", decoderAccepts: false, schemaAccepts: false) { $0["currency"] = nil },
        Mutation(name: "lowercase country", decoderAccepts: false, schemaAccepts: false) {
            try JSONEdit.setInObject(&$0, "shipTo", "country", "us")
        },
        Mutation(name: "empty lines", decoderAccepts: false, schemaAccepts: false) { $0["lines"] = [Any]() },
        Mutation(name: "exponent quantity", decoderAccepts: false, schemaAccepts: false) {
            try JSONEdit.setInArray(&$0, "lines", 0, "quantity", "1e2")
        },
        Mutation(name: "date without zero padding", decoderAccepts: false, schemaAccepts: false) {
            $0["orderDate"] = "2025-3-1"
        },
        Mutation(name: "date-time without offset", decoderAccepts: false, schemaAccepts: false) {
            $0["orderDate"] = "2025-03-01T10:00:00"
        },
        Mutation(name: "schema version 2", decoderAccepts: false, schemaAccepts: false) {
            $0["schemaVersion"] = "2.0"
        },
        Mutation(name: "missing totals", decoderAccepts: false, schemaAccepts: false) { $0["totals"] = nil },
        Mutation(name: "missing line number", decoderAccepts: false, schemaAccepts: false) {
            try JSONEdit.setInArray(&$0, "lines", 0, "lineNumber", nil)
        },
        Mutation(name: "unknown payment status", decoderAccepts: false, schemaAccepts: false) {
            $0["payment"] = ["status": "chargeback"]
        },
        Mutation(name: "payment without status", decoderAccepts: false, schemaAccepts: false) {
            $0["payment"] = ["method": "paypal"]
        },
        Mutation(name: "four-letter unit", decoderAccepts: false, schemaAccepts: false) {
            try JSONEdit.setInArray(&$0, "lines", 0, "unitOfMeasure", "PCES")
        },
        Mutation(name: "numeric notes", decoderAccepts: false, schemaAccepts: false) { $0["notes"] = 1 },
        Mutation(name: "missing unit (defaults to C62)", decoderAccepts: true, schemaAccepts: true) {
            try JSONEdit.setInArray(&$0, "lines", 0, "unitOfMeasure", nil)
        },
        Mutation(name: "blank order number (business rule)", decoderAccepts: true, schemaAccepts: true) {
            $0["orderNumber"] = " "
        },
        // Documented leniency: unknown fields are ignored by the decoder; Kontor never writes them.
        Mutation(name: "unknown field", decoderAccepts: true, schemaAccepts: false) { $0["surprise"] = "x" },
        // Documented leniency: null for an optional field means absent; Kontor never writes null.
        Mutation(name: "null optional field", decoderAccepts: true, schemaAccepts: false) { $0["notes"] = NSNull() },
        // Documented strictness: the schema pattern cannot know February has no 30th.
        Mutation(name: "impossible calendar date", decoderAccepts: false, schemaAccepts: true) {
            $0["orderDate"] = "2025-02-30"
        },
    ]

    @Test func schemaAndDecoderAgree() throws {
        let base = CanonicalJSON.encodeOrder(SampleOrders.minimal)
        let documents = try Self.mutations.map { try JSONEdit.edit(base, $0.edit) }
        let results = try JSONSchemaValidator.validate(documents, against: Self.orderSchema)
        for ((mutation, document), errors) in zip(zip(Self.mutations, documents), results) {
            #expect(errors.isEmpty == mutation.schemaAccepts, "schema on \(mutation.name): \(errors)")
            let decoded = Result { () throws(OrderDecodingError) in try CanonicalJSON.decodeOrder(from: document) }
            let accepted = (try? decoded.get()) != nil
            #expect(accepted == mutation.decoderAccepts, "decoder on \(mutation.name): \(decoded)")
        }
    }

    @Test func encodedEventsConformToEnvelopeSchema() throws {
        let order = SampleOrders.allOptionalFields
        let received = OrderReceivedEvent(
            source: .ingestHTTP,
            subject: order.id?.rawValue,
            correlationID: .random(),
            data: OrderReceived(order: order)
        )
        var broken = order
        broken.lines[0].quantity = 0
        let validator = BasicOrderValidator()
        var mismatched = order
        mismatched.lines[0].lineTotal = DecimalAmount("1.00")!
        let validated = received.followUp(
            stage: "validation",
            source: .validationWorker,
            data: OrderValidated(order: mismatched, warnings: validator.warnings(for: mismatched))
        )
        let rejected = received.followUp(
            stage: "validation",
            source: .validationWorker,
            data: OrderRejected(order: broken, reasons: validator.validate(broken))
        )
        #expect(validated.data.warnings?.isEmpty == false)
        let documents = [
            try CanonicalJSON.encodeEvent(received),
            try CanonicalJSON.encodeEvent(validated),
            try CanonicalJSON.encodeEvent(rejected),
            try Fixtures.data("event-order-received"),
        ]
        let results = try JSONSchemaValidator.validate(documents, against: Self.envelopeSchema)
        #expect(results == [[], [], [], []])
    }

    @Test func envelopeSchemaRejectsBrokenEvents() throws {
        let fixture = try Fixtures.data("event-order-received")
        let documents = [
            try JSONEdit.edit(fixture) { $0["correlationid"] = nil },
            try JSONEdit.edit(fixture) { $0["specversion"] = "0.3" },
            try JSONEdit.edit(fixture) { $0["time"] = "yesterday" },
            try JSONEdit.edit(fixture) { object in
                var payload = try #require(object["data"] as? [String: Any])
                var order = try #require(payload["order"] as? [String: Any])
                try JSONEdit.setInArray(&order, "lines", 0, "unitPrice", 9.99)
                payload["order"] = order
                object["data"] = payload
            },
            try JSONEdit.edit(fixture) { $0["type"] = OrderEventType.rejected.rawValue },
        ]
        let results = try JSONSchemaValidator.validate(documents, against: Self.envelopeSchema)
        for (index, errors) in results.enumerated() {
            #expect(!errors.isEmpty, "document \(index) should be invalid")
        }
        #expect(results[3].contains { $0.hasPrefix("data/order/lines/0/unitPrice") }, "\(results[3])")
    }
}
