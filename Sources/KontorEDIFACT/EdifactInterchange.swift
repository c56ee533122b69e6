/// One message: `UNH` .. `UNT`.
public struct EdifactMessage: Sendable, Hashable {
    /// Every segment of the message, `UNH` first and `UNT` last when present. The position of a segment in the
    /// message (what `UNT` counts and CONTRL reports) is its index here plus one.
    public var segments: [EdifactSegment]
    /// The index in ``EdifactInterchange/groups`` of the group holding this message, `nil` when ungrouped.
    public var groupIndex: Int?

    /// Creates a message.
    public init(segments: [EdifactSegment], groupIndex: Int? = nil) {
        self.segments = segments
        self.groupIndex = groupIndex
    }

    /// The `UNH` segment.
    public var header: EdifactSegment { segments[0] }
    /// The `UNT` segment, `nil` when the message is not terminated.
    public var trailer: EdifactSegment? { segments.count > 1 && segments.last?.tag == "UNT" ? segments.last : nil }
    /// The segments between `UNH` and `UNT`.
    public var body: ArraySlice<EdifactSegment> {
        segments[1..<(trailer == nil ? segments.count : segments.count - 1)]
    }
    /// `UNH` 0062, the message reference number.
    public var referenceNumber: String? { header.value(1) }
    /// `UNH` 0065, e.g. `ORDERS`.
    public var type: String? { header.value(2, 1) }
    /// `UNH` 0052, e.g. `D`.
    public var version: String? { header.value(2, 2) }
    /// `UNH` 0054, e.g. `96A`.
    public var release: String? { header.value(2, 3) }
    /// `UNH` 0051, e.g. `UN`.
    public var agency: String? { header.value(2, 4) }
    /// `UNH` 0057, e.g. `EAN008`.
    public var associationCode: String? { header.value(2, 5) }

    /// The body segments with tag `tag`.
    public func segments(_ tag: String) -> [EdifactSegment] {
        body.filter { $0.tag == tag }
    }
}

/// A functional group: `UNG` .. `UNE`.
public struct EdifactGroup: Sendable, Hashable {
    /// The `UNG` segment.
    public var header: EdifactSegment
    /// The `UNE` segment, `nil` when missing.
    public var trailer: EdifactSegment?
    /// The indices in ``EdifactInterchange/messages`` of this group's messages.
    public var messageIndices: Range<Int>

    /// `UNG` 0048, the group reference number.
    public var referenceNumber: String? { header.value(5) }
}

/// A parsed interchange: `UNB`, optional `UNG` groups, messages and `UNZ`.
public struct EdifactInterchange: Sendable, Hashable {
    /// The service characters in effect.
    public var delimiters: EdifactDelimiters
    /// The `UNB` segment.
    public var header: EdifactSegment
    /// The functional groups; empty when the interchange has none.
    public var groups: [EdifactGroup]
    /// All messages in document order, grouped or not.
    public var messages: [EdifactMessage]
    /// The `UNZ` segment, `nil` when missing.
    public var trailer: EdifactSegment?
    /// Problems found while grouping the segments (missing trailers, segments outside messages, ...).
    public var structureIssues: [EdifactIssue]
    /// The number of segments read, `UNB` to the last one.
    public var segmentCount: Int

    /// `UNB` S001/0001, e.g. `UNOC`.
    public var syntaxIdentifier: String? { header.value(1, 1) }
    /// `UNB` S001/0002, e.g. `3`.
    public var syntaxVersion: String? { header.value(1, 2) }
    /// `UNB` S002/0004, the sender identification.
    public var senderID: String? { header.value(2, 1) }
    /// `UNB` S002/0007, the sender identification code qualifier (e.g. `14` for GLN).
    public var senderQualifier: String? { header.value(2, 2) }
    /// `UNB` S003/0010, the recipient identification.
    public var recipientID: String? { header.value(3, 1) }
    /// `UNB` S003/0007, the recipient identification code qualifier.
    public var recipientQualifier: String? { header.value(3, 2) }
    /// `UNB` S004/0017, the preparation date (`YYMMDD`, or `CCYYMMDD` in syntax version 4).
    public var preparationDate: String? { header.value(4, 1) }
    /// `UNB` S004/0019, the preparation time (`HHMM`).
    public var preparationTime: String? { header.value(4, 2) }
    /// `UNB` 0020, the interchange control reference.
    public var controlReference: String? { header.value(5) }
    /// `UNB` 0026, the application reference.
    public var applicationReference: String? { header.value(7) }
    /// `UNB` 0035 is `1`: a test interchange.
    public var isTest: Bool { header.value(11) == "1" }

