import Foundation
import Testing

@testable import KontorModel

@Suite struct IdentifierTests {
    @Test(arguments: [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
        ("The quick brown fox jumps over the lazy dog", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"),
    ])
    func sha1KnownVectors(message: String, digest: String) {
        #expect(SHA1.hash(Array(message.utf8)).lowercaseHex == digest)
    }

    @Test func sha1MillionAs() {
        #expect(
            SHA1.hash(repeatElement(UInt8(ascii: "a"), count: 1_000_000)).lowercaseHex
                == "34aa973cd4c4daa4f61eeb2bdbad27316534016f"
        )
    }

    @Test func sha1StreamingMatchesOneShot() {
        let message = Array((0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        for split in [0, 1, 55, 56, 63, 64, 65, 500, 1000] {
            var hasher = SHA1()
            hasher.update(message[..<split])
            hasher.update(message[split...])
            #expect(hasher.finalize() == SHA1.hash(message))
        }
    }

    @Test func uuidVersion5MatchesRFC9562Example() {
        let uuid = NameBasedUUID.version5(namespace: NameBasedUUID.dnsNamespace, name: Array("www.example.com".utf8))
        #expect(uuid.uuidString.lowercased() == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
    }

    @Test func namespacesAreDerivedAsDocumented() {
        let order = NameBasedUUID.version5(
            namespace: NameBasedUUID.urlNamespace,
            name: Array("https://kontor.dev/ns/order-id".utf8)
        )
        let event = NameBasedUUID.version5(
            namespace: NameBasedUUID.urlNamespace,
            name: Array("https://kontor.dev/ns/event-id".utf8)
        )
        #expect(order == OrderID.namespace)
        #expect(event == EventID.namespace)
    }

    @Test func derivedOrderIDIsStableAndMatchesReference() {
        let id = OrderID.derived(channel: .shopify, orderNumber: "1001")
        // Reference computed independently: "ord_" + uuid.uuid5(namespace, "shopify\0" + "1001").hex in Python.
        #expect(id.rawValue == "ord_47b8758c5bbc57f6a9ac692300e086c3")
        #expect(OrderID.derived(channel: .shopify, orderNumber: "1001") == id)
    }

    @Test func derivedOrderIDsAreDistinct() {
        let ids = [
            OrderID.derived(channel: .shopify, orderNumber: "1001"),
            OrderID.derived(channel: .web, orderNumber: "1001"),
            OrderID.derived(channel: .shopify, orderNumber: "1002"),
            OrderID.derived(channel: "ab", orderNumber: "c"),
            OrderID.derived(channel: "a", orderNumber: "bc"),
            OrderID.derived(channel: .shopify, orderNumber: "1001 "),
        ]
        #expect(Set(ids).count == ids.count)
    }

    @Test func orderIDFormat() {
        for id in [OrderID.derived(channel: .web, orderNumber: "x"), OrderID.random()] {
            #expect(id.rawValue.hasPrefix("ord_"))
            let hex = id.rawValue.dropFirst(4)
            #expect(hex.count == 32)
            #expect(hex.allSatisfy { "0123456789abcdef".contains($0) })
        }
        #expect(OrderID.random() != OrderID.random())
    }

    @Test func derivedEventIDIsStableAndMatchesReference() {
        let cause = EventID("3f1c2b9e-0000-4000-8000-000000000001")
        let derived = EventID.derived(from: cause, stage: "validation")
        #expect(derived.rawValue == "0de2f8f5-bfba-566e-80e8-75b33c730f64")
        #expect(EventID.derived(from: cause, stage: "validation") == derived)
        #expect(EventID.derived(from: cause, stage: "enrichment") != derived)
        #expect(EventID.derived(from: EventID.random(), stage: "validation") != derived)
        let uuid = UUID(uuidString: derived.rawValue)!
        #expect(uuid.uuid.6 >> 4 == 5, "version 5")
        #expect(uuid.uuid.8 >> 6 == 0b10, "RFC 9562 variant")
    }

    @Test func randomEventIDsAreLowercaseUUIDs() {
        let id = EventID.random()
        #expect(UUID(uuidString: id.rawValue) != nil)
        #expect(id.rawValue == id.rawValue.lowercased())
        #expect(EventID.random() != id)
        #expect(CorrelationID(id).rawValue == id.rawValue)
    }
}
