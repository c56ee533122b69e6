import KontorMapping

/// Where in a transaction a mapping error points, read from the error's source path (`BEG05 at segment 2`,
/// `PID05 in PO1 at segment 9`, `BGM01.2 at segment 2`, `BEG03 in ST..SE`), so acknowledgements can name the
/// segment and element of a transaction refused by a mapping the way they do for the built-in readers.
struct SegmentErrorLocation: Hashable {
    var tag: String
    var element: Int
    var component: Int?
    /// The segment's position counted from the transaction header (ST or UNH is 1); nil when the segment is absent.
    var position: Int?
    /// Whether the value was missing (rather than unusable).
    var isMissing: Bool
    /// Whether the value was an unusable date or time.
    var isDate: Bool

    init?(_ error: MappingError) {
        guard let field = error.field else { return nil }
        // The selector's last step: skip group steps such as `N1[N101=ST]/`.
        let words = field.split(separator: " ")
        guard var selector = words.first.map(String.init) else { return nil }
        if let slash = selector.lastIndex(of: "/") { selector = String(selector[selector.index(after: slash)...]) }
        if let bracket = selector.firstIndex(of: "[") {
            let after = selector[bracket...].firstIndex(of: "]").map { selector.index(after: $0) }
            selector = String(selector[..<bracket]) + (after.map { String(selector[$0...]) } ?? "")
        }
        if selector.hasPrefix(".") { return nil }
        // TAG + two-digit element (+ .component).
        var parts = selector.split(separator: ".", maxSplits: 1).map(String.init)
        let head = parts.removeFirst()
        guard head.count >= 4, let element = Int(head.suffix(2)) else { return nil }
        let tag = String(head.dropLast(2))
        guard (2...3).contains(tag.count), tag.allSatisfy({ $0.isUppercase || $0.isNumber }) else { return nil }
        self.tag = tag
        self.element = element
        component = parts.first.flatMap { Int($0.prefix { $0.isNumber }) }
        if let at = words.firstIndex(of: "segment"), words.index(after: at) < words.endIndex {
            position = Int(words[words.index(after: at)])
        }
        isMissing = error.message.contains("missing")
        isDate = error.message.contains("date") || error.message.contains("time")
    }
}
