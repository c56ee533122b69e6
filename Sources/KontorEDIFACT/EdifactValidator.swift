/// Envelope checks of an interchange.
///
/// Returns the parser's ``EdifactInterchange/structureIssues`` plus: mandatory `UNB` elements (syntax identifier,
/// sender, recipient, date/time, control reference); `UNZ` 0020 equals `UNB` 0020; `UNZ` 0036 equals the number of
/// groups when the interchange uses `UNG`, else of messages; `UNE` 0048/0060 against `UNG` and the group's messages;
/// per message: `UNH` 0062 and S009 present, `UNT` 0062 equals `UNH` 0062, `UNT` 0074 equals the number of segments
/// `UNH`..`UNT` inclusive, and every segment tag is three uppercase letters or digits. Each message is checked on
/// its own, so one bad message never hides the others.
public enum EdifactValidator {
    /// All envelope issues of `interchange`, interchange-level first, then groups, then messages in order.
    public static func validate(_ interchange: EdifactInterchange) -> [EdifactIssue] {
        var issues = interchange.structureIssues.filter { $0.messageIndex == nil && $0.groupIndex == nil }
        let header = interchange.header
        let mandatory: [(Int, Int, String)] = [
            (1, 1, "syntax identifier (S001/0001)"), (1, 2, "syntax version (S001/0002)"),
            (2, 1, "interchange sender (S002/0004)"), (3, 1, "interchange recipient (S003/0010)"),
            (4, 1, "date of preparation (S004/0017)"), (4, 2, "time of preparation (S004/0019)"),
            (5, 1, "interchange control reference (0020)"),
        ]
        for (element, component, name) in mandatory where header.value(element, component) == nil {
            issues.append(
                EdifactIssue(
                    code: .missingElement,
                    segmentTag: "UNB",
                    segmentPosition: header.position,
                    elementPosition: element,
                    componentPosition: component,
                    message: "UNB has no \(name)"
                )
            )
        }
        if let trailer = interchange.trailer {
            let expected = interchange.groups.isEmpty ? interchange.messages.count : interchange.groups.count
            let what = interchange.groups.isEmpty ? "messages" : "groups"
            if let issue = countIssue(
                trailer,
                expected: expected,
                code: .interchangeCountMismatch,
                what: what,
                position: trailer.position
            ) {
                issues.append(issue)
            }
            if trailer.value(2) != header.value(5) {
                issues.append(
                    EdifactIssue(
                        code: .interchangeReferenceMismatch,
                        segmentTag: "UNZ",
                        segmentPosition: trailer.position,
                        elementPosition: 2,
                        message: "UNZ control reference \"\(trailer.value(2) ?? "")\" does not match UNB "
                            + "\"\(header.value(5) ?? "")\""
                    )
                )
            }
        }
        for (index, group) in interchange.groups.enumerated() {
            issues += interchange.structureIssues.filter { $0.messageIndex == nil && $0.groupIndex == index }
            if group.header.value(5) == nil {
                issues.append(
                    EdifactIssue(
                        code: .missingElement,
                        segmentTag: "UNG",
                        segmentPosition: group.header.position,
                        elementPosition: 5,
                        groupIndex: index,
                        message: "UNG has no group reference number (0048)"
                    )
                )
            }
            guard let trailer = group.trailer else { continue }
            if var issue = countIssue(
                trailer,
                expected: group.messageIndices.count,
                code: .groupCountMismatch,
                what: "messages in the group",
                position: trailer.position
            ) {
                issue.groupIndex = index
                issues.append(issue)
            }
            if trailer.value(2) != group.header.value(5) {
                issues.append(
                    EdifactIssue(
                        code: .groupReferenceMismatch,
                        segmentTag: "UNE",
                        segmentPosition: trailer.position,
                        elementPosition: 2,
                        groupIndex: index,
                        message: "UNE group reference \"\(trailer.value(2) ?? "")\" does not match UNG "
                            + "\"\(group.header.value(5) ?? "")\""
                    )
                )
            }
        }
        for index in interchange.messages.indices {
            issues += validate(message: interchange.messages[index], index: index)
            issues += interchange.structureIssues.filter { $0.messageIndex == index }
        }
        return issues
    }

    /// The envelope issues of one message (`messageIndex` and `groupIndex` filled in).
    public static func validate(message: EdifactMessage, index: Int) -> [EdifactIssue] {
        var issues: [EdifactIssue] = []
        func add(
            _ code: EdifactIssue.Code,
            _ tag: String,
            _ position: Int,
            _ element: Int?,
            _ component: Int?,
            _ text: String
        ) {
            issues.append(
                EdifactIssue(
                    code: code,
                    segmentTag: tag,
                    segmentPosition: position,
                    elementPosition: element,
                    componentPosition: component,
                    messageIndex: index,
                    groupIndex: message.groupIndex,
                    message: text
                )
            )
        }
        let header = message.header
        if header.value(1) == nil {
            add(.missingElement, "UNH", 1, 1, nil, "UNH has no message reference number (0062)")
        }
        for (component, name) in [
            (1, "message type (0065)"), (2, "version (0052)"), (3, "release (0054)"), (4, "agency (0051)"),
        ]
        where header.value(2, component) == nil {
            add(.missingElement, "UNH", 1, 2, component, "UNH has no \(name)")
        }
        for (offset, segment) in message.segments.enumerated() where !isValidTag(segment.tag) {
            add(.invalidSegmentTag, segment.tag, offset + 1, nil, nil, "\"\(segment.tag)\" is not a segment tag")
        }
        if let trailer = message.trailer {
            let position = message.segments.count
            if var issue = countIssue(
                trailer,
                expected: message.segments.count,
                code: .segmentCountMismatch,
                what: "segments UNH..UNT",
                position: position
            ) {
                issue.messageIndex = index
                issue.groupIndex = message.groupIndex
                issues.append(issue)
            }
            if trailer.value(2) != header.value(1) {
                add(
                    .messageReferenceMismatch,
                    "UNT",
                    position,
                    2,
                    nil,
                    "UNT message reference \"\(trailer.value(2) ?? "")\" does not match UNH \"\(header.value(1) ?? "")\""
                )
            }
        }
        return issues
    }

    private static func countIssue(
        _ trailer: EdifactSegment,
        expected: Int,
        code: EdifactIssue.Code,
        what: String,
        position: Int
    ) -> EdifactIssue? {
        let stated = trailer.value(1)
        guard let stated, let number = Int(stated), number >= 0 else {
            return EdifactIssue(
                code: stated == nil ? .missingElement : .invalidValue,
                segmentTag: trailer.tag,
                segmentPosition: position,
                elementPosition: 1,
                message: "\(trailer.tag) control count \"\(stated ?? "")\" is not a number"
            )
        }
        guard number != expected else { return nil }
        return EdifactIssue(
            code: code,
            segmentTag: trailer.tag,
            segmentPosition: position,
            elementPosition: 1,
            message: "\(trailer.tag) says \(number) but there are \(expected) \(what)"
        )
    }

    private static func isValidTag(_ tag: String) -> Bool {
        let bytes = tag.utf8
        return bytes.count == 3
            && bytes.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || (48...57).contains($0) }
    }
}
