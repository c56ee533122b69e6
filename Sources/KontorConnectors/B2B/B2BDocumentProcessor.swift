import Foundation
import KontorMapping
import KontorModel
import KontorStore

/// Reads inbound B2B documents (X12, EDIFACT, XML) into canonical orders, one per transaction, and builds the
/// functional acknowledgement the sender is due. Every transport (file drop, SFTP, HTTP) goes through it.
///
/// The sender must be a known trading partner (``TradingPartnerDirectory``): its envelope ids (or, for XML, the
/// buyer id) pick the profile, whose channel the orders get. A transport bound to one partner passes its name and
/// the envelope must then name that partner (when the profile lists ids). Good transactions are accepted even when
/// others in the same interchange are refused; the acknowledgement reports each (AK5/IK5 A or R, CONTRL UCM 7 or 4).
public struct B2BDocumentProcessor: Sendable {
    public let partners: TradingPartnerDirectory
    public let catalog: MappingCatalog
    /// Hands out acknowledgement control numbers per partner (``ConnectorStateStore/nextSequenceNumber(_:)``).
    let controlNumbers: @Sendable (String) async throws -> Int

    public init(
        partners: TradingPartnerDirectory,
        catalog: MappingCatalog,
        controlNumbers: @escaping @Sendable (String) async throws -> Int
    ) {
        self.partners = partners
        self.catalog = catalog
        self.controlNumbers = controlNumbers
    }

    /// Uses `store`'s sequences `ack:<partner>` for control numbers.
    public init(partners: TradingPartnerDirectory, catalog: MappingCatalog, store: any ConnectorStateStore) {
        self.init(partners: partners, catalog: catalog) { partner in
            try await store.nextSequenceNumber("ack:\(partner)")
        }
    }

    /// Reads one document.
    ///
    /// - Parameters:
    ///   - format: What the transport says the document is (e.g. from its content type); nil looks at the bytes.
    ///   - partner: The partner the transport is bound to, if any.
    /// - Throws: Only when the store cannot hand out an acknowledgement control number; bad documents are results.
    public func process(_ bytes: [UInt8], format: B2BDocumentFormat? = nil, partner: String? = nil) async throws
        -> InboundDocumentResult
    {
        guard let format = format ?? B2BDocumentFormat.sniff(bytes) else {
            var result = InboundDocumentResult(format: nil)
            result.refuse(
                .unreadable,
                "not an X12 (ISA), EDIFACT (UNA/UNB) or XML document: it starts with \"\(Self.preview(bytes))\""
            )
            return result
        }
        var bound: TradingPartner?
        if let partner {
            guard let profile = partners.partner(named: partner) else {
                var result = InboundDocumentResult(format: format)
                result.refuse(
                    .unknownPartner,
                    "no trading partner profile named '\(partner)' under connectors/partners/"
                )
                return result
            }
            bound = profile
        }
        switch format {
        case .x12: return try await X12DocumentReading(processor: self, bound: bound).read(bytes)
        case .edifact: return try await EdifactDocumentReading(processor: self, bound: bound).read(bytes)
        case .xml: return XMLDocumentReading(processor: self, bound: bound).read(bytes)
        }
    }

    /// The first bytes of a document, printable, for error messages.
    static func preview(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(24), as: UTF8.self).map { $0.isASCII && !$0.isNewline ? String($0) : "·" }
            .joined()
    }
}
