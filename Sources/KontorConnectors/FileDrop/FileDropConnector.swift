import Foundation
import Logging
import ServiceLifecycle

/// Watches an inbox folder for EDI and XML documents and takes each once.
///
/// Per file, oldest first: read it, hand it to ``B2BInbound`` (which publishes the orders of its good
/// transactions), write the acknowledgement to the partner's outbound folder (else the connector's outbox), then
/// move the file atomically to `processed/` — or to `failed/` with a `.error.json` beside it naming every refused
/// transaction and why, when anything in it was refused. Ops fix a failed file and move it back into the inbox;
/// orders already published from it are recognised as duplicates downstream.
///
/// Files are taken once they have not changed for the settle time; names starting with `.` and ending in `.tmp`
/// or `.part` are left alone (senders should write under such a name and rename). When publishing fails (broker
/// down) the file stays in the inbox and is tried again on the next pass. On graceful shutdown the file in hand is
/// finished first.
public struct FileDropConnector: Service {
    public let name: String
    public let settings: ConnectorInstance.FileDrop
    let inbound: B2BInbound
    let logger: Logger

    public init(name: String, settings: ConnectorInstance.FileDrop, inbound: B2BInbound, logger: Logger) {
        self.name = name
        self.settings = settings
        self.inbound = inbound
        self.logger = logger
    }

    public func run() async throws {
        try createFolders()
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            _ = await scanOnce()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: settings.pollInterval) }
        }
    }

    /// Creates the four folders when missing.
    public func createFolders() throws {
        for folder in [settings.inbox, settings.processed, settings.failed, settings.outbox] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
    }

    /// One pass over the inbox; returns the names of the files taken (moved to processed or failed).
    @discardableResult
    public func scanOnce(now: Date = Date()) async -> [String] {
        var taken: [String] = []
        for file in settledFiles(now: now) {
            if Task.isShuttingDownGracefully { break }
            if await take(file) { taken.append(file) }
        }
        return taken
    }

    /// The inbox's files ready to take, oldest first.
    func settledFiles(now: Date) -> [String] {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: settings.inbox) else { return [] }
        let settle =
            Double(settings.settleTime.components.seconds)
            + Double(settings.settleTime.components.attoseconds) / 1e18
        var ready: [(name: String, modified: Date)] = []
        for name in names where !Self.isIgnored(name) {
            let path = (settings.inbox as NSString).appendingPathComponent(name)
            guard let attributes = try? manager.attributesOfItem(atPath: path),
                attributes[.type] as? FileAttributeType == .typeRegular,
                let modified = attributes[.modificationDate] as? Date,
                now.timeIntervalSince(modified) >= settle
            else { continue }
            ready.append((name, modified))
        }
        return ready.sorted { ($0.modified, $0.name) < ($1.modified, $1.name) }.map(\.name)
    }

    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix(".tmp") || name.hasSuffix(".part") || name.hasSuffix(".filepart")
    }

    /// Processes one file; false when it stays in the inbox for another try.
    private func take(_ name: String) async -> Bool {
        let path = (settings.inbox as NSString).appendingPathComponent(name)
        let metadata: Logger.Metadata = ["kontor.connector": "\(self.name)", "kontor.file": "\(name)"]
        guard let data = FileManager.default.contents(atPath: path) else {
            logger.warning("cannot read inbox file; trying again later", metadata: metadata)
            return false
        }
        let receipt: B2BInbound.Receipt
        do {
            receipt = try await inbound.receive(Array(data), partner: settings.partner, source: self.name)
        } catch {
            logger.warning("document not taken yet: \(error); trying again later", metadata: metadata)
            return false
        }
        let stamped = Self.timestamp() + "-" + name
        do {
            if let acknowledgement = receipt.result.acknowledgement {
                let folder =
                    receipt.result.partner.flatMap { inbound.processor.partners.partner(named: $0)?.outboundDirectory }
                    ?? settings.outbox
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try Self.writeAtomically(
                    Data(acknowledgement.content.utf8),
                    to: (folder as NSString).appendingPathComponent(acknowledgement.fileName)
                )
            }
            let accepted = receipt.result.status == .accepted
            let folder = accepted ? settings.processed : settings.failed
            if !accepted {
                try Self.writeAtomically(
                    receipt.report(file: name),
                    to: (folder as NSString).appendingPathComponent(stamped + ".error.json")
                )
            }
            try Self.rename(path, to: (folder as NSString).appendingPathComponent(stamped))
            logger.info(
                accepted ? "file processed" : "file failed: \(receipt.result.summary)",
                metadata: metadata.merging(
                    ["kontor.b2b.status": "\(receipt.result.status.rawValue)", "kontor.moved.to": "\(folder)"],
                    uniquingKeysWith: { $1 }
                )
            )
            return true
        } catch {
            logger.error("cannot file the document away: \(error)", metadata: metadata)
            return false
        }
    }

    /// Writes under a hidden temporary name in the same folder, then renames: readers never see half a file.
    static func writeAtomically(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        try data.write(to: temporary)
        try rename(temporary.path, to: path)
    }

    /// rename(2): atomic, and replaces an existing target (both must be on one file system).
    static func rename(_ source: String, to target: String) throws {
        guard Foundation.rename(source, target) == 0 else {
            throw FileMoveError(source: source, target: target, reason: String(cString: strerror(errno)))
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

/// A rename that failed, with the operating system's reason.
struct FileMoveError: Error, CustomStringConvertible {
    var source: String
    var target: String
    var reason: String

    var description: String { "cannot move \(source) to \(target): \(reason)" }
}
