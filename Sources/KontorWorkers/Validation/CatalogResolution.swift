import Foundation
import KontorModel
import KontorStore

/// Finds the catalog product of every order line — by SKU, else by GTIN, else by the buyer's own article number
/// (cross-reference for the buyer's customer id) — and fills in the line's SKU, so later stages work with SKUs only.
struct CatalogResolution: Sendable {
    let catalog: any CatalogStore

    /// The lines' products by line index, and a reason for every line without one.
    struct Result {
        var products: [Int: Product] = [:]
        var reasons: [ValidationReason] = []
    }

    func resolve(_ order: inout CanonicalOrder) async throws -> Result {
        var result = Result()
        let skus = order.lines.compactMap { $0.sku?.trimmed }.filter { !$0.isEmpty }
        let bySKU = Dictionary(
            try await catalog.products(skus: skus).map { ($0.sku, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        for index in order.lines.indices {
            let line = order.lines[index]
            if let product = try await product(for: line, buyerID: order.buyer.id, bySKU: bySKU) {
                order.lines[index].sku = product.sku
                result.products[index] = product
            } else {
                result.reasons.append(
                    ValidationReason(
                        code: .unknownSKU,
                        field: "lines[\(index)]",
                        message: "no catalog product with \(Self.identifiers(of: line, buyerID: order.buyer.id))"
                    )
                )
            }
        }
        return result
    }

    private func product(for line: OrderLine, buyerID: String?, bySKU: [String: Product]) async throws -> Product? {
        if let sku = line.sku?.trimmed, let product = bySKU[sku] {
            return product
        }
        if let text = line.gtin?.trimmed, let gtin = GTIN(text),
            let product = try await catalog.product(gtin: gtin)
        {
            return product
        }
        if let buyerSKU = line.buyerSku?.trimmed, !buyerSKU.isEmpty, let buyerID, !buyerID.trimmed.isEmpty {
            return try await catalog.product(customerID: buyerID, buyerSKU: buyerSKU)
        }
        return nil
    }

    /// `SKU "X", GTIN "Y" or buyer SKU "Z" of customer C`.
    static func identifiers(of line: OrderLine, buyerID: String?) -> String {
        var parts: [String] = []
        if let sku = line.sku, !sku.trimmed.isEmpty { parts.append("SKU \"\(sku)\"") }
        if let gtin = line.gtin, !gtin.trimmed.isEmpty { parts.append("GTIN \"\(gtin)\"") }
        if let buyerSKU = line.buyerSku, !buyerSKU.trimmed.isEmpty {
            parts.append("buyer SKU \"\(buyerSKU)\"" + (buyerID.map { " of customer \($0)" } ?? " (no buyer id)"))
        }
        return parts.joined(separator: ", ")
    }
}

extension String {
    /// Without leading and trailing whitespace.
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
