import ArgumentParser
import Foundation
import KontorApp
import KontorServer

/// `kontor token create` and `kontor token password`: credentials for the HTTP API.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create API tokens and dashboard password hashes.",
        subcommands: [Create.self, Password.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create an API token: prints it once on stdout and adds its SHA-256 to the tokens file.",
            discussion: """
                The tokens file is auth.tokensFile or <stateDirectory>/tokens.yaml, as `kontor run` would use with \
                the same configuration. Restart kontor to apply. Scopes: read, operate (includes read), ingest.
                """
        )

        @Argument(help: "The token's name (letters, digits, '.', '_', '-').") var name: String
        @Option(help: "Scopes, comma-separated (repeatable): read, operate, ingest.") var scope: [String]
        @Option(help: "YAML configuration file.") var config: String?
        @Option(help: "State folder (where tokens.yaml lives by default).") var stateDir: String?
        @Option(help: "The tokens file (overrides auth.tokensFile).") var tokensFile: String?

        func run() throws {
            var flags: [String: String] = [:]
            if let stateDir { flags["stateDirectory"] = stateDir }
            if let tokensFile { flags["auth.tokensFile"] = tokensFile }
            let path: String
            do {
                path = try ConfigurationLoader().load(file: config, flags: flags).tokensFilePath
            } catch {
                throw ValidationError(error.message)
            }
            guard APIToken.isValidName(name) else {
                throw ValidationError("'\(name)': a name is 1 to 64 letters, digits, '.', '_' or '-'")
            }
            let secret = APIToken.generateSecret()
            do {
                let scopes = try AccessScope.parseList(scope.joined(separator: ","), where: "--scope")
                try TokenFile.append(APIToken(name: name, scopes: scopes, secret: secret), to: path)
                FileHandle.standardError.write(
                    Data(
                        ("Token '\(name)' (\(scopes.listed)) added to \(path); a running kontor uses it within "
                            + "auth.tokensReloadSeconds (default 5 s).\n").utf8
                    )
                )
            } catch {
                throw ValidationError(error.message)
            }
            // The token alone on stdout, so `TOKEN=$(kontor token create ...)` works; it is not shown again.
            print(secret)
        }
    }

    struct Password: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "password",
            abstract: "Hash a dashboard password (read from stdin) for auth.dashboardPassword.",
            discussion: "Prints pbkdf2-sha256:ROUNDS:SALT:HASH; the password itself is never stored."
        )

        func run() throws {
            let password: String?
            if isatty(STDIN_FILENO) != 0 {
                password = getpass("Dashboard password: ").map { String(cString: $0) }
            } else {
                password = readLine(strippingNewline: true)
            }
            guard let password, password.count >= 8 else {
                throw ValidationError("the password must have at least 8 characters")
            }
            print(try PasswordHash(hashing: password))
        }
    }
}
