import Foundation
import KontorModel
import KontorX12

/// The built-in lookup tables: `country-name-to-iso` and `unit-to-rec20`.
enum BuiltinTables {
    static func table(named name: String) -> LookupTable? {
        switch name {
        case "country-name-to-iso": countryNameToISO
        case "unit-to-rec20": unitToRec20
        case "x12-unit-to-rec20": x12UnitToRec20
        case "edifact-unit-to-rec20": edifactUnitToRec20
        default: nil
        }
    }

    static let names = ["country-name-to-iso", "unit-to-rec20", "x12-unit-to-rec20", "edifact-unit-to-rec20"]

    /// X12 unit codes (355) as ``X12PurchaseOrderReader/unit(_:)`` maps them: `CA` → `XCS`, `LB` → `LBR`, ...; other
    /// codes through `UnitOfMeasure(normalizing:)`, else as written.
    static let x12UnitToRec20 = LookupTable(
        name: "x12-unit-to-rec20",
        entries: [:],
        normalize: { $0 },
        defaultValue: nil,
        compute: { X12PurchaseOrderReader.unit($0) }
    )

    /// EDIFACT units (6411) as ``EdifactOrderReader`` maps them: `UnitOfMeasure(normalizing:)` (`PCE` → `H87`),
    /// else as written.
    static let edifactUnitToRec20 = LookupTable(
        name: "edifact-unit-to-rec20",
        entries: [:],
        normalize: { $0 },
        defaultValue: nil,
        compute: { UnitOfMeasure(normalizing: $0)?.rawValue ?? $0 }
    )

    /// Lowercased, without diacritics, punctuation folded to spaces, spaces collapsed: `"Côte d'Ivoire"` →
    /// `"cote d ivoire"`, `"Österreich"` → `"osterreich"`.
    static func normalizeName(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "ß", with: "ss")
        var result = ""
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingSpace, !result.isEmpty { result.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return result
    }

    /// English and German country names (with common variants) → ISO 3166-1 alpha-2. An ISO alpha-2 code is accepted
    /// as itself, in any case.
    static let countryNameToISO: LookupTable = {
        var entries: [String: String] = [:]
        for line in countryNames.split(separator: "\n") {
            let parts = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let code = parts.first else { continue }
            for name in parts.dropFirst() where !name.isEmpty {
                entries[normalizeName(name)] = code
            }
        }
        return LookupTable(
            name: "country-name-to-iso",
            entries: entries,
            normalize: normalizeName,
            defaultValue: nil,
            compute: { text in
                let code = CountryCode(normalizing: text)
                return code.flatMap { $0.isISO3166 ? $0.rawValue : nil }
            }
        )
    }()

    /// Code | English names | German names (and variants).
    private static let countryNames = """
        DE | Germany | Federal Republic of Germany | Deutschland | Bundesrepublik Deutschland | BRD
        AT | Austria | Österreich | Oesterreich
        CH | Switzerland | Schweiz | Suisse | Svizzera
        LI | Liechtenstein
        FR | France | Frankreich
        NL | Netherlands | The Netherlands | Holland | Niederlande
        BE | Belgium | Belgien | Belgique
        LU | Luxembourg | Luxemburg
        IT | Italy | Italien | Italia
        ES | Spain | Spanien | España
        PT | Portugal
        PL | Poland | Polen | Polska
        CZ | Czech Republic | Czechia | Tschechien | Tschechische Republik
        SK | Slovakia | Slowakei
        HU | Hungary | Ungarn
        SI | Slovenia | Slowenien
        HR | Croatia | Kroatien
        RO | Romania | Rumänien
        BG | Bulgaria | Bulgarien
        GR | Greece | Griechenland
        CY | Cyprus | Zypern
        MT | Malta
        DK | Denmark | Dänemark
        SE | Sweden | Schweden
        NO | Norway | Norwegen
        FI | Finland | Finnland
        IS | Iceland | Island
        IE | Ireland | Irland
        GB | United Kingdom | UK | Great Britain | Britain | England | Scotland | Wales | Northern Ireland \
        | Vereinigtes Königreich | Großbritannien | Grossbritannien
        EE | Estonia | Estland
        LV | Latvia | Lettland
        LT | Lithuania | Litauen
        UA | Ukraine
        RS | Serbia | Serbien
        BA | Bosnia and Herzegovina | Bosnien und Herzegowina
        ME | Montenegro
        MK | North Macedonia | Macedonia | Nordmazedonien | Mazedonien
        AL | Albania | Albanien
        MD | Moldova | Republic of Moldova | Moldau | Republik Moldau
        BY | Belarus | Weißrussland | Weissrussland
        RU | Russia | Russian Federation | Russland | Russische Föderation
        TR | Turkey | Türkiye | Türkei
        MC | Monaco
        AD | Andorra
        SM | San Marino
        US | United States | United States of America | USA | U.S.A. | U.S. | America | Vereinigte Staaten \
        | Vereinigte Staaten von Amerika
        CA | Canada | Kanada
        MX | Mexico | Mexiko | México
        BR | Brazil | Brasilien | Brasil
        AR | Argentina | Argentinien
        CL | Chile
        CO | Colombia | Kolumbien
        PE | Peru
        CN | China | People's Republic of China | Volksrepublik China
        HK | Hong Kong | Hongkong
        TW | Taiwan
        JP | Japan
        KR | South Korea | Korea | Republic of Korea | Südkorea | Republik Korea
        IN | India | Indien
        SG | Singapore | Singapur
        MY | Malaysia
        TH | Thailand
        VN | Vietnam | Viet Nam
        ID | Indonesia | Indonesien
        PH | Philippines | Philippinen
        AU | Australia | Australien
        NZ | New Zealand | Neuseeland
        ZA | South Africa | Südafrika
        EG | Egypt | Ägypten
        MA | Morocco | Marokko
        TN | Tunisia | Tunesien
        NG | Nigeria
        KE | Kenya | Kenia
        IL | Israel
        AE | United Arab Emirates | UAE | Vereinigte Arabische Emirate
        SA | Saudi Arabia | Saudi-Arabien
        QA | Qatar | Katar
        KW | Kuwait
        """

