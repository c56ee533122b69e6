import Foundation
import KontorModel

/// Why an 850 could not be turned into a canonical order.
public enum X12ReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The transaction is not of the expected type.
    case wrongTransactionSet(expected: String, found: String)
    /// A required segment is missing.
    case missingSegment(String)
    /// A required element is missing or unusable.
    case invalidElement(segment: String, position: Int, value: String, reason: String)
    /// CTT01 does not match the number of PO1 lines.
    case lineCountMismatch(stated: Int, found: Int)
    /// The assembled order did not decode as a canonical order.
    case invalidOrder(String)

    /// A readable explanation.
    public var description: String {
        switch self {
        case .wrongTransactionSet(let expected, let found): "expected transaction set \(expected), found \(found)"
        case .missingSegment(let tag): "mandatory segment \(tag) is missing"
        case .invalidElement(let segment, let position, let value, let reason):
            "\(segment)\(position < 10 ? "0" : "")\(position) \"\(value)\": \(reason)"
        case .lineCountMismatch(let stated, let found): "CTT01 says \(stated) lines, found \(found) PO1 segments"
        case .invalidOrder(let reason): "the order is not a valid canonical order: \(reason)"
        }
    }
}

/// Turns an 850 purchase order into a ``CanonicalOrder`` (channel `edi-x12`).
///
/// Mapping: BEG03 order number, BEG05 order date, CUR02 currency (USD when there is no CUR segment; the attribute
/// `x12.currencyDefaulted` is then `true`), N1 loops (ST ship-to with N2 → company, N3 → street / street2, N4 →
/// city, region, postal code, country (US when absent); BY buyer, else BT; BT bill-to), PO1 lines (PO101 line
/// number as written, PO102 quantity without zero padding, PO103 unit mapped to Rec 20 when known, PO104 unit
/// price, then qualifier/id pairs: VN, VP, VC → sku; BP, IN → buyerSku; UP, EN, UK → gtin; others go to the
/// attribute `x12.line.<line>.<qualifier>`), PID05 description, DTM*002 requested delivery date, CTT01 line count
/// check, AMT*TT or AMT*1 grand total, else the sum of the lines. REF segments become `x12.ref.<qualifier>`
/// attributes. Without an N1*ST at header level, the first line-level N1*ST is used.
public enum X12PurchaseOrderReader {
    /// X12 unit codes with a different Rec 20 code; others are used as written when they are valid codes.
    public static let unitCodes: [String: String] = [
        "CA": "XCS", "BX": "XBX", "CT": "XCT", "PK": "XPK", "PL": "XPX", "RL": "XRO", "BG": "XBG", "BO": "XBO",
        "DR": "XDR", "DZ": "DZN", "LB": "LBR", "KG": "KGM", "GA": "GLL", "FT": "FOT", "IN": "INH", "YD": "YRD",
        "OZ": "ONZ", "PC": "H87",
    ]

