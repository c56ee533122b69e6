import Foundation

extension UnitOfMeasure {
    /// How many single pieces one of this unit is, for the count units stock is kept in: `C62`/`H87`/`EA` 1, `PR` 2,
    /// `DZN` 12, `CEN` 100, `GRO` 144, `MIL` 1000. `nil` for everything else: measures (kilogram, metre) and packaging
    /// units (box, carton), whose size depends on the product and is not in the catalog.
    public var piecesPerUnit: Int? { Self.pieceFactors[rawValue] }

    private static let pieceFactors: [String: Int] = [
        "C62": 1, "H87": 1, "EA": 1, "NAR": 1, "NPR": 2, "PR": 2, "DZN": 12, "DPC": 12, "CEN": 100, "GRO": 144,
        "MIL": 1000,
    ]
}

extension OrderLine {
    /// The line's quantity in single pieces (stock's unit), or `nil` when the unit does not convert to pieces or the
    /// result is not a positive whole number.
    public var pieces: Int? {
        guard let factor = unitOfMeasure.piecesPerUnit else { return nil }
        let total = quantity.value * Decimal(factor)
        var rounded = Decimal()
        var exact = total
        NSDecimalRound(&rounded, &exact, 0, .plain)
        guard rounded == total, total > 0, total <= Decimal(Int32.max) else { return nil }
        return NSDecimalNumber(decimal: rounded).intValue
    }
}
