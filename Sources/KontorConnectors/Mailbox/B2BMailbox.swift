import Foundation

/// Where a polling B2B transport finds documents and files them away: a local folder (``LocalFolderMailbox``) or
/// a partner's SFTP server. ``B2BMailboxPoller`` does the rest the same way for both.
public protocol B2BMailbox: Sendable {
    /// Where it is, for logs, e.g. a folder path or an `sftp://` URL without credentials.
    var location: String { get }

    /// Creates missing folders; called once before the first poll.
    func prepare() async throws

    /// The names of the documents ready to take, oldest first.
    func readyDocuments() async throws -> [String]

    func read(_ name: String) async throws -> [UInt8]

    /// Writes an outbound document (an acknowledgement) so that readers never see half of it: into `folder` (a
    /// partner's outbound folder, in the mailbox's own namespace) or else the mailbox's outbox.
    func deliver(_ data: Data, named name: String, folder: String?) async throws

    /// Moves a taken document to `processed`, or to `failed` with `report` beside it (`<name>.error.json`), under
    /// `filedName` (the name with a time prefix, so resent names never collide).
    func file(_ name: String, as filedName: String, failed: Bool, report: Data?) async throws
}
