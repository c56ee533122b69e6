import Foundation
import KontorStore
import KontorTestSupport
import Testing

@Suite("Path parameters are percent-decoded on every route")
struct PathParameterDecodingTests {
    @Test("A SKU with a space and a slash, sent encoded, is found")
    func encodedSKU() async throws {
        try await ServerFixture.run { fixture, base in
            try await fixture.store.setStock([StockCount(sku: "BOLT M8/20", locationID: "WH-DE-LEJ", onHand: 7)])
            let reply = try await HTTP.get("\(base)/v1/inventory/BOLT%20M8%2F20")
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.json["sku"] as? String == "BOLT M8/20")
        }
    }
}
