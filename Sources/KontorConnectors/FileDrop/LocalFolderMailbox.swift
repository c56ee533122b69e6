import Foundation

/// A file-drop connector's folders as a ``B2BMailbox``: documents are files in `inbox`, taken once they have not
/// changed for the settle time; names starting with `.` or ending in `.tmp`, `.part` or `.filepart` are left
/// alone (senders write under such a name and rename). Everything is moved with rename(2), which is atomic when
/// the folders share a file system.
public struct LocalFolderMailbox: B2BMailbox {
    public let settings: ConnectorInstance.FileDrop
    /// The clock deciding whether a file has settled (tests move it forward).
    let now: @Sendable () -> Date

    public init(settings: ConnectorInstance.FileDrop, now: @escaping @Sendable () -> Date = { Date() }) {
        self.settings = settings
        self.now = now
    }

    public var location: String { settings.inbox }

    public func prepare() throws {
        for folder in [settings.inbox, settings.processed, settings.failed, settings.outbox] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
    }

    public func readyDocuments() throws -> [String] {
        let manager = FileManager.default
        let names = try manager.contentsOfDirectory(atPath: settings.inbox)
        let settle =
            Double(settings.settleTime.components.seconds)
            + Double(settings.settleTime.components.attoseconds) / 1e18
        let now = now()
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

    /// Names senders use while still writing (`.x`, `x.tmp`, `x.part`, `x.filepart`); never taken.
    public static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix(".tmp") || name.hasSuffix(".part") || name.hasSuffix(".filepart")
    }

    public func read(_ name: String) throws -> [UInt8] {
        let path = (settings.inbox as NSString).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileOperationError(source: path, target: "", reason: "cannot read the file")
        }
        return Array(data)
    }

    public func deliver(_ data: Data, named name: String, folder: String?) throws {
        let target = folder ?? settings.outbox
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try Self.writeAtomically(data, to: (target as NSString).appendingPathComponent(name))
    }

    public func file(_ name: String, as filedName: String, failed: Bool, report: Data?) throws {
        let folder = failed ? settings.failed : settings.processed
        if let report {
            try Self.writeAtomically(report, to: (folder as NSString).appendingPathComponent(filedName + ".error.json"))
        }
        try Self.rename(
            (settings.inbox as NSString).appendingPathComponent(name),
            to: (folder as NSString).appendingPathComponent(filedName)
        )
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
            throw FileOperationError(source: source, target: target, reason: String(cString: strerror(errno)))
        }
    }
}

/// A file read or move that failed, with the reason.
struct FileOperationError: Error, CustomStringConvertible {
    var source: String
    var target: String
    var reason: String

    var description: String {
        target.isEmpty ? "\(source): \(reason)" : "cannot move \(source) to \(target): \(reason)"
    }
}
