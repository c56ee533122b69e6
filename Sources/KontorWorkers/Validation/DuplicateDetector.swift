import Crypto
import Foundation
import KontorModel
import KontorStore

/// Finds the same order arriving twice, also through different channels (a marketplace order re-keyed into the web
/// shop, a PO sent by EDI and by e-mail): orders with equal fingerprints — buyer, ship-to, items with quantities,
/// and total — within a time window.
///
/// The first order with a fingerprint is remembered in the idempotency store (scope `order-fingerprint`); a later
/// order with another order id and the same fingerprint is a possible duplicate of it. The same order id again (a
/// redelivery, or a corrected resubmission of the same order) is not.
struct DuplicateDetector: Sendable {
    let store: any IdempotencyStore
    let window: Duration

    static let scope = "order-fingerprint"

    /// The first order with the fingerprint, when that is another order seen within the window.
    struct Original: Codable, Equatable {
        var orderId: String
        var channel: String
        var orderNumber: String
        var seenAtMicroseconds: Int64
    }

    func original(of order: CanonicalOrder, now: Timestamp = .now()) async throws -> Original? {
        let orderID = order.id ?? order.derivedID
        let mine = Original(
            orderId: orderID.rawValue,
            channel: order.channel.rawValue,
            orderNumber: order.orderNumber,
            seenAtMicroseconds: now.microsecondsSinceEpoch
        )
        let key = Self.fingerprint(of: order)
        let stored = try await store.saveResponse(
            scope: Self.scope,
            key: key,
            requestHash: "fingerprint",
            response: IdempotentResponse(statusCode: 200, body: Array(try JSONEncoder().encode(mine)))
        )
        guard let first = try? JSONDecoder().decode(Original.self, from: Data(stored.body)),
            first.orderId != mine.orderId
        else { return nil }
        let age = now.microsecondsSinceEpoch - first.seenAtMicroseconds
        return age <= window.microseconds ? first : nil
    }

    /// SHA-256 over the normalized buyer (e-mail, else id, else name), ship-to (country, postal code, street), the
    /// items (SKU, else GTIN, else buyer SKU, with the quantity and unit, sorted) and the grand total with currency.
    static func fingerprint(of order: CanonicalOrder) -> String {
        func normalize(_ text: String?) -> String {
            (text ?? "").replacingOccurrences(of: "ß", with: "ss")
                .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
                .filter { $0.isLetter || $0.isNumber }
        }
        let buyer = normalize(order.buyer.email ?? order.buyer.id ?? order.buyer.name)
        let shipTo = [
            order.shipTo.country.rawValue, normalize(order.shipTo.postalCode), normalize(order.shipTo.street),
        ]
        let items = order.lines.map { line in
            let item = line.sku ?? line.gtin ?? line.buyerSku ?? ""
            return "\(normalize(item))×\(line.quantity)\(line.unitOfMeasure)"
        }.sorted()
        let text = ([buyer] + shipTo + items + ["\(order.totals.grandTotal) \(order.currency)"]).joined(separator: "|")
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

extension Duration {
    /// The duration in whole microseconds.
    fileprivate var microseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
