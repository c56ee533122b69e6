import Foundation
import KontorModel

/// Why an ORDERS message could not become a canonical order. ``issue`` locates the problem for CONTRL.
public struct EdifactOrderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problem, with segment and element position inside the message.
    public var issue: EdifactIssue

    /// Creates an error.
    public init(_ issue: EdifactIssue) {
        self.issue = issue
    }

    /// The issue's description.
    public var description: String { issue.description }
}

/// Reads an ORDERS message (directories D93A .. D01B and later, EANCOM subsets included) into a ``CanonicalOrder``.
///
/// Mapping (positions are EDIFACT data element positions):
/// * `BGM` C106/1004 → `orderNumber`. For other types read back (ORDRSP, DESADV, INVOIC) `RFF+ON` wins and the BGM
///   number goes to `attributes["edifact.documentNumber"]`.
/// * `DTM` 137 (document date), else 4 (order date) → `orderDate`; formats 102 `CCYYMMDD`, 203 `CCYYMMDDHHMM`,
///   204 `CCYYMMDDHHMMSS`, 101 `YYMMDD`. Times carry no zone in EDIFACT, so `orderDate` is the calendar date and
///   the full value goes to `attributes["edifact.orderDateTime"]`. `DTM+2` → `delivery.requestedDate` (header) or
///   `requestedDeliveryDate` (line).
/// * `CUX` C504/6345 → `currency`; **`EUR` when the message has no CUX** (``Options/defaultCurrency``).
/// * `NAD+BY` → `buyer` (C082 id, C080 name, `RFF+VA` → `vatId`, `COM` TE/EM → phone/email); `NAD+DP` (else `ST`,
///   else `BY`, else `IV`) with an address → `shipTo`; `NAD+IV` → `billTo`; `NAD+SU` → `attributes`. Each
///   party's C082 id is kept in `attributes["edifact.nad.<qualifier>"]`. Country codes are upper-cased
///   (`xx` → `XX`); a ship-to party without a country uses ``Options/defaultCountry`` or fails.
/// * `LIN` 1082 → `lineNumber` (or the count of lines when empty); C212 type `EN`/`UP`/`SRV` → `gtin`, `IN`/`BP`
///   → `buyerSku`, any other type (or none) → `sku`. `PIA` fills what is still empty: `IN`/`BP` → `buyerSku`,
///   `SA`/`VN`/others → `sku`, `EN`/`UP`/`SRV` → `gtin`.
/// * `IMD` C273/7008 (both texts, all IMDs of the line joined by a space) → `description`.
/// * `QTY` 21 (ordered), else 1 (discrete), else 12/47/113 (for read-back) → `quantity`, 6411 → `unitOfMeasure`
///   (normalized: `PCE` → `H87`; none → `C62`).
/// * `PRI` AAA (net), else AAB (gross), else any → `unitPrice` = 5118 / 5284 (unit price basis). **A line without
///   any PRI gets unit price `0`** (the canonical model requires one) and is listed in
///   `attributes["edifact.unpricedLines"]`.
/// * `MOA` 203 in a line → `lineTotal`. Header / summary `MOA`: 86 (message total), else 9 (amount due), else 77
///   (invoice amount) → `grandTotal`; 79 (line items) → `subtotal`; 124/176 → `tax`; 131 → `discount` when
///   positive. Without any of 86/9/77 the totals are computed from the lines.
/// * `TAX+7` rate (C243/5278) in a line → `taxRate`; `FTX` C108 texts → `notes`.
/// * Numbers may use `,` or `.` as decimal mark, a leading `-`, and no thousands separators.
///
/// The dictionary built from these rules is decoded with ``CanonicalJSON/decodeOrder(from:)-(Data)``, so every
/// structural rule of the canonical model applies.
public struct EdifactOrderReader: Sendable {
    /// Reader settings.
    public struct Options: Sendable {
        /// The currency when the message has no `CUX`; `EUR`.
        public var defaultCurrency: CurrencyCode = .eur
        /// The country for a ship-to party without one; `nil` makes such a message fail.
        public var defaultCountry: CountryCode? = nil
        /// The channel written into the order.
        public var channel: SalesChannel = .ediEdifact
        /// The message types accepted; `ORDERS` by default. Add `ORDRSP`, `DESADV`, `INVOIC` to read them back.
        public var messageTypes: Set<String> = ["ORDERS"]

