/// A parsed interchange: ISA, functional groups, IEA.
public struct X12Interchange: Sendable, Hashable {
    /// The delimiters read from the ISA segment.
    public var delimiters: X12Delimiters
    /// The ISA segment.
    public var isa: X12Segment
    /// The functional groups in document order.
    public var groups: [X12FunctionalGroup]
    /// The IEA segment, or `nil` when missing.
    public var iea: X12Segment?
    /// Segments found where the envelope structure does not allow them (outside a transaction, after IEA, ...).
    public var unexpectedSegments: [X12Segment]

    /// Creates an interchange.
    public init(
        delimiters: X12Delimiters,
        isa: X12Segment,
        groups: [X12FunctionalGroup] = [],
        iea: X12Segment? = nil,
        unexpectedSegments: [X12Segment] = []
    ) {
        self.delimiters = delimiters
        self.isa = isa
        self.groups = groups
        self.iea = iea
        self.unexpectedSegments = unexpectedSegments
    }

    /// ISA13, the interchange control number.
    public var controlNumber: String { isa[13] }
    /// ISA05/ISA06, the sender's qualifier and id (id trimmed).
    public var sender: (qualifier: String, id: String) { (isa[5], isa[6].trimmingSpaces()) }
    /// ISA07/ISA08, the receiver's qualifier and id (id trimmed).
    public var receiver: (qualifier: String, id: String) { (isa[7], isa[8].trimmingSpaces()) }
    /// ISA12, the interchange control version, like `00401` or `00501`.
    public var version: String { isa[12] }
    /// Every transaction of every group.
    public var transactions: [X12Transaction] { groups.flatMap(\.transactions) }
}

/// A functional group: GS, transactions, GE.
public struct X12FunctionalGroup: Sendable, Hashable {
    /// The GS segment.
    public var gs: X12Segment
    /// The transactions in document order.
    public var transactions: [X12Transaction]
    /// The GE segment, or `nil` when missing.
    public var ge: X12Segment?

    /// Creates a functional group.
    public init(gs: X12Segment, transactions: [X12Transaction] = [], ge: X12Segment? = nil) {
        self.gs = gs
        self.transactions = transactions
        self.ge = ge
    }

    /// GS01, the functional identifier code, like `PO` or `IN`.
    public var functionalIdentifier: String { gs[1] }
    /// GS06, the group control number.
    public var controlNumber: String { gs[6] }
    /// GS08, the version / release / industry identifier, like `004010` or `005010X220A1`.
    public var version: String { gs[8] }
    /// `true` when GS08 starts with `005010`; such groups are acknowledged with a 999.
    public var is5010: Bool { version.hasPrefix("005010") }
}

/// One transaction set: the segments from ST to SE inclusive.
public struct X12Transaction: Sendable, Hashable {
    /// The segments from ST through SE (or through the last segment before the next envelope segment when SE is missing).
    public var segments: [X12Segment]
    /// `true` when the transaction ends with an SE segment.
    public var hasTrailer: Bool

    /// Creates a transaction from its segments; the first must be ST.
    public init(segments: [X12Segment], hasTrailer: Bool) {
        self.segments = segments
        self.hasTrailer = hasTrailer
    }

    /// The ST segment.
    public var st: X12Segment { segments[0] }
    /// The SE segment, or `nil` when missing.
    public var se: X12Segment? { hasTrailer ? segments.last : nil }
    /// ST01, the transaction set identifier, like `850`.
    public var setIdentifier: String { st[1] }
    /// ST02, the transaction set control number.
    public var controlNumber: String { st[2] }
    /// The segments between ST and SE.
    public var body: ArraySlice<X12Segment> {
        segments[1..<(hasTrailer ? segments.count - 1 : segments.count)]
    }

    /// The 1-based position of a segment of this transaction counted from ST (what SE01, AK3 and IK3 count).
    public func position(of segment: X12Segment) -> Int {
        segment.index - st.index + 1
    }
}

extension String {
    func trimmingSpaces() -> String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view.removeFirst() }
        while let last = view.last, last == " " || last == "\t" { view.removeLast() }
        return String(view)
    }
}
