/// An order's lines indexed by SKU, and the arithmetic of allocating them against one location's stock.
///
/// Several lines may ask for the same SKU; they then share that SKU's stock, in line order.
struct OrderDemand {
    /// The lines, in request order.
    let lines: [LineDemand]

    /// The distinct SKUs, in order of first appearance.
    let skus: [String]

    /// For every line, the index of its SKU in ``skus``.
    let skuOfLine: [Int]

    /// The quantity of every line.
    var quantities: [Int] { lines.map(\.quantity) }

    init(_ lines: [LineDemand]) {
        var skus: [String] = []
        var index: [String: Int] = [:]
        var skuOfLine: [Int] = []
        for line in lines {
            if let known = index[line.sku] {
                skuOfLine.append(known)
            } else {
                index[line.sku] = skus.count
                skuOfLine.append(skus.count)
                skus.append(line.sku)
            }
        }
        self.lines = lines
        self.skus = skus
        self.skuOfLine = skuOfLine
    }

    /// Stock per SKU (indexed like ``skus``) at `locationID`; negative availability (oversold) counts as none.
    func stock(at locationID: String, availability: [[String: Int]]) -> [Int] {
        availability.map { max(0, $0[locationID] ?? 0) }
    }

    /// Units per line that `stock` can give towards `open` (units still wanted per line), lines in order.
    func allocate(_ open: [Int], from stock: [Int]) -> [Int] {
        var left = stock
        var taken = [Int](repeating: 0, count: lines.count)
        for line in lines.indices where open[line] > 0 {
            let sku = skuOfLine[line]
            let quantity = min(open[line], left[sku])
            taken[line] = quantity
            left[sku] -= quantity
        }
        return taken
    }

    /// The allocated lines of a shipment, leaving out lines with nothing allocated.
    func allocatedLines(_ quantities: [Int]) -> [AllocatedLine] {
        lines.indices.compactMap { index in
            guard quantities[index] > 0 else { return nil }
            return AllocatedLine(
                lineNumber: lines[index].lineNumber,
                sku: lines[index].sku,
                quantity: quantities[index]
            )
        }
    }
}