        /// Default settings.
        public init() {}
    }

    /// The settings.
    public var options: Options

    /// Creates a reader.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Reads `message` with default options.
    public static func read(_ message: EdifactMessage, messageIndex: Int? = nil) throws(EdifactOrderError)
        -> CanonicalOrder
    {
        try EdifactOrderReader().read(message, messageIndex: messageIndex)
    }

    /// Reads `message`; `messageIndex` goes into the thrown issue so that CONTRL can report it.
    public func read(_ message: EdifactMessage, messageIndex: Int? = nil) throws(EdifactOrderError) -> CanonicalOrder {
        var state = ReadState(message: message, messageIndex: messageIndex, options: options)
        return try state.read()
    }
}

private struct ReadState {
    let message: EdifactMessage
    let messageIndex: Int?
    let options: EdifactOrderReader.Options

    var position = 0
    var tag = ""

    init(message: EdifactMessage, messageIndex: Int?, options: EdifactOrderReader.Options) {
        self.message = message
        self.messageIndex = messageIndex
        self.options = options
    }

    func fail(
        _ code: EdifactIssue.Code,
        _ text: String,
        element: Int? = nil,
        component: Int? = nil,
        tag: String? = nil,
        position: Int? = nil
    ) -> EdifactOrderError {
        EdifactOrderError(
            EdifactIssue(
                code: code,
                segmentTag: tag ?? self.tag,
                segmentPosition: position ?? self.position,
                elementPosition: element,
                componentPosition: component,
                messageIndex: messageIndex,
                groupIndex: message.groupIndex,
                message: text
            )
        )
    }

    /// A decimal from EDIFACT: `,` or `.` as mark, optional leading `-`, `.5` and `5.` allowed.
    func number(_ raw: String?, element: Int, component: Int) throws(EdifactOrderError) -> String? {
        guard var text = raw else { return nil }
        text = text.replacingOccurrences(of: ",", with: ".")
        var negative = false
        if text.hasPrefix("-") {
            negative = true
            text.removeFirst()
        }
        if text.hasPrefix(".") { text = "0" + text }
        if text.hasSuffix(".") { text.removeLast() }
        guard DecimalAmount(text) != nil, !text.hasPrefix("-") else {
            throw fail(.invalidDecimalNotation, "\"\(raw!)\" is not a number", element: element, component: component)
        }
        return negative ? "-" + text : text
    }

    func date(_ segment: EdifactSegment) throws(EdifactOrderError) -> (date: String, full: String)? {
        guard let value = segment.value(1, 2) else { return nil }
        let format = segment.value(1, 3) ?? "102"
        let digits = Array(value.utf8)
        guard digits.allSatisfy({ (48...57).contains($0) }) else {
            throw fail(.invalidValue, "date \"\(value)\" is not numeric", element: 1, component: 2)
        }
        var text = value
        let expected: Int
        switch format {
        case "102": expected = 8
        case "203": expected = 12
        case "204": expected = 14
        case "101":
            expected = 6
            text = "20" + value
        default:
            throw fail(.invalidValue, "date format \"\(format)\" is not supported", element: 1, component: 3)
        }
        guard digits.count == expected else {
            throw fail(.invalidValue, "date \"\(value)\" does not match format \(format)", element: 1, component: 2)
        }
        let t = Array(text)
        let day = String(t[0..<4]) + "-" + String(t[4..<6]) + "-" + String(t[6..<8])
        guard KontorDate(day) != nil else {
            throw fail(.invalidValue, "date \"\(value)\" does not exist", element: 1, component: 2)
        }
        var full = day
        if t.count >= 12 { full += "T" + String(t[8..<10]) + ":" + String(t[10..<12]) }
        if t.count >= 14 { full += ":" + String(t[12..<14]) }
        return (day, full)
    }

