import Foundation

/// Builds the CONTRL syntax and service report message (D:3:UN) every inbound interchange gets.
///
/// Layout: `UNB` (sender and recipient of the original swapped) · `UNH+…+CONTRL:D:3:UN` · `UCI` (interchange:
/// action 7 acknowledged, or 4 rejected with the 0085 error code, segment tag and element position of the first
/// interchange-level issue) · for interchanges with groups one `UCF` per group followed by its messages · one `UCM`
/// per message (7 or 4, with the first `UNH`/`UNT` error) followed by `UCS` (segment position, error) and `UCD`
/// (error, element:component position) for issues in the message body · `UNT` · `UNZ`.
///
/// When the interchange is rejected every message is reported 4 (a rejected level rejects everything below it).
public enum EdifactControl {
    /// The CONTRL interchange for `interchange`. `issues` defaults to ``EdifactValidator/validate(_:)``; pass
    /// your own list to add issues found by message readers (``EdifactOrderError/issue``).
    public static func make(
        for interchange: EdifactInterchange,
        issues: [EdifactIssue]? = nil,
        controlReference: String,
        messageReference: String = "1",
        preparedAt: Date = Date(),
        writer: EdifactWriter = EdifactWriter()
    ) -> String {
        let issues = issues ?? EdifactValidator.validate(interchange)
        var body: [EdifactSegment] = []

        let interchangeIssue = issues.first { $0.level == .interchange }
        let interchangeRejected = interchangeIssue != nil
        body.append(
            EdifactSegment(
                "UCI",
                [
                    [interchange.controlReference ?? ""], interchange.header.element(2), interchange.header.element(3),
                    [interchangeRejected ? "4" : "7"],
                ] + errorElements(interchangeIssue)
            )
        )

        func reportMessages(_ indices: Range<Int>, rejected: Bool) {
            for index in indices {
                let message = interchange.messages[index]
                let own = issues.filter { $0.messageIndex == index }
                let envelopeIssue = own.first { $0.level == .message }
                let segmentIssues = own.filter { $0.level == .segment }.sorted {
                    $0.segmentPosition < $1.segmentPosition
                }
                let action = rejected || !own.isEmpty ? "4" : "7"
                body.append(
                    EdifactSegment(
                        "UCM",
                        [[message.referenceNumber ?? ""], message.header.element(2), [action]]
                            + errorElements(envelopeIssue)
                    )
                )
                var reported = Set<Int>()
                for issue in segmentIssues {
                    if reported.insert(issue.segmentPosition).inserted || issue.elementPosition == nil {
                        body.append(
                            EdifactSegment(
                                "UCS",
                                [
                                    [String(issue.segmentPosition)],
                                    issue.elementPosition == nil ? [issue.code.syntaxErrorCode] : [],
                                ]
                            )
                        )
                    }
                    if let element = issue.elementPosition {
                        body.append(
                            EdifactSegment(
                                "UCD",
                                [
                                    [issue.code.syntaxErrorCode],
                                    [String(element)] + (issue.componentPosition.map { [String($0)] } ?? []),
                                ]
                            )
                        )
                    }
                }
            }
        }

        if interchange.groups.isEmpty {
            reportMessages(interchange.messages.indices, rejected: interchangeRejected)
        } else {
            for (index, group) in interchange.groups.enumerated() {
                let groupIssue = issues.first { $0.level == .group && $0.groupIndex == index }
                let rejected = interchangeRejected || groupIssue != nil
                body.append(
                    EdifactSegment(
                        "UCF",
                        [
                            [group.referenceNumber ?? ""], group.header.element(2), group.header.element(3),
                            [rejected ? "4" : "7"],
                        ]
                            + errorElements(groupIssue)
                    )
                )
                reportMessages(group.messageIndices, rejected: rejected)
            }
            let grouped = Set(interchange.groups.flatMap { $0.messageIndices })
            let stray = interchange.messages.indices.filter { !grouped.contains($0) }
            for index in stray { reportMessages(index..<(index + 1), rejected: interchangeRejected) }
        }

        let envelope = EdifactEnvelope(
            sender: party(interchange.header.element(3)),
            recipient: party(interchange.header.element(2)),
            controlReference: controlReference,
            preparedAt: preparedAt,
            syntaxIdentifier: interchange.syntaxIdentifier ?? "UNOC",
            syntaxVersion: interchange.syntaxVersion ?? "3"
        )
        let message = EdifactOutboundMessage(
            type: "CONTRL",
            version: "D",
            release: "3",
            agency: "UN",
            referenceNumber: messageReference,
            segments: body
        )
        return writer.interchange(envelope, messages: [message])
    }

    /// 0085 syntax error, 0013 service segment tag, S011 data element identification.
    private static func errorElements(_ issue: EdifactIssue?) -> [[String]] {
        guard let issue else { return [] }
        var position: [String] = []
        if let element = issue.elementPosition {
            position = [String(element)] + (issue.componentPosition.map { [String($0)] } ?? [])
        }
        return [[issue.code.syntaxErrorCode], [issue.segmentTag], position]
    }

    private static func party(_ components: [String]) -> EdifactPartyIdentification {
        EdifactPartyIdentification(
            id: components.first ?? "",
            qualifier: components.count > 1 && !components[1].isEmpty ? components[1] : nil
        )
    }
}
