import Foundation
import KontorModel

/// A trading partner's profile: a file under `connectors/partners/`. It says how the partner's envelopes identify it,
/// who Kontor is towards it, which reader turns its documents into orders, whether it expects functional
/// acknowledgements, and where documents for it go.
public struct TradingPartner: Sendable, Hashable {
    /// An identifier with its qualifier: X12 ISA05/ISA06 (`ZZ`, `01`, `12` …), EDIFACT UNB S002/S003 (`14` = GLN,
    /// `ZZZ` …). An empty qualifier matches any.
    public struct Identifier: Sendable, Hashable, CustomStringConvertible {
        public var qualifier: String
        public var id: String

        public init(qualifier: String, id: String) {
            self.qualifier = qualifier
            self.id = id
        }

        /// Whether an envelope's sender (qualifier and id, padding ignored) is this identifier.
        public func matches(qualifier: String?, id: String?) -> Bool {
            guard let id, id.trimmingCharacters(in: .whitespaces) == self.id else { return false }
            return self.qualifier.isEmpty || (qualifier ?? "").trimmingCharacters(in: .whitespaces) == self.qualifier
        }

        public var description: String { qualifier.isEmpty ? id : "\(qualifier):\(id)" }
    }

    /// The profile's name: the file name without `.yaml` unless `name:` says otherwise.
    public var name: String
    public var description: String
    /// The file this profile came from.
    public var file: String
    /// The channel of the partner's orders. Order ids derive from channel and order number, so two partners that
    /// reuse each other's PO numbers must have different channels; the default is `b2b-<name>`.
    public var channel: SalesChannel
    /// The partner's X12 interchange sender ids (ISA05/ISA06).
    public var x12: [Identifier]
    /// The partner's EDIFACT interchange sender ids (UNB S002).
    public var edifact: [Identifier]
    /// Buyer ids in the partner's XML documents (the translated order's `buyer.id`).
    public var buyerIDs: [String]
    /// This system's X12 id as the partner addresses it (ISA07/ISA08); when set, interchanges addressed to any
    /// other id are refused. Acknowledgements always answer from the id the interchange was addressed to.
    public var ourX12: Identifier?
    /// This system's EDIFACT id as the partner addresses it (UNB S003); checked like ``ourX12``.
    public var ourEdifact: Identifier?
    /// Mapping names per format, overriding the standard readers (e.g. `xml: opentrans-order`).
    public var mappings: [B2BDocumentFormat: String]
    /// Whether functional acknowledgements (X12 997/999, EDIFACT CONTRL) are sent for the partner's interchanges.
    public var sendsAcknowledgements: Bool
    /// Where documents for the partner (acknowledgements) are written; when nil they go to the outbox of the
    /// connector the document came through. `kontor run` resolves a relative folder against its state folder.
    public var outboundDirectory: String?

    public init(
        name: String,
        description: String = "",
        file: String = "",
        channel: SalesChannel? = nil,
        x12: [Identifier] = [],
        edifact: [Identifier] = [],
        buyerIDs: [String] = [],
        ourX12: Identifier? = nil,
        ourEdifact: Identifier? = nil,
        mappings: [B2BDocumentFormat: String] = [:],
        sendsAcknowledgements: Bool = true,
        outboundDirectory: String? = nil
    ) {
        self.name = name
        self.description = description
        self.file = file
        self.channel = channel ?? SalesChannel("b2b-\(name)")
        self.x12 = x12
        self.edifact = edifact
        self.buyerIDs = buyerIDs
        self.ourX12 = ourX12
        self.ourEdifact = ourEdifact
        self.mappings = mappings
        self.sendsAcknowledgements = sendsAcknowledgements
        self.outboundDirectory = outboundDirectory
    }
}

/// Every trading partner profile, with lookups by envelope sender.
public struct TradingPartnerDirectory: Sendable {
    public let partners: [TradingPartner]

    public init(_ partners: [TradingPartner]) {
        self.partners = partners
    }

    public func partner(named name: String) -> TradingPartner? {
        partners.first { $0.name == name }
    }

    /// The partner one of whose buyer ids is `buyerID`.
    public func buyerPartner(_ buyerID: String?) -> TradingPartner? {
        guard let buyerID = buyerID?.trimmingCharacters(in: .whitespaces), !buyerID.isEmpty else { return nil }
        return partners.first { $0.buyerIDs.contains(buyerID) }
    }
}