    struct PartyData {
        var id: String?
        var name: String?
        var street: String?
        var street2: String?
        var city: String?
        var region: String?
        var postalCode: String?
        var country: String?
        var phone: String?
        var email: String?
        var vatId: String?
        var position = 0
        var hasAddress: Bool { street != nil || city != nil || postalCode != nil || country != nil }
    }

    struct LineData {
        var fields: [String: Any] = [:]
        var quantities: [String: (String, String?)] = [:]
        var prices: [String: (String, String?)] = [:]
        var descriptions: [String] = []
    }

    mutating func read() throws(EdifactOrderError) -> CanonicalOrder {
        let type = message.type ?? ""
        guard options.messageTypes.contains(type) else {
            throw fail(
                .unsupportedMessageType,
                "message type \"\(type)\" is not read as an order",
                element: 2,
                component: 1,
                tag: "UNH",
                position: 1
            )
        }
        var documentNumber: String?
        var orderReference: String?
        var dates: [String: (date: String, full: String)] = [:]
        var currency: String?
        var parties: [String: PartyData] = [:]
        var partyOrder: [String] = []
        var lastParty: String?
        var lines: [LineData] = []
        var headerAmounts: [String: String] = [:]
        var notes: [String] = []
        var inSummary = false

        for (offset, segment) in message.segments.enumerated() {
            position = offset + 1
            tag = segment.tag
            let inLine = !lines.isEmpty && !inSummary
            switch segment.tag {
            case "BGM":
                documentNumber = segment.value(2, 1)
            case "DTM":
                guard let qualifier = segment.value(1, 1), let parsed = try date(segment) else { continue }
                if inLine {
                    if qualifier == "2" { lines[lines.count - 1].fields["requestedDeliveryDate"] = parsed.date }
                } else if dates[qualifier] == nil {
                    dates[qualifier] = parsed
                }
            case "RFF":
                if segment.value(1, 1) == "ON", orderReference == nil, !inLine { orderReference = segment.value(1, 2) }
                if segment.value(1, 1) == "VA", let party = lastParty { parties[party]?.vatId = segment.value(1, 2) }
            case "CUX":
                if currency == nil { currency = segment.value(1, 2) }
            case "NAD":
                guard let qualifier = segment.value(1) else { continue }
                lastParty = qualifier
                guard parties[qualifier] == nil else { continue }
                partyOrder.append(qualifier)
                let nameParts = segment.element(4).filter { !$0.isEmpty }
                let addressLines = segment.element(3).filter { !$0.isEmpty }
                let streets = segment.element(5).filter { !$0.isEmpty }
                parties[qualifier] = PartyData(
                    id: segment.value(2, 1),
                    name: nameParts.isEmpty ? addressLines.first : nameParts.joined(separator: " "),
                    street: streets.first,
                    street2: streets.count > 1 ? streets.dropFirst().joined(separator: ", ") : nil,
                    city: segment.value(6),
                    region: segment.value(7, 1),
                    postalCode: segment.value(8),
                    country: segment.value(9).map { $0.trimmingCharacters(in: .whitespaces).uppercased() },
                    position: position
                )
            case "COM":
                guard let party = lastParty, !inLine else { continue }
                let value = segment.value(1, 1)
                switch segment.value(1, 2) {
                case "TE": if parties[party]?.phone == nil { parties[party]?.phone = value }
                case "EM": if parties[party]?.email == nil { parties[party]?.email = value }
                default: break
                }
            case "FTX":
                let text = segment.element(4).filter { !$0.isEmpty }.joined(separator: " ")
                if !text.isEmpty, !inLine { notes.append(text) }
            case "LIN":
                var line = LineData()
                line.fields["lineNumber"] = segment.value(1) ?? String(lines.count + 1)
                if let id = segment.value(3, 1) { assign(&line, id: id, type: segment.value(3, 2), fromLIN: true) }
                lines.append(line)
                lastParty = nil
            case "PIA":
                guard inLine else { continue }
                for element in 2...6 {
                    if let id = segment.value(element, 1) {
                        assign(&lines[lines.count - 1], id: id, type: segment.value(element, 2), fromLIN: false)
                    }
                }
            case "IMD":
                guard inLine else { continue }
                let text = [segment.value(3, 4), segment.value(3, 5)].compactMap { $0 }.joined(separator: " ")
                if !text.isEmpty { lines[lines.count - 1].descriptions.append(text) }
            case "QTY":
                guard inLine, let qualifier = segment.value(1, 1) else { continue }
                if let amount = try number(segment.value(1, 2), element: 1, component: 2),
                    lines[lines.count - 1].quantities[qualifier] == nil
                {
                    lines[lines.count - 1].quantities[qualifier] = (amount, segment.value(1, 3))
                }
            case "PRI":
                guard inLine, let amount = try number(segment.value(1, 2), element: 1, component: 2) else { continue }
                let basis = try number(segment.value(1, 5), element: 1, component: 5)
                let qualifier = segment.value(1, 1) ?? ""
                if lines[lines.count - 1].prices[qualifier] == nil {
                    lines[lines.count - 1].prices[qualifier] = (amount, basis)
                }
            case "MOA":
                guard let qualifier = segment.value(1, 1),
                    let amount = try number(segment.value(1, 2), element: 1, component: 2)
                else { continue }
                if inLine {
                    if qualifier == "203", lines[lines.count - 1].fields["lineTotal"] == nil {
                        lines[lines.count - 1].fields["lineTotal"] = amount
                    }
                } else if headerAmounts[qualifier] == nil {
                    headerAmounts[qualifier] = amount
                }
            case "TAX":
                guard inLine, segment.value(1) == "7",
                    let rate = try number(segment.value(5, 4), element: 5, component: 4)
                else { continue }
                lines[lines.count - 1].fields["taxRate"] = rate
            case "UNS":
                inSummary = true
            default:
                continue
            }
        }

        tag = "BGM"
        position = message.segments.firstIndex { $0.tag == "BGM" }.map { $0 + 1 } ?? 1
        var orderNumber = documentNumber
        var attributes: [String: String] = [:]
        if message.type != "ORDERS", let orderReference {
            orderNumber = orderReference
            if let documentNumber { attributes["edifact.documentNumber"] = documentNumber }
        }
        guard let orderNumber else {
            throw fail(.missingElement, "no order number (BGM C106/1004)", element: 2, component: 1)
        }
        guard let orderDate = dates["137"] ?? dates["4"] else {
            throw fail(.missingSegment, "no order date (DTM 137 or 4)", tag: "DTM", position: position)
        }
        if orderDate.full != orderDate.date { attributes["edifact.orderDateTime"] = orderDate.full }
        guard !lines.isEmpty else {
            throw fail(.missingSegment, "the order has no lines (LIN)", tag: "LIN", position: message.segments.count)
        }

        var order: [String: Any] = [
            "schemaVersion": SchemaVersion.current.description,
            "orderNumber": orderNumber,
            "channel": options.channel.rawValue,
            "orderDate": orderDate.date,
            "currency": currency ?? options.defaultCurrency.rawValue,
        ]
        for qualifier in partyOrder {
            if let id = parties[qualifier]?.id { attributes["edifact.nad.\(qualifier)"] = id }
        }
        let buyer = parties["BY"]
        var buyerJSON: [String: Any] = [:]
        buyerJSON["id"] = buyer?.id
        buyerJSON["name"] = buyer?.name
        buyerJSON["email"] = buyer?.email
        buyerJSON["phone"] = buyer?.phone
        buyerJSON["vatId"] = buyer?.vatId
        order["buyer"] = buyerJSON

        let shipCandidates = ["DP", "ST", "BY", "IV"].compactMap { parties[$0] }
        guard let shipParty = shipCandidates.first(where: { $0.hasAddress }) ?? shipCandidates.first else {
            throw fail(.missingSegment, "no delivery party (NAD DP, ST, BY or IV)", tag: "NAD", position: 1)
        }
        order["shipTo"] = try address(shipParty)
        if let invoicee = parties["IV"], invoicee.hasAddress { order["billTo"] = try address(invoicee) }
        if let supplier = parties["SU"], let name = supplier.name { attributes["edifact.supplierName"] = name }

        var unpriced: [String] = []
        var lineJSON: [[String: Any]] = []
        var sum = DecimalAmount.zero
        for var line in lines {
            let lineNumber = line.fields["lineNumber"] as? String ?? ""
            guard let quantity = ["21", "1", "12", "47", "113"].lazy.compactMap({ line.quantities[$0] }).first
            else {
                throw fail(.missingSegment, "line \(lineNumber) has no quantity (QTY 21 or 1)", tag: "LIN", position: 1)
            }
            line.fields["quantity"] = quantity.0
            if let unit = quantity.1 {
                line.fields["unitOfMeasure"] = UnitOfMeasure(normalizing: unit)?.rawValue ?? unit
            }
            let price = ["AAA", "AAB"].lazy.compactMap({ line.prices[$0] }).first ?? line.prices.values.first
            if let price {
                line.fields["unitPrice"] = unitPrice(price.0, basis: price.1)
            } else {
                line.fields["unitPrice"] = "0"
                unpriced.append(lineNumber)
            }
            if !line.descriptions.isEmpty { line.fields["description"] = line.descriptions.joined(separator: " ") }
            let extended =
                (line.fields["lineTotal"] as? String).flatMap { DecimalAmount($0) }
                ?? (DecimalAmount(quantity.0) ?? .zero) * (DecimalAmount(line.fields["unitPrice"] as! String) ?? .zero)
            sum = sum + extended
            lineJSON.append(line.fields)
        }
        order["lines"] = lineJSON
        if !unpriced.isEmpty { attributes["edifact.unpricedLines"] = unpriced.joined(separator: ",") }

        var totals: [String: Any] = [:]
        totals["grandTotal"] = headerAmounts["86"] ?? headerAmounts["9"] ?? headerAmounts["77"] ?? sum.description
        totals["subtotal"] = headerAmounts["79"]
        totals["tax"] = headerAmounts["124"] ?? headerAmounts["176"]
        if let discount = headerAmounts["131"], let amount = DecimalAmount(discount), amount.isPositive {
            totals["discount"] = discount
        }
        order["totals"] = totals
        if let requested = dates["2"] { order["delivery"] = ["method": "ship", "requestedDate": requested.date] }
        if !notes.isEmpty { order["notes"] = notes.joined(separator: "\n") }
        if !attributes.isEmpty { order["attributes"] = attributes }

        if let built = CanonicalJSON.order(fromJSONObject: order) { return built }
        let data: Data
        do {
            data = try JSONSerialization.data(withJSONObject: order, options: [.sortedKeys])
        } catch {
            throw fail(.invalidValue, "could not encode the order: \(error)", position: 1)
        }
        do {
            return try CanonicalJSON.decodeOrder(from: data)
        } catch {
            throw fail(.invalidValue, "not a valid canonical order: \(error.description)", tag: "UNH", position: 1)
        }
    }

