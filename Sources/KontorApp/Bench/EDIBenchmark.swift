import Foundation
import KontorEDIFACT
import KontorMapping
import KontorModel
import KontorX12

/// `kontor bench edi`: X12 and EDIFACT parsing of one large interchange (10,000 order lines) and
/// of many small ones, to segments and all the way to canonical orders, through the hand-written readers and through
/// the `x12-850` / `edifact-orders` mappings.
public struct EDIBenchmark: Sendable {
    public var lines = 10_000
    public var smallInterchanges = 2_000
    public var rounds = 5
    /// Where the `x12-850` and `edifact-orders` mappings are.
    public var mappingsDirectory = "mappings"

    public init() {}

    public func run() throws -> BenchmarkReport {
        var report = BenchmarkReport()
        let x12Mapping = try MappingLoader.load(file: "\(mappingsDirectory)/x12-850/mapping.yaml")
        let edifactMapping = try MappingLoader.load(file: "\(mappingsDirectory)/edifact-orders/mapping.yaml")
        let largeX12 = Array(Self.x12(lines: lines, control: 1).utf8)
        let smallX12 = (0..<smallInterchanges).map { Array(Self.x12(lines: 3, control: $0 + 1).utf8) }
        let x12Paths = OrderPaths(
            toSegments: { _ = try X12Parser().tokenize($0) },
            reader: { document in
                let interchange = try X12Parser().parse(document)
                for transaction in interchange.transactions { _ = try X12PurchaseOrderReader.read(transaction) }
            },
            mapping: { document in
                let interchange = try X12Parser().parse(document)
                for transaction in interchange.transactions { _ = try x12Mapping.translate(transaction) }
            }
        )
        try measure(&report, "edi.x12.large", [largeX12], x12Paths)
        try measure(&report, "edi.x12.small", smallX12, x12Paths)
        let largeEdifact = Array(Self.edifact(lines: lines, reference: 1).utf8)
        let smallEdifact = (0..<smallInterchanges).map { Array(Self.edifact(lines: 3, reference: $0 + 1).utf8) }
        let edifactPaths = OrderPaths(
            toSegments: { _ = try EdifactParser.tokenize($0) },
            reader: { document in
                for message in try EdifactParser.parse(document).messages { _ = try EdifactOrderReader.read(message) }
            },
            mapping: { document in
                for message in try EdifactParser.parse(document).messages { _ = try edifactMapping.translate(message) }
            }
        )
        try measure(&report, "edi.edifact.large", [largeEdifact], edifactPaths)
        try measure(&report, "edi.edifact.small", smallEdifact, edifactPaths)
        let ublMapping = try MappingLoader.load(file: "\(mappingsDirectory)/ubl-order/mapping.yaml")
        let ublSample = try String(
            contentsOfFile: "\(mappingsDirectory)/ubl-order/samples/oasis_UBL-Order-2.1-Example.xml",
            encoding: .utf8
        )
        let ublPaths = OrderPaths(
            toSegments: { try XMLParseCheck.parse($0) },
            reader: nil,
            mapping: { _ = try ublMapping.translate($0) }
        )
        try measure(&report, "edi.ubl.large", [Array(Self.ubl(ublSample, lines: lines).utf8)], ublPaths)
        try measure(
            &report,
            "edi.ubl.small",
            Array(repeating: Array(ublSample.utf8), count: smallInterchanges),
            ublPaths
        )
        return report
    }

    /// The three ways through one syntax: to segments only, to orders by the reader, to orders by the mapping.
    private struct OrderPaths {
        let toSegments: ([UInt8]) throws -> Void
        /// Nil for XML: only mappings read it.
        let reader: (([UInt8]) throws -> Void)?
        let mapping: ([UInt8]) throws -> Void
    }

