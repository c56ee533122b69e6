/// A unit of measure as a UN/ECE Recommendation 20 common code, such as `C62` (one), `KGM` (kilogram) or `XBX` (box).
///
/// Creating one only checks the shape (`^[A-Z0-9]{2,3}$`): that is the structural rule enforced while decoding.
/// Whether the code is one Kontor knows is a business rule: see ``isKnownRec20`` and ``BasicOrderValidator``.
/// An order line without a unit gets ``one`` (`C62`).
///
/// Packaging units come from UN/ECE Recommendation 21 and appear in Rec. 20 with an `X` prefix (`XBX` box, `XCT`
/// carton, `XPK` package). The bare two-letter forms (`BX`, `CT`, `PK`, ...) are ANSI X12 and old Rec. 20 codes that
/// are no longer valid; ``init(normalizing:)`` maps them.
public struct UnitOfMeasure: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible,
    ValidatedStringValue
{
    /// The common code.
    public let rawValue: String

    /// Accepts two or three uppercase ASCII letters or digits.
    public init?(_ code: String) {
        self.init(rawValue: code)
    }

    /// Trims, uppercases and maps common non-Rec. 20 codes (X12 `CT` becomes `XCT`, `PCS` and `PCE` become `H87`).
    public init?(normalizing code: String) {
        let upper = code.trimmingASCIIWhitespace().uppercased()
        if let mapped = Self.legacyAliases[upper] {
            self = mapped
        } else {
            self.init(rawValue: upper)
        }
    }

    init(unchecked code: String) {
        rawValue = code
    }

    /// `true` when the code is in Kontor's embedded list of common Rec. 20 codes.
    public var isKnownRec20: Bool { Self.rec20Names[rawValue] != nil }

    /// The English Rec. 20 name, such as `"kilogram"`, when the code is known.
    public var name: String? { Self.rec20Names[rawValue] }

    /// The Rec. 20 code that a legacy or X12 code stands for, when there is one (`CT` gives `XCT`).
    public static func replacement(forLegacyCode code: String) -> UnitOfMeasure? {
        legacyAliases[code]
    }

    /// Every code Kontor knows, sorted.
    public static var knownCodes: [UnitOfMeasure] {
        rec20Names.keys.sorted().map(UnitOfMeasure.init(unchecked:))
    }

    static let fieldDescription = "unit of measure"
    static let expectedFormat: String? =
        #"a UN/ECE Rec. 20 code of two or three uppercase letters or digits, like "C62""#

    /// `true` when `code` is two or three uppercase ASCII letters or digits.
    static func isValid(_ code: String) -> Bool {
        code.isUppercaseASCIICode(length: 2...3, allowingDigits: true)
    }

    /// `C62`, one: the default unit for counted items.
    public static let one = UnitOfMeasure(unchecked: "C62")
    /// `H87`, piece.
    public static let piece = UnitOfMeasure(unchecked: "H87")
    /// `EA`, each.
    public static let each = UnitOfMeasure(unchecked: "EA")
    /// `SET`, set.
    public static let set = UnitOfMeasure(unchecked: "SET")
    /// `PR`, pair.
    public static let pair = UnitOfMeasure(unchecked: "PR")
    /// `DZN`, dozen.
    public static let dozen = UnitOfMeasure(unchecked: "DZN")
    /// `KGM`, kilogram.
    public static let kilogram = UnitOfMeasure(unchecked: "KGM")
    /// `GRM`, gram.
    public static let gram = UnitOfMeasure(unchecked: "GRM")
    /// `LTR`, litre.
    public static let litre = UnitOfMeasure(unchecked: "LTR")
    /// `MTR`, metre.
    public static let metre = UnitOfMeasure(unchecked: "MTR")
    /// `MTK`, square metre.
    public static let squareMetre = UnitOfMeasure(unchecked: "MTK")
    /// `HUR`, hour.
    public static let hour = UnitOfMeasure(unchecked: "HUR")
    /// `XBX`, box (Rec. 21 `BX`).
    public static let box = UnitOfMeasure(unchecked: "XBX")
    /// `XCT`, carton (Rec. 21 `CT`).
    public static let carton = UnitOfMeasure(unchecked: "XCT")
    /// `XPK`, package (Rec. 21 `PK`).
    public static let package = UnitOfMeasure(unchecked: "XPK")
    /// `XPX`, pallet (Rec. 21 `PX`).
    public static let pallet = UnitOfMeasure(unchecked: "XPX")
}

/// A quantity together with its unit, for code that computes with line quantities.
public struct Quantity: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How many.
    public var value: DecimalAmount

    /// Of what.
    public var unit: UnitOfMeasure

    /// Creates a quantity; the unit defaults to ``UnitOfMeasure/one``.
    public init(_ value: DecimalAmount, _ unit: UnitOfMeasure = .one) {
        self.value = value
        self.unit = unit
    }

    /// `"3 C62"`.
    public var description: String { "\(value) \(unit)" }
}
