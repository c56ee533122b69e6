import KontorMapping
import KontorX12

/// Turns an 850 reader error into the issues a 997/999 reports (AK3/AK4, IK3/IK4), so the sender learns which
/// segment and element of which transaction set was refused.
enum X12ReadIssues {
    static func issues(for error: X12ReadError, in transaction: X12Transaction) -> [X12Issue] {
        // AK502 5: one or more segments in error.
        var issues = [
            X12Issue(
                level: .transaction,
                code: "5",
                segmentTag: "ST",
                segmentPosition: 1,
                message: error.description
            )
        ]
        switch error {
        case .wrongTransactionSet:
            // AK502 1: transaction set not supported.
            issues[0].code = "1"
        case .missingSegment(let tag):
            // AK304 3: mandatory segment missing; reported at the position it was due, the trailer's.
            issues.append(
                X12Issue(
                    level: .segment,
                    code: "3",
                    segmentTag: tag,
                    segmentPosition: transaction.segments.count,
                    message: error.description
                )
            )
        case .invalidElement(let tag, let position, let value, let reason):
            let segmentPosition = (transaction.segments.firstIndex { $0.tag == tag } ?? 0) + 1
            // AK403 1: mandatory element missing; 8: invalid date; 7: invalid code value (anything else unusable).
            let code = value.isEmpty ? "1" : reason.contains("date") ? "8" : "7"
            issues.append(
                X12Issue(
                    level: .element,
                    code: code,
                    segmentTag: tag,
                    segmentPosition: segmentPosition,
                    elementPosition: position,
                    badData: value.isEmpty ? nil : String(value.prefix(99)),
                    message: error.description
                )
            )
        case .lineCountMismatch(let stated, _):
            let segmentPosition = (transaction.segments.lastIndex { $0.tag == "CTT" } ?? 0) + 1
            issues.append(
                X12Issue(
                    level: .element,
                    code: "7",
                    segmentTag: "CTT",
                    segmentPosition: segmentPosition,
                    elementPosition: 1,
                    badData: String(stated),
                    message: error.description
                )
            )
        case .invalidOrder:
            break
        }
        return issues
    }

    /// The issues for a transaction a mapping refused: AK5 code 5, and the segment and element when the error's
    /// source path names them (a value missing from an absent segment is reported as that segment missing).
    static func issues(for error: MappingError, in transaction: X12Transaction) -> [X12Issue] {
        var issues = [
            X12Issue(level: .transaction, code: "5", segmentTag: "ST", segmentPosition: 1, message: error.description)
        ]
        guard let location = SegmentErrorLocation(error) else { return issues }
        let position = location.position ?? transaction.segments.firstIndex { $0.tag == location.tag }.map { $0 + 1 }
        guard let position, position >= 1, position <= transaction.segments.count else {
            issues.append(
                X12Issue(
                    level: .segment,
                    code: "3",
                    segmentTag: location.tag,
                    segmentPosition: transaction.segments.count,
                    message: error.description
                )
            )
            return issues
        }
        let value = transaction.segments[position - 1][location.element]
        issues.append(
            X12Issue(
                level: .element,
                code: location.isMissing ? "1" : location.isDate ? "8" : "7",
                segmentTag: location.tag,
                segmentPosition: position,
                elementPosition: location.element,
                badData: value.isEmpty ? nil : String(value.prefix(99)),
                message: error.description
            )
        )
        return issues
    }
}
