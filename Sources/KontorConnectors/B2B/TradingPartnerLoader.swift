import Foundation
import KontorModel
import Yams

/// Reads trading partner profiles, `connectors/partners/*.yaml`. Unknown keys and missing required keys are errors
/// with file and line; ids must be unique across profiles, since they decide who sent an interchange.
///
/// ```yaml
/// description: ACME Distribution, X12 850 by SFTP
/// channel: b2b-acme            # optional; default b2b-<name>
/// x12: [{qualifier: ZZ, id: ACMEBUYER}]
/// edifact: [{qualifier: "14", id: "4012345000009"}]
/// buyerIds: ["4012345000009"]  # XML documents: the order's buyer id
/// us:                          # optional: this system's ids; interchanges must be addressed to them
///   x12: {qualifier: ZZ, id: KONTOR}
/// mappings: {xml: opentrans-order}
/// acknowledgements: true       # 997/999/CONTRL back to the partner
/// outbound: {directory: b2b/acme/outbound}  # relative: under the state folder
/// ```
public enum TradingPartnerLoader {
    /// Every profile in `directory`, sorted by name; a missing folder means no partners.
    public static func loadAll(directory: String) throws(ConnectorConfigurationError) -> TradingPartnerDirectory {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            return TradingPartnerDirectory([])
        }
        var partners: [TradingPartner] = []
        for file in files.sorted() where file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
            partners.append(try load(file: (directory as NSString).appendingPathComponent(file)))
        }
        var owners: [String: String] = [:]
        for partner in partners {
            let keys =
                ["name \(partner.name)"] + partner.x12.map { "X12 id \($0)" }
                + partner.edifact.map { "EDIFACT id \($0)" } + partner.buyerIDs.map { "buyer id \($0)" }
            for key in keys {
                if let other = owners.updateValue(partner.file, forKey: key) {
                    throw ConnectorConfigurationError(file: partner.file, message: "\(key) is also used by \(other)")
                }
            }
        }
        return TradingPartnerDirectory(partners)
    }

    public static func load(file: String) throws(ConnectorConfigurationError) -> TradingPartner {
        let root = try NodeReader.composeFile(file)
        let reader = NodeReader(file: file)
        let top = try reader.mapping(
            root,
            allowed: [
                "name", "description", "channel", "x12", "edifact", "buyerIds", "us", "mappings", "acknowledgements",
                "outbound",
            ]
        )
        let name =
            try reader.optionalString(top, "name")
            ?? ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        var partner = TradingPartner(
            name: name,
            description: try reader.optionalString(top, "description") ?? "",
            file: file,
            channel: try reader.optionalString(top, "channel").map(SalesChannel.init(rawValue:)),
            x12: try identifiers(top["x12"], reader),
            edifact: try identifiers(top["edifact"], reader),
            buyerIDs: top["buyerIds"] == nil ? [] : try reader.stringList(top, "buyerIds", in: root),
            sendsAcknowledgements: try reader.optionalBool(top, "acknowledgements") ?? true
        )
        if let usNode = top["us"] {
            let us = try reader.mapping(usNode, allowed: ["x12", "edifact"])
            partner.ourX12 = try us["x12"].map { node throws(ConnectorConfigurationError) in
                try identifier(node, reader)
            }
            partner.ourEdifact = try us["edifact"].map { node throws(ConnectorConfigurationError) in
                try identifier(node, reader)
            }
        }
        if let mappingsNode = top["mappings"] {
            let mappings = try reader.mapping(mappingsNode, allowed: Set(B2BDocumentFormat.allCases.map(\.rawValue)))
            for format in B2BDocumentFormat.allCases {
                if let mapping = try reader.optionalString(mappings, format.rawValue) {
                    partner.mappings[format] = mapping
                }
            }
        }
        if let outboundNode = top["outbound"] {
            let outbound = try reader.mapping(outboundNode, allowed: ["directory"])
            partner.outboundDirectory = try reader.optionalString(outbound, "directory")
        }
        guard partner.x12.count + partner.edifact.count + partner.buyerIDs.count > 0 else {
            throw reader.error(root, "a trading partner needs at least one id (x12, edifact or buyerIds)")
        }
        return partner
    }

    private static func identifiers(_ node: Node?, _ reader: NodeReader) throws(ConnectorConfigurationError)
        -> [TradingPartner.Identifier]
    {
        guard let node else { return [] }
        guard case .sequence(let items) = node, !items.isEmpty else {
            throw reader.error(node, "expected a list of {qualifier, id}")
        }
        var result: [TradingPartner.Identifier] = []
        for item in items { result.append(try identifier(item, reader)) }
        return result
    }

    private static func identifier(_ node: Node, _ reader: NodeReader) throws(ConnectorConfigurationError)
        -> TradingPartner.Identifier
    {
        let map = try reader.mapping(node, allowed: ["qualifier", "id"])
        return TradingPartner.Identifier(
            qualifier: try reader.optionalString(map, "qualifier") ?? "",
            id: try reader.requiredString(map, "id", in: node)
        )
    }
}
