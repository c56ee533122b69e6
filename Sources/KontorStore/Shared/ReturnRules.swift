import Foundation
import KontorModel

/// The rules both backends apply to returns inside their transactions: numbering, what is left to return or to
/// receive, and the JSON their line columns hold.
enum ReturnRules {
    /// The sequence (in `sequences`) of a year's RMA numbers.
    static func sequenceName(year: Int) -> String { "rma-\(year)" }

    /// `RMA-2026-000042`.
    static func rmaNumber(year: Int, sequence: Int) -> String {
        "RMA-\(year)-" + String(format: "%06d", sequence)
    }

    /// The return label's tracking number until a carrier booking supplies one: `KR` + year + 6-digit sequence + a
    /// mod-10 check digit, unique like the RMA number.
    static func trackingNumber(year: Int, sequence: Int) -> String {
        let digits = "\(year)" + String(format: "%06d", sequence)
        let sum = digits.compactMap(\.wholeNumberValue).enumerated().reduce(0) { sum, item in
            sum + item.element * (item.offset.isMultiple(of: 2) ? 3 : 1)
        }
        return "KR\(digits)\((10 - sum % 10) % 10)"
    }

    /// The year (UTC) of an instant.
    static func year(of time: Timestamp) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.component(.year, from: time.date)
    }

    /// Lines of `request` that do not fit into what is left after the order's `earlier` RMA lines.
    static func refusals(_ request: ReturnRequest, earlier: [ReturnLine]) -> [ReturnLineRefusal] {
        var covered: [String: Int] = [:]
        for line in earlier { covered[line.lineNumber, default: 0] += line.quantity }
        var asked: [String: Int] = [:]
        for line in request.lines { asked[line.lineNumber, default: 0] += line.quantity }
        return request.lines.compactMap { line in
            let remaining = max(0, (request.returnable[line.lineNumber] ?? 0) - (covered[line.lineNumber] ?? 0))
            let requested = asked[line.lineNumber] ?? line.quantity
            return requested > remaining
                ? ReturnLineRefusal(lineNumber: line.lineNumber, requested: requested, remaining: remaining) : nil
        }
    }

    /// Why `receipt` cannot be recorded against `rma` after its `earlier` receipts; nil when it can.
    static func receiptProblem(_ receipt: ReturnReceiptRecord, rma: ReturnRecord, earlier: [ReturnReceiptRecord])
        -> String?
    {
        if receipt.lines.isEmpty { return "receipt for \(rma.rmaNumber) has no lines" }
        if receipt.locationID.isEmpty { return "receipt for \(rma.rmaNumber) names no location" }
        var received: [String: Int] = [:]
        for line in earlier.flatMap(\.lines) { received[line.lineNumber, default: 0] += line.quantity }
        var arriving: [String: Int] = [:]
        for (index, line) in receipt.lines.enumerated() {
            guard line.quantity >= 1 else { return "lines[\(index)].quantity: must be at least 1" }
            arriving[line.lineNumber, default: 0] += line.quantity
        }
        for (index, line) in receipt.lines.enumerated() {
            let authorized = rma.lines.filter { $0.lineNumber == line.lineNumber }.reduce(0) { $0 + $1.quantity }
            guard authorized > 0 else {
                return "lines[\(index)].lineNumber: line \(line.lineNumber) is not on \(rma.rmaNumber)"
            }
            let outstanding = authorized - (received[line.lineNumber] ?? 0)
            if arriving[line.lineNumber, default: 0] > outstanding {
                return "lines[\(index)].quantity: \(arriving[line.lineNumber, default: 0]) pieces of line "
                    + "\(line.lineNumber) arrived, \(rma.rmaNumber) has \(max(0, outstanding)) outstanding"
            }
        }
        return nil
    }

    /// The lines of a receipt, with each line's SKU taken from the RMA (a WMS may leave it out).
    static func withSKUs(_ receipt: ReturnReceiptRecord, from rma: ReturnRecord) -> ReturnReceiptRecord {
        var receipt = receipt
        receipt.lines = receipt.lines.map { line in
            var line = line
            if let sku = rma.lines.first(where: { $0.lineNumber == line.lineNumber })?.sku { line.sku = sku }
            line.restocked = line.condition == .resalable
            return line
        }
        return receipt
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
