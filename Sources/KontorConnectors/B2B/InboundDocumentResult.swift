import Foundation
import KontorModel

/// What became of one inbound B2B document: the orders read from its transactions, the transactions refused and
/// why, the acknowledgement due to the sender, or why the whole document was refused.
public struct InboundDocumentResult: Sendable {
    /// One transaction set (X12 ST…SE), message (EDIFACT UNH…UNT) or XML document.
    public struct Transaction: Sendable {
        /// Where it is, e.g. `850 0001 (group 1)`, `ORDERS 1 (ref 1)` or `xml Order`.
        public var reference: String
        /// The order read from it, when it was accepted.
        public var order: CanonicalOrder?
        /// Why it was refused, when it was; names the segment and element where known.
        public var error: String?

        public init(reference: String, order: CanonicalOrder? = nil, error: String? = nil) {
            self.reference = reference
            self.order = order
            self.error = error
        }
    }

    /// An acknowledgement (997, 999 or CONTRL) to send back.
    public struct Acknowledgement: Sendable {
        /// `997`, `999` or `CONTRL`.
        public var kind: String
        public var content: String
        /// A file name for it, e.g. `997-000000012.x12`.
        public var fileName: String
        /// The interchange control number it was sent with.
        public var controlNumber: Int
    }

    /// Kinds of whole-document refusal.
    public enum Refusal: String, Sendable, Hashable {
        /// Not a document of a known format, or not parseable as one.
        case unreadable
        /// The sender is not a known trading partner, or not the one the transport is bound to.
        case unknownPartner = "unknown-partner"
        /// Readable and from a known partner, but refused: a bad envelope or no usable transaction.
        case rejected
    }

    /// Refuses the whole document.
    mutating func refuse(_ refusal: Refusal, _ message: String) {
        self.refusal = refusal
        documentError = message
    }

    /// How the document fared as a whole.
    public enum Status: String, Sendable, Hashable {
        /// Every transaction became an order.
        case accepted
        /// Some transactions became orders, some were refused.
        case partiallyAccepted = "partially-accepted"
        /// Nothing was accepted.
        case rejected
    }

    /// The format it was read as; nil when it is none of them.
    public var format: B2BDocumentFormat?
    /// The matched trading partner's name.
    public var partner: String?
    /// The sender as its envelope names it, e.g. `ZZ:ACMEBUYER`.
    public var sender: String?
    /// The interchange control number (ISA13, UNB 0020), when there is one.
    public var interchangeControlNumber: String?
    public var transactions: [Transaction]
    /// Why the whole document was refused (unreadable, envelope rejected, unknown partner), when it was.
    public internal(set) var documentError: String?
    /// What kind of refusal ``documentError`` is.
    public internal(set) var refusal: Refusal?
    public var acknowledgement: Acknowledgement?

    public init(format: B2BDocumentFormat?, transactions: [Transaction] = []) {
        self.format = format
        self.transactions = transactions
    }

    /// The orders of the accepted transactions, in document order.
    public var orders: [CanonicalOrder] { transactions.compactMap(\.order) }

    public var status: Status {
        let accepted = transactions.count { $0.order != nil }
        if documentError != nil || accepted == 0 { return .rejected }
        return accepted == transactions.count ? .accepted : .partiallyAccepted
    }

    /// A summary for logs and error files: the status, the document error or the refused transactions.
    public var summary: String {
        if let documentError { return documentError }
        let refused = transactions.filter { $0.error != nil }
        guard !refused.isEmpty else { return "\(transactions.count) transaction(s) accepted" }
        return refused.map { "\($0.reference): \($0.error!)" }.joined(separator: "; ")
    }
}
