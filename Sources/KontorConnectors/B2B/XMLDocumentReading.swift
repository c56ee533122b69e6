import Foundation
import KontorMapping
import KontorModel

/// The XML path of ``B2BDocumentProcessor``: the root element picks the mapping (UBL `Order`, openTRANS `ORDER`,
/// cXML `cXML`, SAP IDoc `ORDERS05`, or the partner's own), the buyer id or the transport picks the partner.
/// XML business documents have no functional acknowledgement; the transport's answer is the receipt.
struct XMLDocumentReading {
    let processor: B2BDocumentProcessor
    let bound: TradingPartner?

    /// Standard mappings by root element local name.
    static let standardMappings: [String: String] = [
        "Order": "ubl-order",
        "ORDER": "opentrans-order",
        "cXML": "cxml-orderrequest",
        "ORDERS05": "idoc-orders05",
    ]

    func read(_ bytes: [UInt8]) -> InboundDocumentResult {
        var result = InboundDocumentResult(format: .xml)
        guard let root = XMLRootElement.localName(in: bytes) else {
            result.refuse(.unreadable, "not a well-formed XML document: no root element found")
            return result
        }
        guard let mappingName = bound?.mappings[.xml] ?? Self.standardMappings[root] else {
            result.refuse(
                .unreadable,
                "no mapping reads XML documents with root element <\(root)> (known: "
                    + Self.standardMappings.keys.sorted().map { "<\($0)>" }.joined(separator: ", ")
                    + "; a partner profile can name its own under mappings.xml)"
            )
            return result
        }
        guard let mapping = processor.catalog.mapping(named: mappingName) else {
            result.refuse(.unreadable, "mapping '\(mappingName)' for <\(root)> is not under mappings/")
            return result
        }
        let reference = "\(root) (\(mapping.name))"
        let orders: [CanonicalOrder]
        do {
            orders = try mapping.translate(bytes)
        } catch {
            result.refuse(error.kind == .malformedInput ? .unreadable : .rejected, "\(reference): \(error)")
            return result
        }
        let partner: TradingPartner
        if let bound {
            partner = bound
        } else {
            guard let found = orders.lazy.compactMap({ processor.partners.buyerPartner($0.buyer.id) }).first else {
                let ids = orders.compactMap { $0.buyer.id }
                result.refuse(
                    .unknownPartner,
                    "unknown trading partner: no profile under connectors/partners/ lists buyer id "
                        + (ids.isEmpty ? "(the document names none)" : ids.joined(separator: ", "))
                )
                return result
            }
            partner = found
        }
        result.partner = partner.name
        result.sender = orders.first?.buyer.id
        result.transactions = orders.map { order in
            var order = order
            order.channel = partner.channel
            return .init(reference: "\(reference) order \(order.orderNumber)", order: order)
        }
        return result
    }
}
