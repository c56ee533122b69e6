import Testing

@testable import KontorModel

@Suite struct CodeListTests {
    @Test func currencyShapeAndList() {
        #expect(CurrencyCode("EUR") == .eur)
        #expect(CurrencyCode("eur") == nil)
        #expect(CurrencyCode("EURO") == nil)
        #expect(CurrencyCode("E1R") == nil)
        #expect(CurrencyCode(normalizing: " eur\n") == .eur)
        #expect(CurrencyCode.eur.isISO4217)
        #expect(CurrencyCode("XCG")!.isISO4217)
        #expect(CurrencyCode("ZWG")!.isISO4217)
        #expect(!CurrencyCode("XYZ")!.isISO4217)
        #expect(!CurrencyCode("HRK")!.isISO4217, "withdrawn when Croatia adopted the euro")
        #expect(!CurrencyCode("DEM")!.isISO4217)
        #expect(CurrencyCode.iso4217Codes.count == 178)
        #expect(CurrencyCode.iso4217Codes == CurrencyCode.iso4217Codes.sorted())
    }

    @Test func currencyMinorUnits() {
        #expect(CurrencyCode.eur.minorUnits == 2)
        #expect(CurrencyCode.jpy.minorUnits == 0)
        #expect(CurrencyCode("KWD")!.minorUnits == 3)
        #expect(CurrencyCode("CLF")!.minorUnits == 4)
        #expect(CurrencyCode("XAU")!.minorUnits == nil)
        #expect(CurrencyCode("XYZ")!.minorUnits == nil)
    }

    @Test func countryShapeAndList() {
        #expect(CountryCode("DE") == .de)
        #expect(CountryCode("de") == nil)
        #expect(CountryCode("DEU") == nil)
        #expect(CountryCode("D") == nil)
        #expect(CountryCode(normalizing: "de ") == .de)
        #expect(CountryCode.iso3166Codes.count == 249)
        #expect(CountryCode("SS")!.isISO3166)
        #expect(CountryCode("AX")!.isISO3166)
        #expect(!CountryCode("UK")!.isISO3166, "the UK is GB")
        #expect(!CountryCode("XK")!.isISO3166, "user-assigned, not ISO")
        #expect(!CountryCode("ZZ")!.isISO3166)
        #expect(!CountryCode("HK")!.usesPostalCodes)
        #expect(CountryCode.de.usesPostalCodes)
    }

    @Test func unitsOfMeasure() {
        for code in ["C62", "H87", "EA", "KGM", "GRM", "LTR", "MTR", "MTK", "MTQ", "SET", "PR", "DZN", "XBX", "XCT"] {
            #expect(UnitOfMeasure(code)?.isKnownRec20 == true, "\(code)")
        }
        #expect(UnitOfMeasure.one.rawValue == "C62")
        #expect(UnitOfMeasure.one.name == "one")
        #expect(UnitOfMeasure("BX")?.isKnownRec20 == false, "X12 code, Rec. 20 uses XBX")
        #expect(UnitOfMeasure("PCE")?.isKnownRec20 == false)
        #expect(UnitOfMeasure.replacement(forLegacyCode: "CT") == .carton)
        #expect(UnitOfMeasure(normalizing: "pcs") == .piece)
        #expect(UnitOfMeasure(normalizing: " kgm ") == .kilogram)
        #expect(UnitOfMeasure("c62") == nil)
        #expect(UnitOfMeasure("C") == nil)
        #expect(UnitOfMeasure("ABCD") == nil)
        #expect(UnitOfMeasure("2P")?.isKnownRec20 == true)
        #expect(UnitOfMeasure.knownCodes.count > 80)
        #expect(Quantity(DecimalAmount("2.5")!, .kilogram).description == "2.5 KGM")
    }

    @Test(arguments: ["4006381333931", "036000291452", "96385074", "10012345678902", "6291041500213", "00000000"])
    func validGTINs(code: String) {
        #expect(GTIN.isValid(code))
        #expect(GTIN(code)?.rawValue == code)
    }

    @Test(arguments: [
        "4006381333932", "036000291453", "12345", "4006381333931 ", "40063813339a1", "", "400638133393112",
    ])
    func invalidGTINs(code: String) {
        #expect(!GTIN.isValid(code))
    }
}
