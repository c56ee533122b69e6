import Foundation
import Logging
import ServiceLifecycle

/// Polls a ``B2BMailbox`` and takes each document once.
///
/// Per document, oldest first: read it, hand it to ``B2BInbound`` (which publishes the orders of its good
/// transactions), deliver the acknowledgement (to the partner's outbound folder, else the mailbox's outbox), then
/// file the document away: to `processed`, or to `failed` with a `.error.json` naming every refused transaction
/// and why, when anything in it was refused. Ops fix a failed document and put it back into the inbox; orders
/// already published from it are recognised as duplicates downstream.
///
/// When publishing fails (broker down) or the mailbox cannot be read, the document stays where it is and is tried
/// again on the next pass. On graceful shutdown the document in hand is finished first.
public struct B2BMailboxPoller: Service {
    public let name: String
    let mailbox: any B2BMailbox
    let inbound: B2BInbound
    /// The trading partner every document of this mailbox comes from; nil lets the envelope decide.
    let partner: String?
    let pollInterval: Duration
    let logger: Logger

    public init(
        name: String,
        mailbox: any B2BMailbox,
        inbound: B2BInbound,
        partner: String?,
        pollInterval: Duration,
        logger: Logger
    ) {
        self.name = name
        self.mailbox = mailbox
        self.inbound = inbound
        self.partner = partner
        self.pollInterval = pollInterval
        self.logger = logger
    }

    public func run() async throws {
        try await mailbox.prepare()
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            _ = await scanOnce()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pollInterval) }
        }
    }

    /// One pass over the mailbox; returns the names of the documents taken (filed as processed or failed).
    @discardableResult
    public func scanOnce() async -> [String] {
        let names: [String]
        do {
            names = try await mailbox.readyDocuments()
        } catch {
            ConnectorMetrics.failed(name, reason: "transport")
            logger.warning(
                "cannot list \(mailbox.location): \(error); trying again later",
                metadata: ["kontor.connector": "\(name)"]
            )
            return []
        }
        var taken: [String] = []
        for document in names {
            if Task.isShuttingDownGracefully { break }
            if await take(document) { taken.append(document) }
        }
        return taken
    }

    /// Processes one document; false when it stays in the inbox for another try.
    private func take(_ document: String) async -> Bool {
        let metadata: Logger.Metadata = ["kontor.connector": "\(name)", "kontor.file": "\(document)"]
        do {
            let bytes = try await mailbox.read(document)
            let receipt = try await inbound.receive(bytes, partner: partner, source: name)
            let result = receipt.result
            if let acknowledgement = result.acknowledgement {
                let folder = result.partner.flatMap { inbound.processor.partners.partner(named: $0)?.outboundDirectory }
                try await mailbox.deliver(
                    Data(acknowledgement.content.utf8),
                    named: acknowledgement.fileName,
                    folder: folder
                )
            }
            let failed = result.status != .accepted
            if !result.orders.isEmpty { ConnectorMetrics.accepted(name, orders: result.orders.count) }
            if failed { ConnectorMetrics.failed(name, reason: "document-\(result.status.rawValue)") }
            try await mailbox.file(
                document,
                as: Self.timestamp() + "-" + document,
                failed: failed,
                report: failed ? receipt.report(file: document) : nil
            )
            logger.info(
                failed ? "document failed: \(result.summary)" : "document processed",
                metadata: metadata.merging(["kontor.b2b.status": "\(result.status.rawValue)"]) { $1 }
            )
            return true
        } catch {
            ConnectorMetrics.failed(name, reason: "transport")
            logger.warning("document not taken yet: \(error); trying again later", metadata: metadata)
            return false
        }
    }

    /// `20261129T041500.123Z`: sorts by time and keeps names unique when a partner resends a file name.
    static func timestamp(_ date: Date = Date()) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return String(format: "%04d", parts.year ?? 0) + two(parts.month) + two(parts.day) + "T" + two(parts.hour)
            + two(parts.minute) + two(parts.second) + "." + String(format: "%03d", milliseconds % 1000) + "Z"
    }
}