    /// Reads an 850 transaction.
    public static func read(_ transaction: X12Transaction) throws(X12ReadError) -> CanonicalOrder {
        guard transaction.setIdentifier == "850" else {
            throw .wrongTransactionSet(expected: "850", found: transaction.setIdentifier)
        }
        let segments = Array(transaction.body)
        guard let beg = segments.first(where: { $0.tag == "BEG" }) else { throw .missingSegment("BEG") }
        guard !beg[3].isEmpty else {
            throw .invalidElement(segment: "BEG", position: 3, value: "", reason: "purchase order number is missing")
        }
        guard let orderDate = X12Date.isoDate(beg[5]) else {
            throw .invalidElement(segment: "BEG", position: 5, value: beg[5], reason: "not a CCYYMMDD date")
        }
        var attributes: [String: String] = ["x12.purpose": beg[1], "x12.orderType": beg[2]]
        var currency = "USD"
        if let cur = segments.first(where: { $0.tag == "CUR" }), !cur[2].isEmpty {
            currency = cur[2]
        } else {
            attributes["x12.currencyDefaulted"] = "true"
        }
        var parties: [String: [String: Any]] = [:]
        var partyIDs: [String: String] = [:]
        var lines: [[String: Any]] = []
        var lineCount = 0
        var lineSum = Decimal(0)
        var statedTotal: String?
        var headerDelivery: String?
        var currentParty: String?
        var lineShipTo: [String: Any]?
        var index = 0
        while index < segments.count {
            let segment = segments[index]
            switch segment.tag {
            case "REF" where lines.isEmpty:
                attributes["x12.ref.\(segment[1])"] = segment[2].isEmpty ? segment[3] : segment[2]
            case "DTM" where segment[1] == "002":
                if let date = X12Date.isoDate(segment[2]) {
                    if lines.isEmpty {
                        headerDelivery = date
                    } else {
                        lines[lines.count - 1]["requestedDeliveryDate"] = date
                    }
                }
            case "N1":
                let (address, next) = readAddress(segments, from: index)
                let code = segment[1]
                currentParty = code
                if lines.isEmpty {
                    if parties[code] == nil {
                        parties[code] = address
                        if !segment[4].isEmpty { partyIDs[code] = segment[4] }
                    }
                } else if code == "ST" && lineShipTo == nil {
                    lineShipTo = address
                    if !segment[4].isEmpty { partyIDs["ST-line"] = segment[4] }
                }
                index = next
                continue
            case "PER" where currentParty != nil:
                break
            case "PO1":
                currentParty = nil
                lineCount += 1
                let line = try readLine(segment, number: lineCount, attributes: &attributes)
                lineSum += line.amount
                lines.append(line.json)
            case "PID":
                if !lines.isEmpty && !segment[5].isEmpty {
                    let previous = lines[lines.count - 1]["description"] as? String
                    lines[lines.count - 1]["description"] = previous.map { $0 + " " + segment[5] } ?? segment[5]
                }
            case "CTT":
                if let stated = Int(segment[1]), stated != lineCount {
                    throw .lineCountMismatch(stated: stated, found: lineCount)
                }
            case "AMT" where segment[1] == "TT" || segment[1] == "1":
                if statedTotal == nil || segment[1] == "TT" { statedTotal = segment[2] }
            default:
                break
            }
            index += 1
        }
        if let headerDelivery {
            for number in lines.indices where lines[number]["requestedDeliveryDate"] == nil {
                lines[number]["requestedDeliveryDate"] = headerDelivery
            }
        }
        guard var shipTo = parties["ST"] ?? lineShipTo else { throw .missingSegment("N1*ST") }
        if let id = partyIDs["ST"] ?? partyIDs["ST-line"] { attributes["x12.shipTo.id"] = id }
        shipTo.removeValue(forKey: "_name")
        var buyer: [String: Any] = [:]
        for code in ["BY", "BT"] {
            if let party = parties[code] {
                buyer["name"] = party["_name"] ?? party["name"]
                if let id = partyIDs[code] { buyer["id"] = id }
                break
            }
        }
        var order: [String: Any] = [
            "schemaVersion": SchemaVersion.current.rawValue,
            "orderNumber": beg[3],
            "channel": SalesChannel.ediX12.rawValue,
            "orderDate": orderDate,
            "currency": currency,
            "buyer": buyer,
            "shipTo": shipTo,
            "lines": lines,
            "externalIds": ["x12.st02": transaction.controlNumber],
            "attributes": attributes,
        ]
        if var billTo = parties["BT"], billTo["city"] != nil {
            billTo.removeValue(forKey: "_name")
            order["billTo"] = billTo
        }
        var totals: [String: Any] = ["subtotal": "\(lineSum)"]
        if let statedTotal, let amount = normalizedNumber(statedTotal) {
            totals["grandTotal"] = amount
        } else {
            totals["grandTotal"] = "\(lineSum)"
        }
        order["totals"] = totals
        if let built = CanonicalJSON.order(fromJSONObject: order) { return built }
        do {
            let data = try JSONSerialization.data(withJSONObject: order)
            return try CanonicalJSON.decodeOrder(from: data)
        } catch {
            throw .invalidOrder(String(describing: error))
        }
    }

