/// One problem found in an interchange, with the codes acknowledgements use to cite it.
///
/// `code` is from the code list of the level: TA1 I18 note codes for ``Level/interchange`` (e.g. `001`),
/// AK905 for ``Level/group`` (e.g. `4`), AK502/IK502 for ``Level/transaction`` (e.g. `3`), AK304/IK304 for
/// ``Level/segment`` (e.g. `3`) and AK403/IK403 for ``Level/element`` (e.g. `1`).
public struct X12Issue: Sendable, Hashable, CustomStringConvertible {
    /// What the issue is about, which also decides the code list of ``code``.
    public enum Level: String, Sendable, Hashable {
        /// ISA/IEA problems (TA1 note codes).
        case interchange
        /// GS/GE problems (AK905 codes).
        case group
        /// ST/SE problems (AK502 / IK502 codes).
        case transaction
        /// A segment problem (AK304 / IK304 codes).
        case segment
        /// A data element problem (AK403 / IK403 codes).
        case element
    }

    /// The level of the issue.
    public var level: Level
    /// The code from the level's code list.
    public var code: String
    /// The tag of the segment in error.
    public var segmentTag: String
    /// For transaction, segment and element issues the 1-based position counted from ST (as AK302/IK302);
    /// for interchange and group issues the 0-based segment index in the interchange.
    public var segmentPosition: Int
    /// The 1-based element position in the segment (AK401/IK401), for element issues.
    public var elementPosition: Int?
    /// The data element reference number (AK402/IK402), when known.
    public var elementReference: Int?
    /// A copy of the bad data (AK404/IK404), when useful.
    public var badData: String?
    /// A readable explanation.
    public var message: String

    /// Creates an issue.
    public init(
        level: Level,
        code: String,
        segmentTag: String,
        segmentPosition: Int,
        elementPosition: Int? = nil,
        elementReference: Int? = nil,
        badData: String? = nil,
        message: String
    ) {
        self.level = level
        self.code = code
        self.segmentTag = segmentTag
        self.segmentPosition = segmentPosition
        self.elementPosition = elementPosition
        self.elementReference = elementReference
        self.badData = badData
        self.message = message
    }

    /// `level code segment@position[.element]: message`.
    public var description: String {
        let element = elementPosition.map { String(format2: $0) } ?? ""
        return "\(level.rawValue) \(code) \(segmentTag)@\(segmentPosition)\(element): \(message)"
    }
}

extension String {
    fileprivate init(format2 value: Int) {
        self = value < 10 ? ".0\(value)" : ".\(value)"
    }
}

/// The acknowledgement status of a transaction set (AK501/IK501) or functional group (AK901).
public enum X12AckStatus: String, Sendable, Hashable {
    /// Accepted.
    case accepted = "A"
    /// Accepted, but errors were noted.
    case acceptedWithErrors = "E"
    /// Some transaction sets of the group were rejected (AK901 only).
    case partiallyAccepted = "P"
    /// Rejected.
    case rejected = "R"
}
