/// Code 128 barcodes (ISO/IEC 15417): code sets B (printable ASCII) and C (digit pairs), switching to C for runs of
/// digits where that makes the symbol shorter, with the modulo-103 check symbol.
public enum Code128 {
    /// Why a text cannot be encoded.
    public struct EncodingError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The text.
        public var text: String
        /// 0-based position of the first character Code 128 B cannot carry.
        public var position: Int

        public var description: String {
            "Code 128: character \(position + 1) of \"\(text)\" is not printable ASCII"
        }
    }

    /// The symbol values, from the start symbol to the check symbol (without the stop symbol).
    public static func symbols(_ text: String) throws(EncodingError) -> [Int] {
        let bytes = Array(text.utf8)
        if let bad = bytes.firstIndex(where: { $0 < 32 || $0 > 126 }) {
            throw EncodingError(
                text: text,
                position: text.unicodeScalars.distance(
                    from: text.unicodeScalars.startIndex,
                    to: text.utf8.index(text.utf8.startIndex, offsetBy: bad)
                )
            )
        }
        var values: [Int] = []
        var inC = false
        var index = 0
        func digitRun(from start: Int) -> Int {
            var end = start
            while end < bytes.count, bytes[end] >= 48, bytes[end] <= 57 { end += 1 }
            return end - start
        }
        while index < bytes.count {
            let run = digitRun(from: index)
            let atStart = index == 0
            let toEnd = index + run == bytes.count
            // Code set C pays off for 4+ digits at the start or end (2 when they are the whole even text), 6+ between.
            let useC =
                (atStart && (run >= 4 || (toEnd && run == 2))) || (toEnd && run >= 4) || run >= 6
            if useC {
                let pairs = run / 2
                if values.isEmpty {
                    values.append(startC)
                } else if !inC {
                    values.append(codeC)
                }
                inC = true
                for _ in 0..<pairs {
                    values.append(Int(bytes[index] - 48) * 10 + Int(bytes[index + 1] - 48))
                    index += 2
                }
            } else {
                if values.isEmpty {
                    values.append(startB)
                } else if inC {
                    values.append(codeB)
                }
                inC = false
                values.append(Int(bytes[index]) - 32)
                index += 1
            }
        }
        if values.isEmpty { values.append(startB) }
        var sum = values[0]
        for (position, value) in values.enumerated().dropFirst() {
            sum += position * value
        }
        values.append(sum % 103)
        return values
    }

    /// The bar and space widths in modules, bar first, including the stop pattern (without quiet zones).
    public static func modules(_ text: String) throws(EncodingError) -> [Int] {
        var widths: [Int] = []
        for value in try symbols(text) + [stop] {
            widths += patterns[value].utf8.map { Int($0 - 48) }
        }
        return widths
    }

    static let startB = 104
    static let startC = 105
    static let codeB = 100
    static let codeC = 99
    static let stop = 106

    /// Bar/space widths of symbol values 0...106 (106 is the stop pattern, 13 modules with its final bar).
    static let patterns: [String] = [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ]
}
