import Foundation
import KontorEDIFACT
import KontorModel
import KontorX12

/// `kontor bench edi`: X12 and EDIFACT parsing of one large interchange (10,000 order lines) and
/// of many small ones, to segments and all the way to canonical orders.
public struct EDIBenchmark: Sendable {
    public var lines = 10_000
    public var smallInterchanges = 2_000
    public var rounds = 5

    public init() {}

    public func run() throws -> BenchmarkReport {
        var report = BenchmarkReport()
        let largeX12 = Array(Self.x12(lines: lines, control: 1).utf8)
        let smallX12 = (0..<smallInterchanges).map { Array(Self.x12(lines: 3, control: $0 + 1).utf8) }
        try measure(&report, "edi.x12.large", [largeX12]) {
            _ = try X12Parser().tokenize($0)
        } toOrders: {
            let interchange = try X12Parser().parse($0)
            for transaction in interchange.transactions { _ = try X12PurchaseOrderReader.read(transaction) }
        }
        try measure(&report, "edi.x12.small", smallX12) {
            _ = try X12Parser().tokenize($0)
        } toOrders: {
            let interchange = try X12Parser().parse($0)
            for transaction in interchange.transactions { _ = try X12PurchaseOrderReader.read(transaction) }
        }
        let largeEdifact = Array(Self.edifact(lines: lines, reference: 1).utf8)
        let smallEdifact = (0..<smallInterchanges).map { Array(Self.edifact(lines: 3, reference: $0 + 1).utf8) }
        try measure(&report, "edi.edifact.large", [largeEdifact]) {
            _ = try EdifactParser.tokenize($0)
        } toOrders: {
            for message in try EdifactParser.parse($0).messages { _ = try EdifactOrderReader.read(message) }
        }
        try measure(&report, "edi.edifact.small", smallEdifact) {
            _ = try EdifactParser.tokenize($0)
        } toOrders: {
            for message in try EdifactParser.parse($0).messages { _ = try EdifactOrderReader.read(message) }
        }
        return report
    }

    private func measure(
        _ report: inout BenchmarkReport,
        _ name: String,
        _ documents: [[UInt8]],
        toSegments: ([UInt8]) throws -> Void,
        toOrders: ([UInt8]) throws -> Void
    ) throws {
        let bytes = Double(documents.reduce(0) { $0 + $1.count })
        for document in documents { try toOrders(document) }  // warm-up and a check that all read
        var start = monotonicNanoseconds()
        for _ in 0..<rounds { for document in documents { try toSegments(document) } }
        var seconds = Double(monotonicNanoseconds() - start) / 1e9
        report.add("\(name).segments_mb_per_s", bytes * Double(rounds) / seconds / 1_048_576)
        start = monotonicNanoseconds()
        for _ in 0..<rounds { for document in documents { try toOrders(document) } }
        seconds = Double(monotonicNanoseconds() - start) / 1e9
        report.add("\(name).orders_mb_per_s", bytes * Double(rounds) / seconds / 1_048_576)
        report.add("\(name).interchanges_per_s", Double(documents.count * rounds) / seconds, decimals: 0)
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
