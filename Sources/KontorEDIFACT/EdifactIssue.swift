/// A problem found in an interchange: by the parser (structure), ``EdifactValidator`` (envelope) or a message reader.
///
/// `segmentPosition` counts within the message (`UNH` is 1) when ``messageIndex`` is set, and within the interchange
/// (`UNB` is 1) otherwise. `elementPosition` and `componentPosition` are 1-based, like ``EdifactSegment/value(_:_:)``.
public struct EdifactIssue: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem, with its UN/EDIFACT syntax error code (data element 0085).
    public var code: Code
    /// The tag of the erroneous segment.
    public var segmentTag: String
    /// The position of the erroneous segment (see the type's documentation).
    public var segmentPosition: Int
    /// The position of the erroneous data element in the segment, when one is to blame.
    public var elementPosition: Int?
    /// The position of the erroneous component in the element, when one is to blame.
    public var componentPosition: Int?
    /// The index in ``EdifactInterchange/messages`` of the message concerned; `nil` for interchange and group issues.
    public var messageIndex: Int?
    /// The index in ``EdifactInterchange/groups`` of the group concerned.
    public var groupIndex: Int?
    /// A human-readable explanation.
    public var message: String

    /// Creates an issue.
    public init(
        code: Code,
        segmentTag: String,
        segmentPosition: Int,
        elementPosition: Int? = nil,
        componentPosition: Int? = nil,
        messageIndex: Int? = nil,
        groupIndex: Int? = nil,
        message: String
    ) {
        self.code = code
        self.segmentTag = segmentTag
        self.segmentPosition = segmentPosition
        self.elementPosition = elementPosition
        self.componentPosition = componentPosition
        self.messageIndex = messageIndex
        self.groupIndex = groupIndex
        self.message = message
    }

    /// The envelope level an issue belongs to, which decides where CONTRL reports it.
    public enum Level: Sendable, Hashable {
        /// `UNB`/`UNZ` or anything outside groups and messages: reported in `UCI`.
        case interchange
        /// `UNG`/`UNE`: reported in `UCF`.
        case group
        /// `UNH`/`UNT`: reported in `UCM`.
        case message
        /// A segment inside a message body: reported in `UCS` (and `UCD` for the element).
        case segment
    }

    /// Where this issue is reported.
    public var level: Level {
        if messageIndex != nil {
            return segmentTag == "UNH" || segmentTag == "UNT" ? .message : .segment
        }
        return groupIndex != nil ? .group : .interchange
    }

    /// E.g. `UNZ (segment 12) element 2: [28 interchangeReferenceMismatch] ...`.
    public var description: String {
        var text = "\(segmentTag) (segment \(segmentPosition))"
        if let elementPosition { text += " element \(elementPosition)" }
        if let componentPosition { text += ".\(componentPosition)" }
        return text + ": [\(code.syntaxErrorCode) \(code.name)] \(message)"
    }

    /// An issue kind: a stable name and the UN/EDIFACT syntax error code (0085) CONTRL reports.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// A stable camel-case name, e.g. `interchangeReferenceMismatch`.
        public var name: String
        /// The UN/EDIFACT syntax error code (data element 0085), e.g. `"28"`.
        public var syntaxErrorCode: String

        /// Creates a code.
        public init(name: String, syntaxErrorCode: String) {
            self.name = name
            self.syntaxErrorCode = syntaxErrorCode
        }

        /// The name.
        public var description: String { name }

        /// `UNZ` 0020 differs from `UNB` 0020 (0085 code 28, references do not match).
        public static let interchangeReferenceMismatch = Code(
            name: "interchangeReferenceMismatch",
            syntaxErrorCode: "28"
        )
        /// `UNZ` 0036 differs from the number of messages or groups (0085 code 29, control count does not match).
        public static let interchangeCountMismatch = Code(name: "interchangeCountMismatch", syntaxErrorCode: "29")
        /// `UNE` 0048 differs from `UNG` 0048 (28).
        public static let groupReferenceMismatch = Code(name: "groupReferenceMismatch", syntaxErrorCode: "28")
        /// `UNE` 0060 differs from the number of messages in the group (29).
        public static let groupCountMismatch = Code(name: "groupCountMismatch", syntaxErrorCode: "29")
        /// `UNT` 0062 differs from `UNH` 0062 (28).
        public static let messageReferenceMismatch = Code(name: "messageReferenceMismatch", syntaxErrorCode: "28")
        /// `UNT` 0074 differs from the number of segments `UNH`..`UNT` (29).
        public static let segmentCountMismatch = Code(name: "segmentCountMismatch", syntaxErrorCode: "29")
        /// A trailer (`UNT`, `UNE`, `UNZ`) is missing (13, missing).
        public static let missingTrailer = Code(name: "missingTrailer", syntaxErrorCode: "13")
        /// A mandatory segment is missing (13).
        public static let missingSegment = Code(name: "missingSegment", syntaxErrorCode: "13")
        /// A mandatory data element or component is missing or empty (13).
        public static let missingElement = Code(name: "missingElement", syntaxErrorCode: "13")
        /// A value is malformed, e.g. a count that is not a number or a date that does not exist (12, invalid value).
        public static let invalidValue = Code(name: "invalidValue", syntaxErrorCode: "12")
        /// A number uses an invalid decimal notation (19).
        public static let invalidDecimalNotation = Code(name: "invalidDecimalNotation", syntaxErrorCode: "19")
        /// A segment occurs outside a message or group, or after `UNZ` (33).
        public static let segmentOutsideMessage = Code(name: "segmentOutsideMessage", syntaxErrorCode: "33")
        /// Groups and ungrouped messages are mixed in one interchange (30).
        public static let groupsAndMessagesMixed = Code(name: "groupsAndMessagesMixed", syntaxErrorCode: "30")
        /// A segment tag is not three uppercase letters or digits (12).
        public static let invalidSegmentTag = Code(name: "invalidSegmentTag", syntaxErrorCode: "12")
        /// The message type is not one this reader handles (14, value not supported in this position).
        public static let unsupportedMessageType = Code(name: "unsupportedMessageType", syntaxErrorCode: "14")
    }
}