    func assign(_ line: inout LineData, id: String, type: String?, fromLIN: Bool) {
        let key: String
        switch type ?? "" {
        case "EN", "UP", "SRV": key = "gtin"
        case "IN", "BP": key = "buyerSku"
        default: key = "sku"
        }
        if line.fields[key] == nil { line.fields[key] = id }
    }

    func unitPrice(_ price: String, basis: String?) -> String {
        guard let basis, let divisor = DecimalAmount(basis), !divisor.isZero, divisor != 1,
            let amount = DecimalAmount(price)
        else { return price }
        let quotient = DecimalAmount(amount.value / divisor.value)
        return (quotient.scale > 6 ? quotient.rounded(toScale: 6) : quotient).description
    }

    func address(_ party: PartyData) throws(EdifactOrderError) -> [String: Any] {
        guard let country = party.country ?? options.defaultCountry?.rawValue else {
            throw fail(
                .missingElement,
                "party has no country code (NAD 3207)",
                element: 9,
                tag: "NAD",
                position: party.position
            )
        }
        var json: [String: Any] = ["country": country]
        json["name"] = party.name
        json["street"] = party.street
        json["street2"] = party.street2
        json["city"] = party.city
        json["region"] = party.region
        json["postalCode"] = party.postalCode
        json["phone"] = party.phone
        json["email"] = party.email
        return json
    }
}
