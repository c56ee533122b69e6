import Foundation
import Testing

@testable import KontorModel

@Suite struct OrderDecodingErrorTests {
    func decodeError(_ data: Data) throws -> OrderDecodingError {
        try #require(throws: OrderDecodingError.self) { try CanonicalJSON.decodeOrder(from: data) }
    }

    func decodeError(editing change: (inout [String: Any]) throws -> Void) throws -> OrderDecodingError {
        try decodeError(JSONEdit.edit(Fixtures.data("order-rich"), change))
    }

    @Test func malformedJSON() throws {
        let truncated = try Fixtures.data("order-rich").prefix(200)
        let error = try decodeError(Data(truncated))
        #expect(error.kind == .malformedJSON)
        #expect(error.field == "")
        #expect(error.message.hasPrefix("not valid JSON"))
        #expect(try decodeError(Data()).kind == .malformedJSON)
        #expect(try decodeError(Data("{\"a\": x}".utf8)).kind == .malformedJSON)
    }

    @Test func missingCurrency() throws {
        let error = try decodeError { $0["currency"] = nil }
        #expect(error.kind == .schemaViolation)
        #expect(error.field == "currency")
        #expect(error.message == "missing required field")
        #expect(error.description == "schema violation at currency: missing required field")
    }

    @Test func numericUnitPrice() throws {
        let error = try decodeError { try JSONEdit.setInArray(&$0, "lines", 0, "unitPrice", 19.9) }
        #expect(error.kind == .schemaViolation)
        #expect(error.field == "lines[0].unitPrice")
        #expect(error.message == #"expected a decimal string like "12.50", found a number"#)
    }

    @Test func badCountryPattern() throws {
        let error = try decodeError { try JSONEdit.setInObject(&$0, "shipTo", "country", "de") }
        #expect(error.field == "shipTo.country")
        #expect(error.message.contains(#"invalid country code "de""#))
    }

    @Test func emptyLines() throws {
        let error = try decodeError { $0["lines"] = [Any]() }
        #expect(error.field == "lines")
        #expect(error.message == "expected at least one line, found an empty array")
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let field: String
        let messageContains: String
        let edit: @Sendable (inout [String: Any]) throws -> Void
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "lenient decimal", field: "lines[1].quantity", messageContains: #"invalid decimal string "2.5kg""#) {
            try JSONEdit.setInArray(&$0, "lines", 1, "quantity", "2.5kg")
        },
        Case(name: "exponent decimal", field: "totals.grandTotal", messageContains: "invalid decimal string") {
            try JSONEdit.setInObject(&$0, "totals", "grandTotal", "1e2")
        },
        Case(name: "missing line number", field: "lines[1].lineNumber", messageContains: "missing required field") {
            try JSONEdit.setInArray(&$0, "lines", 1, "lineNumber", nil)
        },
        Case(name: "missing grand total", field: "totals.grandTotal", messageContains: "missing required field") {
            try JSONEdit.setInObject(&$0, "totals", "grandTotal", nil)
        },
        Case(name: "lowercase currency", field: "currency", messageContains: #"invalid currency code "eur""#) {
            $0["currency"] = "eur"
        },
        Case(name: "null currency", field: "currency", messageContains: "expected a string, found null") {
            $0["currency"] = NSNull()
        },
        Case(name: "numeric order number", field: "orderNumber", messageContains: "expected a string, found a number") {
            $0["orderNumber"] = 4711
        },
        Case(name: "buyer as string", field: "buyer", messageContains: "expected an object, found a string") {
            $0["buyer"] = "Muster GmbH"
        },
        Case(name: "lines as object", field: "lines", messageContains: "expected an array, found an object") {
            $0["lines"] = ["lineNumber": "1"]
        },
        Case(name: "boolean quantity", field: "lines[0].quantity", messageContains: "found a boolean") {
            try JSONEdit.setInArray(&$0, "lines", 0, "quantity", true)
        },
        Case(name: "impossible date", field: "orderDate", messageContains: #"invalid date "2025-02-30""#) {
            $0["orderDate"] = "2025-02-30"
        },
        Case(name: "bad line date", field: "lines[0].requestedDeliveryDate", messageContains: "invalid date") {
            try JSONEdit.setInArray(&$0, "lines", 0, "requestedDeliveryDate", "05.03.2025")
        },
        Case(name: "unsupported major version", field: "schemaVersion", messageContains: "unsupported schema version") {
            $0["schemaVersion"] = "2.0"
        },
        Case(name: "missing schema version", field: "schemaVersion", messageContains: "missing required field") {
            $0["schemaVersion"] = nil
        },
        Case(name: "unknown payment status", field: "payment.status", messageContains: #"expected one of "pending""#) {
            try JSONEdit.setInObject(&$0, "payment", "status", "paid-ish")
        },
        Case(name: "unknown delivery method", field: "delivery.method", messageContains: #""ship", "pickup""#) {
            try JSONEdit.setInObject(&$0, "delivery", "method", "drone")
        },
        Case(name: "unknown customer type", field: "customerType", messageContains: "invalid customer type") {
            $0["customerType"] = "b2g"
        },
        Case(name: "bad unit shape", field: "lines[0].unitOfMeasure", messageContains: "invalid unit of measure") {
            try JSONEdit.setInArray(&$0, "lines", 0, "unitOfMeasure", "piece")
        },
        Case(name: "missing ship-to country", field: "shipTo.country", messageContains: "missing required field") {
            try JSONEdit.setInObject(&$0, "shipTo", "country", nil)
        },
        Case(name: "numeric external id", field: "externalIds.shopify", messageContains: "found a number") {
            try JSONEdit.setInObject(&$0, "externalIds", "shopify", 5_012_345_678)
        },
        Case(name: "odd attribute key", field: #"attributes["a key"]"#, messageContains: "found a boolean") {
            try JSONEdit.setInObject(&$0, "attributes", "a key", true)
        },
    ]

    @Test(arguments: cases)
    func namesTheField(testCase: Case) throws {
        let error = try decodeError(editing: testCase.edit)
        #expect(error.kind == .schemaViolation)
        #expect(error.field == testCase.field)
        #expect(error.message.contains(testCase.messageContains), "\(error.message)")
    }

    @Test func topLevelArray() throws {
        let error = try decodeError(Data("[]".utf8))
        #expect(error.kind == .schemaViolation)
        #expect(error.field == "")
        #expect(error.message == "expected an object, found an array")
        #expect(error.description == "schema violation: expected an object, found an array")
    }

    @Test func errorIsCodable() throws {
        let error = OrderDecodingError(kind: .schemaViolation, field: "lines[0].quantity", message: "x")
        let data = try CanonicalJSON.encode(error)
        #expect(
            String(decoding: data, as: UTF8.self)
                == #"{"field":"lines[0].quantity","kind":"schema-violation","message":"x"}"#
        )
        #expect(try CanonicalJSON.decode(OrderDecodingError.self, from: data) == error)
    }
}
