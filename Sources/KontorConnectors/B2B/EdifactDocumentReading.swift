import Foundation
import KontorEDIFACT
import KontorMapping
import KontorModel

/// The EDIFACT path of ``B2BDocumentProcessor``: parse, check the envelope, find the partner, read every ORDERS
/// message, and answer the interchange with a CONTRL naming the segment and element of every error.
///
/// ORDERS are read by the built-in reader (``EdifactOrderReader``, about twice as fast as the mapping engine on
/// EDIFACT), or by the mapping the partner profile names (e.g. `edifact-orders` or a partner-specific copy).
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

        let mapping = partner.mappings[.edifact].flatMap { processor.catalog.mapping(named: $0) }
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
                switch read(message, index: index, mapping: mapping) {
                case .success(var order):
                    order.channel = partner.channel
                    outcome.order = order
                case .failure(let failure):
                    issues.append(failure.issue)
                    outcome.error = failure.message
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

    private struct ReadFailure: Error {
        var message: String
        var issue: EdifactIssue
    }

    private func read(_ message: EdifactMessage, index: Int, mapping: Mapping?) -> Result<CanonicalOrder, ReadFailure> {
        guard let mapping else {
            do {
                return .success(try EdifactOrderReader.read(message, messageIndex: index))
            } catch {
                return .failure(ReadFailure(message: error.description, issue: error.issue))
            }
        }
        do {
            return .success(try mapping.translate(message))
        } catch {
            return .failure(
                ReadFailure(message: error.description, issue: Self.issue(for: error, in: message, index: index))
            )
        }
    }

    /// A mapping error as a CONTRL issue: the segment and element its source path names, else the message as a whole.
    static func issue(for error: MappingError, in message: EdifactMessage, index: Int) -> EdifactIssue {
        guard let location = SegmentErrorLocation(error) else {
            return EdifactIssue(
                code: .invalidValue,
                segmentTag: "UNH",
                segmentPosition: 1,
                messageIndex: index,
                message: error.description
            )
        }
        let position = location.position ?? message.segments.firstIndex { $0.tag == location.tag }.map { $0 + 1 }
        guard let position else {
            return EdifactIssue(
                code: .missingSegment,
                segmentTag: location.tag,
                segmentPosition: message.segments.count,
                messageIndex: index,
                message: error.description
            )
        }
        return EdifactIssue(
            code: location.isMissing ? .missingElement : .invalidValue,
            segmentTag: location.tag,
            segmentPosition: position,
            elementPosition: location.element,
            componentPosition: location.component,
            messageIndex: index,
            message: error.description
        )
    }
}