    /// Unit names and codes (Rec. 20, legacy X12/Rec. 21 short forms, English and German words) → a Rec. 20 code that
    /// Kontor knows. Unknown units are unmappable.
    static let unitToRec20: LookupTable = {
        var entries: [String: String] = [:]
        let words: [(String, [String])] = [
            ("H87", ["piece", "pieces", "pc", "pcs", "stück", "stueck", "stk"]),
            ("C62", ["one", "unit", "units", "einheit"]),
            ("EA", ["each", "ea"]),
            ("PR", ["pair", "pairs", "paar"]),
            ("SET", ["set", "sets", "satz"]),
            ("DZN", ["dozen", "dutzend"]),
            ("KGM", ["kg", "kilo", "kilogram", "kilogramm", "kilograms"]),
            ("GRM", ["g", "gr", "gram", "gramm", "grams"]),
            ("TNE", ["t", "tonne", "tonnen"]),
            ("LTR", ["l", "ltr", "liter", "litre", "litres", "liters"]),
            ("MLT", ["ml", "milliliter", "millilitre"]),
            ("MTR", ["m", "meter", "metre", "metres", "meters", "lfm"]),
            ("CMT", ["cm", "zentimeter", "centimetre", "centimeter"]),
            ("MMT", ["mm", "millimeter", "millimetre"]),
            ("MTK", ["m2", "m²", "qm", "sqm", "square metre", "quadratmeter"]),
            ("MTQ", ["m3", "m³", "cbm", "cubic metre", "kubikmeter"]),
            ("HUR", ["h", "hour", "hours", "std", "stunde", "stunden"]),
            ("DAY", ["day", "days", "tag", "tage"]),
            ("XBX", ["box", "boxes", "bx", "schachtel"]),
            ("XCT", ["carton", "cartons", "ct", "karton", "kartons"]),
            ("XPK", ["pack", "package", "packs", "pk", "packung", "paket", "pkg"]),
            ("XPX", ["pallet", "pallets", "px", "palette", "paletten", "pal"]),
            ("XRO", ["roll", "rolle", "rollen"]),
            ("XBG", ["bag", "bags", "beutel"]),
            ("XSA", ["sack", "säcke"]),
            ("XBO", ["bottle", "bottles", "flasche", "flaschen"]),
            ("XCA", ["can", "dose", "dosen"]),
        ]
        for (code, names) in words {
            for name in names { entries[name] = code }
        }
        return LookupTable(
            name: "unit-to-rec20",
            entries: entries,
            normalize: { $0.trimmingCharacters(in: .whitespaces).lowercased() },
            defaultValue: nil,
            compute: { text in
                guard let unit = UnitOfMeasure(normalizing: text), unit.isKnownRec20 else { return nil }
                return unit.rawValue
            }
        )
    }()
}
