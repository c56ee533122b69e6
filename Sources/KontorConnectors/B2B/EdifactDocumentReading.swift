import Foundation
import KontorEDIFACT
import KontorModel

/// The EDIFACT path of ``B2BDocumentProcessor``: parse, check the envelope, find the partner, read every ORDERS
/// message, and answer the interchange with a CONTRL naming the segment and element of every error.
struct EdifactDocumentReading {
    let processor: B2BDocumentProcessor
    let bound: TradingPartner?

    func read(_ bytes: [UInt8]) async throws -> InboundDocumentResult {
        var result = InboundDocumentResult(format: .edifact)
        let interchange: EdifactInterchange
        do {
            interchange = try EdifactParser.parse(bytes)
        } catch {
            result.refuse(.unreadable, "not a readable EDIFACT interchange: \(error)")
            return result
        }
        result.sender = [interchange.senderQualifier, interchange.senderID].compactMap { $0 }.joined(separator: ":")
        result.interchangeControlNumber = interchange.controlReference
        let resolution = EnvelopeIdentity.edifact.resolve(
            sender: (interchange.senderQualifier, interchange.senderID),
            receiver: (interchange.recipientQualifier, interchange.recipientID),
            bound: bound,
            in: processor.partners
        )
        let partner: TradingPartner
        switch resolution {
        case .success(let found): partner = found
        case .failure(let error):
            result.refuse(.unknownPartner, error.message)
            return result
        }
        result.partner = partner.name

        var issues = EdifactValidator.validate(interchange)
        let interchangeIssues = issues.filter { $0.level == .interchange }
        if !interchangeIssues.isEmpty {
            result.refuse(
                .rejected,
                "interchange \(interchange.controlReference ?? "") rejected: "
                    + interchangeIssues.map(\.description).joined(separator: "; ")
            )
        }
        for (index, message) in interchange.messages.enumerated() {
            let reference = "\(message.type ?? "?") \(message.referenceNumber ?? "?") (message \(index + 1))"
            var outcome = InboundDocumentResult.Transaction(reference: reference)
            let groupIssues = issues.filter {
                $0.level == .group && message.groupIndex != nil && $0.groupIndex == message.groupIndex
            }
            let messageIssues = issues.filter { $0.messageIndex == index }
            if let documentError = result.documentError {
                outcome.error = documentError
            } else if !groupIssues.isEmpty {
                outcome.error = "group rejected: " + groupIssues.map(\.description).joined(separator: "; ")
            } else if !messageIssues.isEmpty {
                outcome.error = messageIssues.map(\.description).joined(separator: "; ")
            } else if message.type != "ORDERS" {
                let issue = EdifactIssue(
                    code: .unsupportedMessageType,
                    segmentTag: "UNH",
                    segmentPosition: 1,
                    elementPosition: 2,
                    componentPosition: 1,
                    messageIndex: index,
                    message: "message type \(message.type ?? "(none)") is not an order (ORDERS) this system reads"
                )
                issues.append(issue)
                outcome.error = issue.description
            } else {
                do {
                    var order = try EdifactOrderReader.read(message, messageIndex: index)
                    order.channel = partner.channel
                    outcome.order = order
                } catch {
                    issues.append(error.issue)
                    outcome.error = error.description
                }
            }
            result.transactions.append(outcome)
        }
        if result.transactions.isEmpty && result.documentError == nil {
            result.refuse(.rejected, "interchange \(interchange.controlReference ?? "") holds no message")
        }
        if partner.sendsAcknowledgements {
            let number = try await processor.controlNumbers(partner.name)
            let reference = "K" + String(number)
            result.acknowledgement = .init(
                kind: "CONTRL",
                content: EdifactControl.make(for: interchange, issues: issues, controlReference: reference),
                fileName: "CONTRL-\(partner.name)-\(reference).edi",
                controlNumber: number
            )
        }
        return result
    }
}
