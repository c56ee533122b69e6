import KontorModel

/// Text pieces shared by the packing slip and the label.
enum DocumentText {
    /// An address as printed lines: name, company, street, street 2, `postal code city`, region, country.
    static func addressLines(_ address: Address) -> [String] {
        let cityLine = [address.postalCode, address.city].compactMap { $0 }.joined(separator: " ")
        return [address.name, address.company, address.street, address.street2, cityLine, address.region]
            .compactMap { $0?.trimmed }
            .filter { !$0.isEmpty } + [address.country.rawValue]
    }

    /// HTML-escaped text for element content and attribute values.
    static func html(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// The calendar date (UTC) of an instant.
    static func date(_ timestamp: Timestamp) -> KontorDate {
        let days = timestamp.microsecondsSinceEpoch / 86_400_000_000
        let floor = timestamp.microsecondsSinceEpoch < 0 && timestamp.microsecondsSinceEpoch % 86_400_000_000 != 0
        return ShippingCalendar.date(Int(floor ? days - 1 : days))
    }

    /// At most `count` characters, with `…` when cut.
    static func truncated(_ text: String, to count: Int) -> String {
        text.count <= count ? text : String(text.prefix(count - 1)) + "…"
    }
}

extension String {
    fileprivate var trimmed: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
