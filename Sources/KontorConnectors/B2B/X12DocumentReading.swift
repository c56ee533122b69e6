import Foundation
import KontorMapping
import KontorModel
import KontorX12

/// The X12 path of ``B2BDocumentProcessor``: parse, check the envelope, find the partner, read every 850, and
/// acknowledge every functional group (997, or 999 for 005010) — or the interchange (TA1) when its envelope is bad.
struct X12DocumentReading {
    let processor: B2BDocumentProcessor
    let bound: TradingPartner?

    func read(_ bytes: [UInt8]) async throws -> InboundDocumentResult {
        var result = InboundDocumentResult(format: .x12)
        let interchange: X12Interchange
        do {
            interchange = try X12Parser().parse(bytes)
        } catch {
            result.refuse(.unreadable, "not a readable X12 interchange: \(error)")
            return result
        }
        let sender = interchange.sender
        result.sender = "\(sender.qualifier):\(sender.id)"
        result.interchangeControlNumber = interchange.controlNumber
        let partner: TradingPartner
        let resolution = EnvelopeIdentity.x12.resolve(
            sender: (sender.qualifier, sender.id),
            receiver: (interchange.receiver.qualifier, interchange.receiver.id),
            bound: bound,
            in: processor.partners
        )
        switch resolution {
        case .success(let found): partner = found
        case .failure(let error):
            result.refuse(.unknownPartner, error.message)
            return result
        }
        result.partner = partner.name

        let mapping = processor.catalog.mapping(named: partner.mappings[.x12] ?? Self.standardMapping)
        var report = X12Validator().validate(interchange)
        if !report.interchangeIssues.isEmpty {
            result.refuse(
                .rejected,
                "interchange \(interchange.controlNumber) rejected: "
                    + report.interchangeIssues.map(\.description).joined(separator: "; ")
            )
        }
        for (groupIndex, group) in interchange.groups.enumerated() where groupIndex < report.groups.count {
            let groupIssues = report.groups[groupIndex].issues
            for (index, transaction) in group.transactions.enumerated()
            where index < report.groups[groupIndex].transactions.count {
                let reference =
                    "\(transaction.setIdentifier) \(transaction.controlNumber) (group \(group.controlNumber))"
                var outcome = InboundDocumentResult.Transaction(reference: reference)
                var checked = report.groups[groupIndex].transactions[index]
                if let documentError = result.documentError {
                    outcome.error = documentError
                } else if !groupIssues.isEmpty {
                    outcome.error = "group \(group.controlNumber) rejected: " + Self.describe(groupIssues)
                } else if checked.status == .rejected {
                    outcome.error = Self.describe(checked.issues)
                } else if transaction.setIdentifier != "850" {
                    let error = X12ReadError.wrongTransactionSet(expected: "850", found: transaction.setIdentifier)
                    checked.issues += X12ReadIssues.issues(for: error, in: transaction)
                    report.groups[groupIndex].transactions[index] = checked
                    outcome.error = error.description
                } else {
                    switch read(transaction, mapping: mapping) {
                    case .success(var order):
                        order.channel = partner.channel
                        outcome.order = order
                    case .failure(let failure):
                        checked.issues += failure.issues
                        report.groups[groupIndex].transactions[index] = checked
                        outcome.error = failure.message
                    }
                }
                result.transactions.append(outcome)
            }
        }
        if result.transactions.isEmpty && result.documentError == nil {
            result.refuse(.rejected, "interchange \(interchange.controlNumber) holds no transaction set")
        }
        if partner.sendsAcknowledgements {
            result.acknowledgement = try await acknowledgement(for: interchange, report: report, partner: partner)
        }
        return result
    }

    /// The mapping 850s go through unless the partner names its own; without it, the built-in 850 reader.
    static let standardMapping = "x12-850"

    private struct ReadFailure: Error {
        var message: String
        var issues: [X12Issue]
    }

    private func read(_ transaction: X12Transaction, mapping: Mapping?) -> Result<CanonicalOrder, ReadFailure> {
        // The hash total CTT01 must count the PO1 lines, whichever way the lines are read.
        if let ctt = transaction.segments.last(where: { $0.tag == "CTT" }), let stated = Int(ctt[1]) {
            let found = transaction.segments.count { $0.tag == "PO1" }
            if stated != found {
                let error = X12ReadError.lineCountMismatch(stated: stated, found: found)
                return .failure(
                    ReadFailure(message: error.description, issues: X12ReadIssues.issues(for: error, in: transaction))
                )
            }
        }
        if let mapping {
            do {
                return .success(try mapping.translate(transaction))
            } catch {
                return .failure(
                    ReadFailure(message: error.description, issues: X12ReadIssues.issues(for: error, in: transaction))
                )
            }
        }
        do {
            return .success(try X12PurchaseOrderReader.read(transaction))
        } catch {
            return .failure(
                ReadFailure(message: error.description, issues: X12ReadIssues.issues(for: error, in: transaction))
            )
        }
    }

    private func acknowledgement(
        for interchange: X12Interchange,
        report: X12ValidationReport,
        partner: TradingPartner
    ) async throws -> InboundDocumentResult.Acknowledgement {
        let number = try await processor.controlNumbers(partner.name)
        let content = X12Acknowledgement.make(
            for: interchange,
            interchangeControlNumber: number,
            groupControlNumber: number,
            report: report
        )
        let kind =
            !report.interchangeIssues.isEmpty ? "TA1" : interchange.groups.contains { $0.is5010 } ? "999" : "997"
        let padded = String(repeating: "0", count: max(0, 9 - String(number).count)) + String(number)
        return .init(
            kind: kind,
            content: content,
            fileName: "\(kind)-\(partner.name)-\(padded).x12",
            controlNumber: number
        )
    }

    static func describe(_ issues: [X12Issue]) -> String {
        issues.map(\.description).joined(separator: "; ")
    }
}