    private static func readAddress(_ segments: [X12Segment], from start: Int) -> ([String: Any], Int) {
        let n1 = segments[start]
        var address: [String: Any] = ["_name": n1[2]]
        if !n1[2].isEmpty { address["name"] = n1[2] }
        var streets: [String] = []
        var index = start + 1
        loop: while index < segments.count {
            let segment = segments[index]
            switch segment.tag {
            case "N2":
                if !segment[1].isEmpty { address["company"] = segment[1] }
            case "N3":
                streets += [segment[1], segment[2]].filter { !$0.isEmpty }
            case "N4":
                if !segment[1].isEmpty { address["city"] = segment[1] }
                if !segment[2].isEmpty { address["region"] = segment[2] }
                if !segment[3].isEmpty { address["postalCode"] = segment[3] }
                if !segment[4].isEmpty { address["country"] = segment[4] }
            case "REF", "PER":
                break
            default:
                break loop
            }
            index += 1
        }
        if let first = streets.first { address["street"] = first }
        if streets.count > 1 { address["street2"] = streets.dropFirst().joined(separator: ", ") }
        if address["country"] == nil { address["country"] = "US" }
        return (address, index)
    }

    private static func readLine(
        _ po1: X12Segment,
        number: Int,
        attributes: inout [String: String]
    ) throws(X12ReadError) -> (json: [String: Any], amount: Decimal) {
        let lineNumber = po1[1].isEmpty ? String(number) : po1[1]
        guard let quantity = normalizedNumber(po1[2]) else {
            throw .invalidElement(segment: "PO1", position: 2, value: po1[2], reason: "not a quantity")
        }
        let priceText = po1[4].isEmpty ? "0" : po1[4]
        guard let price = normalizedNumber(priceText) else {
            throw .invalidElement(segment: "PO1", position: 4, value: po1[4], reason: "not a unit price")
        }
        var line: [String: Any] = ["lineNumber": lineNumber, "quantity": quantity, "unitPrice": price]
        if let unit = unit(po1[3]) { line["unitOfMeasure"] = unit }
        var position = 6
        while position < po1.count {
            let qualifier = po1[position]
            let id = po1[position + 1]
            position += 2
            guard !id.isEmpty else { continue }
            let field: String? =
                switch qualifier {
                case "VN", "VP", "VC": "sku"
                case "BP", "IN": "buyerSku"
                case "UP", "EN", "UK": "gtin"
                default: nil
                }
            if let field, line[field] == nil {
                line[field] = id
            } else {
                attributes["x12.line.\(lineNumber).\(qualifier)"] = id
            }
        }
        let amount = (Decimal(string: quantity) ?? 0) * (Decimal(string: price) ?? 0)
        return (line, amount)
    }

    /// The Rec 20 code for an X12 unit code, or the code as written when unknown but valid; `nil` when empty.
    public static func unit(_ code: String) -> String? {
        let upper = code.trimmingSpaces().uppercased()
        guard !upper.isEmpty else { return nil }
        if let mapped = unitCodes[upper] { return mapped }
        return UnitOfMeasure(normalizing: upper)?.rawValue ?? upper
    }

    /// `"0008"` → `"8"`, `"+0012.50"` → `"12.50"`, `".5"` → `"0.5"`; `nil` when not a decimal number.
    public static func normalizedNumber(_ text: String) -> String? {
        var body = Substring(text.trimmingSpaces())
        var sign = ""
        if body.first == "-" || body.first == "+" {
            if body.first == "-" { sign = "-" }
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !body.isEmpty,
            parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
            parts.contains(where: { !$0.isEmpty })
        else { return nil }
        var integer = parts[0].drop { $0 == "0" }
        if integer.isEmpty { integer = "0" }
        let fraction = parts.count == 2 && !parts[1].isEmpty ? "." + parts[1] : ""
        let result = String(integer) + fraction
        return result == "0" || result.allSatisfy({ $0 == "0" || $0 == "." }) ? result : sign + result
    }
}
