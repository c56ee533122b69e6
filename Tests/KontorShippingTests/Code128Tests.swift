import KontorShipping
import Testing

@Suite("Code 128 encoder: code sets B and C, check symbol, patterns")
struct Code128Tests {
    @Test("Symbol values with the modulo-103 check symbol")
    func symbols() throws {
        // Start B, P J J 1 2 3 C; check (104 + 1·48 + 2·42 + 3·42 + 4·17 + 5·18 + 6·19 + 7·35) mod 103 = 55.
        #expect(try Code128.symbols("PJJ123C") == [104, 48, 42, 42, 17, 18, 19, 35, 55])
        // All digits, even count: start C and digit pairs; check (105 + 12 + 2·34 + 3·56) mod 103 = 44.
        #expect(try Code128.symbols("123456") == [105, 12, 34, 56, 44])
        // A long digit run after letters switches to code C (99) and back to B (100) for a trailing odd digit.
        let mixed = try Code128.symbols("JJD1234567")
        #expect(Array(mixed.prefix(8)) == [104, 42, 42, 36, 99, 12, 34, 56])
        #expect(Array(mixed.dropFirst(8).prefix(2)) == [100, 23])
    }

    @Test("Every symbol is 11 modules wide and starts with a bar; the stop pattern adds 13")
    func modules() throws {
        let widths = try Code128.modules("Kontor-2025")
        let symbols = try Code128.symbols("Kontor-2025")
        #expect(widths.reduce(0, +) == symbols.count * 11 + 13)
        #expect(widths.count == symbols.count * 6 + 7)
    }

    @Test("Characters outside printable ASCII are refused with their position")
    func refused() {
        #expect {
            _ = try Code128.symbols("Mü1")
        } throws: { error in
            (error as? Code128.EncodingError)?.description == "Code 128: character 2 of \"Mü1\" is not printable ASCII"
        }
    }
}
