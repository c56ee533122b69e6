import Foundation
import KontorModel
import Testing

/// `CanonicalJSON.decodeOrder` builds valid orders without `JSONDecoder`; the result and every error must be exactly
/// what the `JSONDecoder` path (`CanonicalJSON.decode(CanonicalOrder.self, ...)`) gives.
@Suite("Fast canonical order decoding agrees with JSONDecoder")
struct FastOrderDecodingTests {
    /// Every golden order of every mapping, as canonical JSON.
    static func goldenOrders() throws -> [Data] {
        var result: [Data] = []
        for sample in try GoldenTests.orderSamples() {
            let data = try Data(contentsOf: URL(fileURLWithPath: sample.file + ".expected.json"))
            for order in try CanonicalJSON.decode([CanonicalOrder].self, from: data) {
                result.append(CanonicalJSON.encodeOrder(order))
            }
        }
        return result
    }

    @Test("Valid orders decode to the same value, and build from JSON objects too")
    func validOrders() throws {
        let orders = try Self.goldenOrders()
        #expect(orders.count >= 10)
        for data in orders {
            let fast = try CanonicalJSON.decodeOrder(from: data)
            let reference = try CanonicalJSON.decode(CanonicalOrder.self, from: data)
            #expect(fast == reference)
            // `==` compares decimals by value; the encoded text also keeps scales and every optional field.
            #expect(CanonicalJSON.encodeOrder(fast) == CanonicalJSON.encodeOrder(reference))
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let built = try #require(CanonicalJSON.order(fromJSONObject: object))
            #expect(CanonicalJSON.encodeOrder(built) == CanonicalJSON.encodeOrder(reference))
        }
    }

    @Test(
        "Broken orders give the JSONDecoder error",
        arguments: [
            (#""quantity":"8""#, #""quantity":8"#),
            (#""quantity":"8""#, #""quantity":"8.""#),
            (#""quantity":"8""#, #""quantity":null"#),
            (#""currency":"USD""#, #""currency":"usd""#),
            (#""orderDate":"2022-08-30""#, #""orderDate":"2022-02-30""#),
            (#""schemaVersion":"1.0""#, #""schemaVersion":"2.0""#),
            (#""country":"US""#, #""country":"USA""#),
            (#""orderNumber":"365465413""#, #""orderNumber":"365465413","orderNumber":"x""#),
            (#""sku":"VND1234567""#, #""sku":"VND\ud800""#),
            (#""channel":"edi-x12""#, #""channel":"edi-x12","extra":[1,{"a":true}]"#),
        ]
    )
    func brokenOrders(original: String, replacement: String) throws {
        let sample = try #require(
            try Self.goldenOrders().map { String(decoding: $0, as: UTF8.self) }.first { $0.contains(original) }
        )
        let broken = Data(sample.replacingOccurrences(of: original, with: replacement).utf8)
        var fastResult: Result<CanonicalOrder, OrderDecodingError>
        do { fastResult = .success(try CanonicalJSON.decodeOrder(from: broken)) } catch { fastResult = .failure(error) }
        var reference: Result<CanonicalOrder, OrderDecodingError>
        do {
            reference = .success(try CanonicalJSON.decode(CanonicalOrder.self, from: broken))
        } catch {
            reference = .failure(error)
        }
        #expect(fastResult == reference)
    }
}
