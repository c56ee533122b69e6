import Foundation
import KontorServer
import Testing

/// The tokens file, `auth.tokens` entries and the dashboard password hash: what is stored, and errors that name
/// where the problem is without echoing a secret.
@Suite("Tokens file and password hash")
struct TokenFileTests {
    static func temporaryFile() -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("kontor-tokens-\(UUID().uuidString)/tokens.yaml").path
    }

    @Test("Append creates the file (mode 0600) with hashes only; load gives the tokens back; names are unique")
    func appendAndLoad() throws {
        let path = Self.temporaryFile()
        #expect(try TokenFile.load(path: path).isEmpty)
        let secret = APIToken.generateSecret()
        try TokenFile.append(APIToken(name: "shop", scopes: [.ingest], secret: secret), to: path)
        try TokenFile.append(APIToken(name: "ops", scopes: [.operate, .read], secret: "kontor_ops"), to: path)
        #expect(SecretFile.permissions(of: path) == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains(secret))
        #expect(text.contains(APIToken(name: "shop", scopes: [.ingest], secret: secret).sha256Hex))

        let tokens = try TokenFile.load(path: path)
        #expect(tokens.map(\.name) == ["shop", "ops"])
        #expect(tokens[0].sha256 == APIToken.hash(secret))
        #expect(tokens[1].scopes == [.read, .operate])

        #expect {
            try TokenFile.append(APIToken(name: "shop", scopes: [.read], secret: "kontor_x"), to: path)
        } throws: { ($0 as? AccessConfigurationError)?.message.contains("'shop' exists already") == true }
    }

    @Test("Generated tokens: kontor_ and 43 base64url characters, different each time")
    func generated() {
        let first = APIToken.generateSecret()
        #expect(first.hasPrefix("kontor_") && first.count == 7 + 43)
        #expect(first.dropFirst(7).allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(first != APIToken.generateSecret())
    }

    @Test(
        "A wrong tokens file is refused naming the file, the entry and the field",
        arguments: [
            ("tokens:\n  - {name: shop, scopes: [ingest], sha256: abc}\n", "tokens[0] (shop): sha256 must be 64 hex"),
            (
                "tokens:\n  - {name: shop, scopes: [write], sha256: \(String(repeating: "a", count: 64))}\n",
                "unknown scope 'write'"
            ),
            (
                "tokens:\n  - {name: 'sh op', scopes: [read], sha256: \(String(repeating: "a", count: 64))}\n",
                "tokens[0]: name 'sh op'"
            ),
            ("tokens:\n  - {name: shop, scopes: [read]}\n", "tokens[0].sha256 is missing"),
            (
                "tokens:\n  - {name: a, scopes: [read], sha256: \(String(repeating: "a", count: 64))}\n"
                    + "  - {name: a, scopes: [read], sha256: \(String(repeating: "b", count: 64))}\n",
                "tokens[1]: the name 'a' is used twice"
            ),
        ]
    )
    func wrongFile(text: String, message: String) throws {
        let path = Self.temporaryFile()
        try SecretFile.write(text, to: path)
        #expect {
            try TokenFile.load(path: path)
        } throws: { error in
            let description = "\(error)"
            return description.contains(path) && description.contains(message)
        }
    }

    @Test("auth.tokens entries: NAME:SCOPES:SHA256; a pasted token is refused without being echoed")
    func entries() throws {
        let hash = APIToken.hash("kontor_ci")
        let token = try APIToken(
            entry: " ci:read+operate:\(APIToken(name: "x", scopes: [.read], sha256: hash).sha256Hex)",
            location: "auth.tokens[0]"
        )
        #expect(token.name == "ci" && token.scopes == [.read, .operate] && token.sha256 == hash)
        #expect {
            try APIToken(entry: "kontor_pasted-secret", location: "auth.tokens[0]")
        } throws: { error in
            let message = "\(error)"
            return message.hasPrefix("auth.tokens[0]: must be NAME:SCOPE+SCOPE:SHA256") && !message.contains("pasted")
        }
    }

    @Test("Password hash: verifies the password only; the configured form parses back; a plain password is refused")
    func passwordHash() throws {
        let hash = try PasswordHash(hashing: "correct horse battery", rounds: 210_000)
        #expect(hash.verify("correct horse battery"))
        #expect(!hash.verify("correct horse batterY"))
        #expect(!hash.verify(""))
        let text = hash.description
        #expect(text.hasPrefix("pbkdf2-sha256:210000:"))
        #expect(!text.contains("correct"))
        let parsed = try PasswordHash(parsing: text, location: "auth.dashboardPassword")
        #expect(parsed == hash)
        #expect(parsed.verify("correct horse battery"))
        #expect(try PasswordHash(hashing: "correct horse battery", rounds: 210_000) != hash)  // salted
        for wrong in ["correct horse battery", "pbkdf2-sha256:1000:c2FsdHNhbHQ=:\(text.split(separator: ":")[3])"] {
            #expect {
                try PasswordHash(parsing: wrong, location: "auth.dashboardPassword")
            } throws: { error in
                "\(error)".hasPrefix("auth.dashboardPassword: ") && !"\(error)".contains("horse")
            }
        }
    }
}
