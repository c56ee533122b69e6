import Foundation
import KontorAllocation
import KontorModel
import KontorStore

/// An order's lines in pieces (``OrderLine/pieces``: a dozen is 12), with the numbers the store's reservations use for them (the line's position,
/// from 1, so that any line number text maps to a reservation line).
struct OrderDemandLines: Sendable {
    /// One line: its order line number, store line number, SKU and units.
    struct Line: Sendable, Hashable {
        var lineNumber: String
        var reservationLine: Int
        var sku: String
        var quantity: Int
    }

    let lines: [Line]

    /// Reads the order's lines; a line without a SKU or whose quantity is not a positive whole number of units is a
    /// schema violation (validation refuses such orders, so they should never get here).
    init(_ order: CanonicalOrder) throws(StageError) {
        var lines: [Line] = []
        for (index, line) in order.lines.enumerated() {
            let field = "order.lines[\(index)]"
            guard let sku = line.sku, !sku.isEmpty else {
                throw StageError.schemaViolation("\(field).sku: missing; allocation needs the seller's SKU")
            }
            guard let units = line.pieces else {
                throw StageError.schemaViolation(
                    "\(field).quantity: '\(line.quantity) \(line.unitOfMeasure)' is not a positive whole number of pieces"
                )
            }
            lines.append(Line(lineNumber: line.lineNumber, reservationLine: index + 1, sku: sku, quantity: units))
        }
        guard !lines.isEmpty else { throw StageError.schemaViolation("order.lines: the order has no lines") }
        self.lines = lines
    }

    /// The distinct SKUs, in line order.
    var skus: [String] {
        var seen: Set<String> = []
        return lines.map(\.sku).filter { seen.insert($0).inserted }
    }

    /// Units still wanted per line once `held` (the order's active reservations) is taken off, as demand lines
    /// (lines with nothing open left out).
    func open(after held: [Reservation]) -> [LineDemand] {
        let heldByLine = Dictionary(grouping: held, by: \.lineNumber).mapValues { $0.reduce(0) { $0 + $1.quantity } }
        return lines.compactMap { line in
            let open = line.quantity - (heldByLine[line.reservationLine] ?? 0)
            return open > 0 ? LineDemand(lineNumber: line.lineNumber, sku: line.sku, quantity: open) : nil
        }
    }

    /// The store line number of an order line number.
    func reservationLine(of lineNumber: String) -> Int? {
        lines.first { $0.lineNumber == lineNumber }?.reservationLine
    }

    /// The order line number of a store line number.
    func lineNumber(ofReservationLine number: Int) -> String {
        lines.first { $0.reservationLine == number }?.lineNumber ?? String(number)
    }
}
