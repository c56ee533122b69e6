import Foundation
import KontorEDIFACT
import KontorMapping
import KontorX12

/// One fuzz input through the inbound parsers: X12 (parse, validate, read every 850, build the 997/999), EDIFACT
/// (parse, validate, read every ORDERS, build the CONTRL) and XML (every B2B XML mapping, entity loading off).
/// Throwing is fine; crashing or hanging is a bug.
enum FuzzEntryPoint {
    static let xmlMappings: [Mapping] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let directory =
            ProcessInfo.processInfo.environment["KONTOR_FUZZ_MAPPINGS"]
            ?? root.appendingPathComponent("mappings").path
        let catalog = try? MappingCatalog(directory: directory)
        return (catalog?.mappings ?? []).filter { $0.sourceFormat == .xml }
    }()

    static func run(_ bytes: [UInt8]) {
        if let interchange = try? X12Parser().parse(bytes) {
            let report = X12Validator().validate(interchange)
            for transaction in interchange.transactions { _ = try? X12PurchaseOrderReader.read(transaction) }
            _ = X12Acknowledgement.make(
                for: interchange,
                interchangeControlNumber: 1,
                groupControlNumber: 1,
                report: report
            )
        }
        if let interchange = try? EdifactParser.parse(bytes) {
            let issues = EdifactValidator.validate(interchange)
            for (index, message) in interchange.messages.enumerated() {
                _ = try? EdifactOrderReader.read(message, messageIndex: index)
            }
            _ = EdifactControl.make(for: interchange, issues: issues, controlReference: "F")
        }
        if bytes.first == UInt8(ascii: "<") || bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            for mapping in xmlMappings { _ = try? mapping.translate(bytes) }
        }
    }
}
