import Foundation
import Yams

/// The tokens file (`<stateDirectory>/tokens.yaml` or `auth.tokensFile`): one entry per token with its name, scopes
/// and SHA-256, never the token itself.
///
/// ```yaml
/// tokens:
///   - name: shop
///     scopes: [ingest]
///     sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
/// ```
public enum TokenFile {
    struct Document: Codable {
        var tokens: [Entry]?
    }

    struct Entry: Codable {
        var name: String
        var scopes: [String]
        var sha256: String
    }

    /// The tokens in the file at `path`; a missing file has none.
    /// - Throws: ``AccessConfigurationError`` naming the file and the entry that is wrong.
    public static func load(path: String) throws(AccessConfigurationError) -> [APIToken] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw AccessConfigurationError("cannot read tokens file \(path): \(error.localizedDescription)")
        }
        guard !text.allSatisfy(\.isWhitespace) else { return [] }
        let document: Document?
        do {
            document = try YAMLDecoder().decode(Document?.self, from: text)
        } catch {
            throw AccessConfigurationError(
                "\(path): not a tokens file (tokens: a list of name, scopes, sha256): \(describe(error))"
            )
        }
        var tokens: [APIToken] = []
        for (index, entry) in (document?.tokens ?? []).enumerated() {
            let token = try APIToken(
                name: entry.name,
                scopes: entry.scopes.joined(separator: ","),
                sha256: entry.sha256,
                location: "\(path): tokens[\(index)]"
            )
            guard !tokens.contains(where: { $0.name == token.name }) else {
                throw AccessConfigurationError("\(path): tokens[\(index)]: the name '\(token.name)' is used twice")
            }
            tokens.append(token)
        }
        return tokens
    }

    /// Adds `token` to the file at `path` (creating it and its folder), refusing a name already there. The file is
    /// rewritten whole through a temporary file, readable by its owner only.
    public static func append(_ token: APIToken, to path: String) throws(AccessConfigurationError) {
        let existing = try load(path: path)
        guard !existing.contains(where: { $0.name == token.name }) else {
            throw AccessConfigurationError("\(path): a token named '\(token.name)' exists already")
        }
        let entries = (existing + [token]).map {
            Entry(name: $0.name, scopes: $0.scopes.sorted().map(\.rawValue), sha256: $0.sha256Hex)
        }
        do {
            let yaml = try YAMLEncoder().encode(Document(tokens: entries))
            let text =
                "# Kontor API tokens: name, scopes and the SHA-256 of each token (never the token itself).\n"
                + "# Add one with `kontor token create NAME --scope read,operate`; a running kontor applies changes "
                + "within auth.tokensReloadSeconds.\n" + yaml
            try SecretFile.write(text, to: path)
        } catch let error as AccessConfigurationError {
            throw error
        } catch {
            throw AccessConfigurationError("cannot write tokens file \(path): \(error.localizedDescription)")
        }
    }

    private static func describe(_ error: any Error) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }
                .description
        }
        guard let decoding = error as? DecodingError else { return "\(error)" }
        switch decoding {
        case .keyNotFound(let key, let context):
            return path(context.codingPath + [key]) + " is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return path(context.codingPath) + ": " + context.debugDescription
        @unknown default:
            return "\(error)"
        }
    }
}

/// Files holding secrets or their hashes: written through a temporary file created with mode 0600, so no other
/// user can read them, not even for a moment, and renamed into place.
public enum SecretFile {
    /// Writes `text` to `path` (creating its folder) with mode 0600.
    public static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp").path
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw AccessConfigurationError("cannot create \(temporary): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
        guard rename(temporary, path) == 0 else {
            throw AccessConfigurationError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// The file's permission bits, or nil when it does not exist.
    public static func permissions(of path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }
}
