import Foundation

/// Builds functional acknowledgements: a 999 for 005010 groups, a 997 for all others.
///
/// The acknowledgement interchange goes back to the sender: ISA05/06 and ISA07/08 (and GS02/GS03) are swapped,
/// the received ISA12 version, usage indicator and delimiters are reused, and every acknowledged group gets its own
/// `FA` group with one 997 or 999 transaction. Control numbers come from the caller.
///
/// An interchange with envelope errors (``X12ValidationReport/interchangeIssues``) is rejected as a whole: the answer
/// is a TA1 interchange acknowledgement (`TA1*control*date*time*R*note code`) and no functional groups, since none of
/// them was processed.
public enum X12Acknowledgement {
    /// Acknowledges every functional group of `interchange`.
    ///
    /// - Parameters:
    ///   - interchange: The received interchange.
    ///   - interchangeControlNumber: ISA13 / IEA02 of the acknowledgement.
    ///   - groupControlNumber: GS06 / GE02 of the first acknowledgement group; further groups count up.
    ///   - transactionControlNumber: ST02 / SE02 of the first 997/999; further ones count up.
    ///   - date: The date written into ISA09/10 and GS04/05 (UTC).
    ///   - report: The validation outcome; by default the interchange is validated with ``X12Validator``.
    public static func make(
        for interchange: X12Interchange,
        interchangeControlNumber: Int,
        groupControlNumber: Int,
        transactionControlNumber: Int = 1,
        date: Date = Date(),
        report: X12ValidationReport? = nil
    ) -> String {
        let report = report ?? X12Validator().validate(interchange)
        let settings = X12EnvelopeSettings(
            senderQualifier: interchange.receiver.qualifier,
            senderID: interchange.receiver.id,
            receiverQualifier: interchange.sender.qualifier,
            receiverID: interchange.sender.id,
            applicationSenderCode: interchange.groups.first?.gs[3],
            applicationReceiverCode: interchange.groups.first?.gs[2],
            interchangeControlNumber: interchangeControlNumber,
            groupControlNumber: groupControlNumber,
            transactionControlNumber: transactionControlNumber,
            date: date,
            usageIndicator: interchange.isa[15].isEmpty ? "P" : interchange.isa[15],
            interchangeVersion: interchange.version,
            groupVersion: "004010",
            delimiters: interchange.delimiters
        )
        if let issue = report.interchangeIssues.first {
            let ta1 = ["TA1", interchange.controlNumber, interchange.isa[9], interchange.isa[10], "R", issue.code]
            return X12Render.interchange([], settings: settings, interchangeAcknowledgement: ta1)
        }
        var groups: [X12OutboundGroup] = []
        for (group, result) in zip(interchange.groups, report.groups) {
            let is999 = group.is5010
            let version = is999 ? "005010X231A1" : String(group.version.prefix(6))
            groups.append(
                X12OutboundGroup(
                    functionalIdentifier: "FA",
                    version: version,
                    transactions: [
                        X12OutboundTransaction(
                            setIdentifier: is999 ? "999" : "997",
                            implementationReference: is999 ? "005010X231A1" : nil,
                            body: body(for: result, is999: is999)
                        )
                    ]
                )
            )
        }
        return X12Render.interchange(groups, settings: settings)
    }

    /// The AK1 ... AK9 segments acknowledging one group (tag first, without ST/SE).
    public static func body(for result: X12GroupResult, is999: Bool) -> [[String]] {
        var segments: [[String]] = []
        segments.append(
            is999
                ? ["AK1", result.functionalIdentifier, result.controlNumber, result.version]
                : ["AK1", result.functionalIdentifier, result.controlNumber]
        )
        for transaction in result.transactions {
            var ak2 = ["AK2", transaction.setIdentifier, transaction.controlNumber]
            if is999 && !transaction.implementationReference.isEmpty { ak2.append(transaction.implementationReference) }
            segments.append(ak2)
            segments += segmentSegments(for: transaction.issues, is999: is999)
            var ak5 = [is999 ? "IK5" : "AK5", transaction.status.rawValue]
            let codes = transaction.issues.filter { $0.level == .transaction }.map(\.code)
            ak5 += unique(codes).prefix(5)
            segments.append(ak5)
        }
        var ak9 = [
            "AK9", result.status.rawValue, String(result.transactions.count), String(result.transactions.count),
            String(result.status == .rejected ? 0 : result.acceptedCount),
        ]
        ak9 += unique(result.issues.map(\.code)).prefix(5)
        segments.append(ak9)
        return segments
    }

    private static func segmentSegments(for issues: [X12Issue], is999: Bool) -> [[String]] {
        var segments: [[String]] = []
        var positions: [Int] = []
        var bySegment: [Int: (tag: String, codes: [String], elements: [X12Issue])] = [:]
        for issue in issues where issue.level == .segment || issue.level == .element {
            if bySegment[issue.segmentPosition] == nil {
                positions.append(issue.segmentPosition)
                bySegment[issue.segmentPosition] = (issue.segmentTag, [], [])
            }
            if issue.level == .segment {
                bySegment[issue.segmentPosition]?.codes.append(issue.code)
            } else {
                bySegment[issue.segmentPosition]?.elements.append(issue)
            }
        }
        for position in positions {
            guard let entry = bySegment[position] else { continue }
            let code = entry.codes.first ?? "8"
            segments.append([is999 ? "IK3" : "AK3", entry.tag, String(position), "", code])
            for element in entry.elements {
                segments.append([
                    is999 ? "IK4" : "AK4", String(element.elementPosition ?? 0),
                    element.elementReference.map(String.init) ?? "", element.code, element.badData ?? "",
                ])
            }
        }
        return segments
    }

    private static func unique(_ codes: [String]) -> [String] {
        var seen: Set<String> = []
        return codes.filter { seen.insert($0).inserted }
    }
}
