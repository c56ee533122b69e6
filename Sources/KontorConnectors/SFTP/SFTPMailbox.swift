import Foundation
import KontorHTTPClient
import Synchronization

/// A partner's SFTP server as a ``B2BMailbox``: documents are files in the remote inbox. Remote modification times
/// have minute precision at best, so a file is taken once two consecutive listings show it with the same size and
/// time (a sender still writing it changes its size). Acknowledgements are uploaded under a temporary name and
/// renamed; taken files are renamed into the remote `processed` or `failed` folder, with the `.error.json`
/// uploaded beside a failed one.
public final class SFTPMailbox: B2BMailbox {
    let client: SFTPClient
    let settings: ConnectorInstance.SFTPPolling
    /// Size and time of each inbox file at the previous listing.
    private let previous = Mutex<[String: SFTPSighting]>([:])

    public init(client: SFTPClient, settings: ConnectorInstance.SFTPPolling) {
        self.client = client
        self.settings = settings
    }

    public var location: String { "sftp://\(settings.host):\(settings.port)/\(settings.inbox)" }

    public func prepare() async throws {
        for folder in [settings.inbox, settings.processed, settings.failed, settings.outbox] {
            try await client.makeDirectory(folder)
        }
    }

    public func readyDocuments() async throws -> [String] {
        let entries = try await client.list(directory: settings.inbox).filter {
            !$0.isDirectory && !LocalFolderMailbox.isIgnored($0.name)
        }
        let current = Dictionary(
            entries.map { ($0.name, SFTPSighting(size: $0.size, modified: $0.modificationTime)) },
            uniquingKeysWith: { first, _ in first }
        )
        let before = previous.withLock { previous in
            defer { previous = current }
            return previous
        }
        return entries.filter { before[$0.name] == current[$0.name] }
            .sorted { ($0.modificationTime ?? .distantPast, $0.name) < ($1.modificationTime ?? .distantPast, $1.name) }
            .map(\.name)
    }

    public func read(_ name: String) async throws -> [UInt8] {
        Array(try await client.download(path: path(settings.inbox, name)))
    }

    public func deliver(_ data: Data, named name: String, folder: String?) async throws {
        try await client.upload(data, to: path(folder ?? settings.outbox, name), overwrite: true)
    }

    public func file(_ name: String, as filedName: String, failed: Bool, report: Data?) async throws {
        let folder = failed ? settings.failed : settings.processed
        if let report {
            try await client.upload(report, to: path(folder, filedName + ".error.json"), overwrite: true)
        }
        try await client.rename(from: path(settings.inbox, name), to: path(folder, filedName))
        _ = previous.withLock { $0.removeValue(forKey: name) }
    }

    private func path(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}

/// What a listing showed of a file.
struct SFTPSighting: Hashable {
    var size: UInt64
    var modified: Date?
}