    /// Groups tokenized segments; the first one must be `UNB`.
    init(delimiters: EdifactDelimiters, segments: [EdifactSegment]) {
        self.delimiters = delimiters
        header = segments[0]
        groups = []
        messages = []
        trailer = nil
        structureIssues = []
        segmentCount = segments.count

        var current: [EdifactSegment]? = nil
        var currentGroup: (header: EdifactSegment, start: Int)? = nil
        var ungroupedMessages = 0
        var reportedMixing = false

        func issue(_ code: EdifactIssue.Code, _ segment: EdifactSegment, _ text: String, message: Int? = nil) {
            structureIssues.append(
                EdifactIssue(
                    code: code,
                    segmentTag: segment.tag,
                    segmentPosition: message == nil ? segment.position : 1,
                    messageIndex: message,
                    groupIndex: message == nil ? nil : currentGroup.map { _ in groups.count },
                    message: text
                )
            )
        }
        func closeMessage(missingTrailerAt segment: EdifactSegment?) {
            guard let segments = current else { return }
            messages.append(EdifactMessage(segments: segments, groupIndex: currentGroup == nil ? nil : groups.count))
            current = nil
            if let segment {
                let index = messages.count - 1
                structureIssues.append(
                    EdifactIssue(
                        code: .missingTrailer,
                        segmentTag: "UNH",
                        segmentPosition: 1,
                        messageIndex: index,
                        groupIndex: messages[index].groupIndex,
                        message: "message \(segments[0].value(1) ?? "?") has no UNT before \(segment.tag) "
                            + "(segment \(segment.position))"
                    )
                )
            }
        }
        func closeGroup(trailer: EdifactSegment?, before segment: EdifactSegment?) {
            guard let group = currentGroup else { return }
            groups.append(
                EdifactGroup(header: group.header, trailer: trailer, messageIndices: group.start..<messages.count)
            )
            currentGroup = nil
            if trailer == nil {
                structureIssues.append(
                    EdifactIssue(
                        code: .missingTrailer,
                        segmentTag: "UNG",
                        segmentPosition: group.header.position,
                        groupIndex: groups.count - 1,
                        message: "group \(group.header.value(5) ?? "?") has no UNE"
                            + (segment.map { " before \($0.tag) (segment \($0.position))" } ?? "")
                    )
                )
            }
        }

        for segment in segments.dropFirst() {
            if trailer != nil {
                issue(.segmentOutsideMessage, segment, "\(segment.tag) after UNZ")
                continue
            }
            switch segment.tag {
            case "UNH":
                closeMessage(missingTrailerAt: segment)
                if currentGroup == nil {
                    ungroupedMessages += 1
                    if !groups.isEmpty, !reportedMixing {
                        reportedMixing = true
                        issue(.groupsAndMessagesMixed, segment, "ungrouped message after a functional group")
                    }
                }
                current = [segment]
            case "UNT":
                if current != nil {
                    current!.append(segment)
                    closeMessage(missingTrailerAt: nil)
                } else {
                    issue(.segmentOutsideMessage, segment, "UNT without UNH")
                }
            case "UNG":
                closeMessage(missingTrailerAt: segment)
                closeGroup(trailer: nil, before: segment)
                if ungroupedMessages > 0, !reportedMixing {
                    reportedMixing = true
                    issue(.groupsAndMessagesMixed, segment, "functional group after ungrouped messages")
                }
                currentGroup = (segment, messages.count)
            case "UNE":
                closeMessage(missingTrailerAt: segment)
                if currentGroup != nil {
                    closeGroup(trailer: segment, before: nil)
                } else {
                    issue(.segmentOutsideMessage, segment, "UNE without UNG")
                }
            case "UNZ":
                closeMessage(missingTrailerAt: segment)
                closeGroup(trailer: nil, before: segment)
                trailer = segment
            default:
                if current != nil {
                    current!.append(segment.moved(to: segment.position))
                } else {
                    issue(.segmentOutsideMessage, segment, "\(segment.tag) outside a message")
                }
            }
        }
        let last = segments[segments.count - 1]
        if current != nil { closeMessage(missingTrailerAt: last) }
        closeGroup(trailer: nil, before: nil)
        if trailer == nil {
            structureIssues.append(
                EdifactIssue(
                    code: .missingTrailer,
                    segmentTag: "UNB",
                    segmentPosition: 1,
                    message: "interchange \(header.value(5) ?? "?") has no UNZ"
                )
            )
        }
    }
}