    private func measure(
        _ report: inout BenchmarkReport,
        _ name: String,
        _ documents: [[UInt8]],
        _ paths: OrderPaths
    ) throws {
        let bytes = Double(documents.reduce(0) { $0 + $1.count })
        for document in documents {  // warm-up and a check that all read
            try paths.reader?(document)
            try paths.mapping(document)
        }
        func seconds(_ body: ([UInt8]) throws -> Void) throws -> Double {
            let start = monotonicNanoseconds()
            for _ in 0..<rounds { for document in documents { try body(document) } }
            return Double(monotonicNanoseconds() - start) / 1e9
        }
        let segments = try seconds(paths.toSegments)
        report.add("\(name).segments_mb_per_s", bytes * Double(rounds) / segments / 1_048_576)
        if let path = paths.reader {
            let reader = try seconds(path)
            report.add("\(name).orders_mb_per_s", bytes * Double(rounds) / reader / 1_048_576)
            report.add("\(name).interchanges_per_s", Double(documents.count * rounds) / reader, decimals: 0)
        }
        let mapping = try seconds(paths.mapping)
        report.add("\(name).mapping_orders_mb_per_s", bytes * Double(rounds) / mapping / 1_048_576)
        report.add("\(name).mapping_interchanges_per_s", Double(documents.count * rounds) / mapping, decimals: 0)
    }
    /// The OASIS UBL sample with its first order line repeated `lines` times (numbered 1…`lines`).
    public static func ubl(_ sample: String, lines: Int) -> String {
        guard let start = sample.range(of: "<cac:OrderLine>"),
            let end = sample.range(of: "</cac:OrderLine>", range: start.upperBound..<sample.endIndex),
            let last = sample.range(of: "</cac:OrderLine>", options: .backwards)
        else { return sample }
        let line = String(sample[start.lowerBound..<end.upperBound])
        guard let id = line.range(of: #"<cbc:ID>[^<]*</cbc:ID>"#, options: .regularExpression) else { return sample }
        var body = ""
        body.reserveCapacity(line.utf8.count * lines)
        for number in 1...max(1, lines) {
            body += line.replacingCharacters(in: id, with: "<cbc:ID>\(number)</cbc:ID>") + "\n  "
        }
        return String(sample[..<start.lowerBound]) + body + String(sample[last.upperBound...])
    }

    /// An 004010 interchange with one 850 of `lines` lines.
    public static func x12(lines: Int, control: Int) -> String {
        let number = String(format: "%09d", control)
        var segments = [
            "GS*PO*SENDERID*RECEIVERID*20261129*1200*\(control)*X*004010",
            "ST*850*0001", "BEG*00*SA*PO-\(control)**20261129", "CUR*BY*USD",
            "N1*ST*Acme Retail*92*0001", "N3*100 Main Street", "N4*Springfield*IL*62701*US",
        ]
        for line in 1...lines {
            segments.append("PO1*\(line)*\(line % 9 + 1)*EA*\(line % 50 + 1).95**VN*SKU-\(line)*UP*012345678905")
            segments.append("PID*F****Article \(line)")
        }
        segments.append("CTT*\(lines)")
        segments.append("SE*\(segments.count)*0001")
        segments.append("GE*1*\(control)")
        segments.append("IEA*1*\(number)")
        let isa =
            "ISA*00*          *00*          *ZZ*SENDERID       *ZZ*RECEIVERID     *261129*1200*U*00401*\(number)*0*P*>"
        return ([isa] + segments).joined(separator: "~\n") + "~\n"
    }

    /// A D96A interchange with one ORDERS message of `lines` lines.
    public static func edifact(lines: Int, reference: Int) -> String {
        var segments = [
            "UNH+1+ORDERS:D:96A:UN", "BGM+220+PO-\(reference)+9", "DTM+137:20261129:102", "CUX+2:EUR:9",
            "NAD+BY+4000001000005::9++Kontor Handel GmbH+Heidestrasse 17+Koeln++51147+DE",
            "NAD+DP+4000001000005::9++Kontor Handel GmbH+Heidestrasse 17+Koeln++51147+DE",
        ]
        for line in 1...lines {
            segments += [
                "LIN+\(line)++4000862141404:EN", "PIA+1+ART-\(line):SA", "IMD+F++:::Artikel \(line)",
                "QTY+21:\(line % 9 + 1)", "PRI+AAA:\(line % 50 + 1).95",
            ]
        }
        segments += ["UNS+S", "CNT+2:\(lines)"]
        segments.append("UNT+\(segments.count + 1)+1")
        let body = segments.joined(separator: "'\n") + "'\n"
        return "UNA:+.? 'UNB+UNOC:3+SENDER:14+RECEIVER:14+261129:1200+\(reference)'\n" + body + "UNZ+1+\(reference)'\n"
    }
}
