import KontorEDIFACT
import KontorModel
import KontorX12

/// Inbound document formats read by code rather than a mapping file (EDI envelopes).
enum DocumentReaders {
    static let names = ["edifact", "x12"]

    /// The canonical orders of every purchase order in the document.
    static func read(format: String, _ input: [UInt8]) throws -> [CanonicalOrder] {
        switch format {
        case "x12":
            let interchange = try X12Parser().parse(input)
            let orders = interchange.transactions.filter { $0.setIdentifier == "850" }
            guard !orders.isEmpty else {
                throw DocumentReaderError("the interchange holds no 850 purchase order")
            }
            var result: [CanonicalOrder] = []
            for transaction in orders {
                do {
                    result.append(try X12PurchaseOrderReader.read(transaction))
                } catch {
                    throw DocumentReaderError("850 \(transaction.controlNumber): \(error)")
                }
            }
            return result
        case "edifact":
            let interchange = try EdifactParser.parse(input)
            let orders = interchange.messages.enumerated().filter { $0.element.type == "ORDERS" }
            guard !orders.isEmpty else {
                throw DocumentReaderError("the interchange holds no ORDERS message")
            }
            var result: [CanonicalOrder] = []
            for (index, message) in orders {
                do {
                    result.append(try EdifactOrderReader.read(message, messageIndex: index))
                } catch {
                    throw DocumentReaderError("ORDERS message \(index + 1): \(error)")
                }
            }
            return result
        default:
            throw DocumentReaderError("unknown format '\(format)'")
        }
    }
}

struct DocumentReaderError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
