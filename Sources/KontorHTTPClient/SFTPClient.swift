import Dispatch
import Foundation

/// SFTP through libcurl (libssh2). Each operation opens its own SSH connection on a dispatch queue
/// (curl_easy_perform blocks), never on Swift's cooperative pool.
///
/// Paths starting with "/" are absolute; other paths are relative to the user's home directory.
public struct SFTPClient: Sendable {
    public let configuration: SFTPConfiguration

    public init(_ configuration: SFTPConfiguration) {
        self.configuration = configuration
    }

    /// The entries of a directory, without "." and "..", in the server's order.
    public func list(directory: String) async throws(SFTPError) -> [SFTPEntry] {
        let path = try SFTPPath(directory, baseURL: configuration.baseURL)
        let transfer = SFTPTransfer(urlPath: path.urlPath(directory: true))
        let listing = String(decoding: try await run(transfer), as: UTF8.self)
        do {
            return try SFTPListingParser.parse(listing)
        } catch {
            throw SFTPError(
                kind: .unreadableListing,
                message: "unexpected listing line \(error.line.debugDescription)",
                url: configuration.baseURL + transfer.urlPath
            )
        }
    }

    /// The contents of a file; fails with ``SFTPError/Kind/tooLarge`` beyond `maxSize` (default: the
    /// configuration's ``SFTPConfiguration/maxDownloadSize``) and ``SFTPError/Kind/notFound`` when missing.
    public func download(path: String, maxSize: Int? = nil) async throws(SFTPError) -> Data {
        let path = try SFTPPath(path, baseURL: configuration.baseURL)
        var transfer = SFTPTransfer(urlPath: path.urlPath(directory: false))
        transfer.maxDownloadSize = maxSize ?? configuration.maxDownloadSize
        return try await run(transfer)
    }

    /// Writes a file so that readers see it whole or not at all: the data goes to a hidden temporary name in
    /// the same directory (".name.<random>.part"), which is then renamed. Without `overwrite` an existing file
    /// makes the upload fail. With it, the old file is removed just before the rename (SFTP version 3 cannot
    /// rename over a file), so for a moment neither exists. The temporary file is removed when the rename
    /// fails.
    public func upload(_ data: Data, to path: String, overwrite: Bool = false) async throws(SFTPError) {
        let target = try SFTPPath(path, baseURL: configuration.baseURL)
        guard !target.name.isEmpty else {
            throw SFTPError(kind: .invalidPath, message: "the path names no file", url: configuration.baseURL)
        }
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let temporary = try SFTPPath(target.sibling(named: ".\(target.name).\(suffix).part"), baseURL: "")
        let rename = "rename \(temporary.quoted) \(target.quoted)"
        var transfer = SFTPTransfer(urlPath: temporary.urlPath(directory: false))
        transfer.upload = data
        // "*" makes libcurl ignore the command's failure (no old file to remove).
        transfer.postQuote = (overwrite ? ["*rm \(target.quoted)"] : []) + [rename]
        transfer.describedCommand = rename
        do {
            _ = try await run(transfer)
        } catch {
            // Unless the connection never got as far as writing, a temporary file may be left.
            let nothingWritten: [SFTPError.Kind] = [.connectionFailed, .hostVerificationFailed, .authenticationFailed]
            if !nothingWritten.contains(error.kind) {
                var cleanup = SFTPTransfer(urlPath: "/", quote: ["*rm \(temporary.quoted)"])
                cleanup.commandsOnly = true
                _ = try? await run(cleanup)
            }
            throw error
        }
    }

    /// Renames or moves a file or directory; fails when `to` exists.
    public func rename(from: String, to: String) async throws(SFTPError) {
        let source = try SFTPPath(from, baseURL: configuration.baseURL)
        let target = try SFTPPath(to, baseURL: configuration.baseURL)
        try await command("rename \(source.quoted) \(target.quoted)")
    }

    /// Removes a file.
    public func remove(path: String) async throws(SFTPError) {
        let path = try SFTPPath(path, baseURL: configuration.baseURL)
        try await command("rm \(path.quoted)")
    }

    /// Creates a directory and any missing parents; succeeds when it exists already.
    public func makeDirectory(_ path: String) async throws(SFTPError) {
        let path = try SFTPPath(path, baseURL: configuration.baseURL)
        let prefixes = path.prefixes
        guard let last = prefixes.last else { return }  // "/" exists
        let parents = prefixes.dropLast().map { "*mkdir \(SFTPPath.quote($0))" }
        let create = "mkdir \(SFTPPath.quote(last))"
        var transfer = SFTPTransfer(urlPath: "/", quote: parents + [create], commandsOnly: true)
        transfer.describedCommand = create
        do {
            _ = try await run(transfer)
        } catch {
            // mkdir fails alike for "exists" and for real problems; a listing tells them apart.
            guard error.kind == .commandFailed,
                (try? await run(SFTPTransfer(urlPath: path.urlPath(directory: true)))) != nil
            else { throw error }
        }
    }

    private func command(_ command: String) async throws(SFTPError) {
        var transfer = SFTPTransfer(urlPath: "/", quote: [command], commandsOnly: true)
        transfer.describedCommand = command
        _ = try await run(transfer)
    }

    private func run(_ transfer: SFTPTransfer) async throws(SFTPError) -> Data {
        if let problem = configuration.fileProblem() { throw problem }
        let configuration = configuration
        let result: Result<Data, SFTPError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: transfer.perform(configuration))
            }
        }
        return try result.get()
    }
}

extension SFTPConfiguration {
    /// Files the configuration names but that cannot be read: libcurl's own errors for them are vague
    /// ("Authentication failure", "host key mismatch").
    func fileProblem() -> SFTPError? {
        var files: [(field: String, path: String)] = []
        if case .privateKey(let path, _, let publicKeyPath) = authentication {
            files.append(("authentication.privateKey.path", path))
            if let publicKeyPath { files.append(("authentication.privateKey.publicKeyPath", publicKeyPath)) }
        }
        if case .knownHosts(let path) = hostVerification { files.append(("hostVerification.knownHosts.path", path)) }
        for file in files where !FileManager.default.isReadableFile(atPath: file.path) {
            return SFTPError(
                kind: .invalidConfiguration,
                message: "cannot read \(file.path)",
                url: baseURL,
                field: file.field
            )
        }
        return nil
    }
}
