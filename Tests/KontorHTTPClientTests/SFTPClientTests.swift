import Foundation
import KontorHTTPClient
import KontorTestSupport
import Testing

/// Every test runs against its own real OpenSSH server (`LocalSSHServer`) and checks the server's file system
/// directly where that shows more than the client could.
@Suite("SFTP client against a local OpenSSH server")
struct SFTPClientTests {
    @Test("Upload, list and download round trip: names with spaces and URL characters, all 256 byte values")
    func roundTrip() async throws {
        try await withSSHServer { server, client in
            let text = Data("<order id=\"4711\"/>".utf8)
            let binary = Data((0..<2_000).flatMap { _ in (0...255).map { UInt8($0) } })  // 512 000 bytes
            let dir = server.dataDirectory
            try await client.upload(text, to: "\(dir)/order 1 final.xml")
            try await client.upload(binary, to: "\(dir)/Bestellung #ä 100%.bin")
            try await client.makeDirectory("\(dir)/sub folder")

            let entries = try await client.list(directory: dir).sorted { $0.name < $1.name }
            #expect(entries.map(\.name) == ["Bestellung #ä 100%.bin", "order 1 final.xml", "sub folder"])
            #expect(entries.map(\.size).prefix(2) == [UInt64(binary.count), UInt64(text.count)])
            #expect(entries.map(\.isDirectory) == [false, false, true])
            #expect(entries.allSatisfy { $0.modificationTime != nil && !$0.isSymbolicLink })

            #expect(try await client.download(path: "\(dir)/order 1 final.xml") == text)
            #expect(try await client.download(path: "\(dir)/Bestellung #ä 100%.bin") == binary)
            #expect(FileManager.default.contents(atPath: "\(dir)/Bestellung #ä 100%.bin") == binary)
        }
    }

    @Test("An upload leaves no temporary file; an existing file is kept unless overwrite is asked for")
    func atomicUpload() async throws {
        try await withSSHServer { server, client in
            let dir = server.dataDirectory
            try await client.upload(Data("first".utf8), to: "\(dir)/ack.xml")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["ack.xml"])

            await #expect {
                try await client.upload(Data("second".utf8), to: "\(dir)/ack.xml")
            } throws: { error in
                let error = error as! SFTPError
                return error.kind == .commandFailed && error.command?.hasPrefix("rename ") == true
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["ack.xml"])
            #expect(FileManager.default.contents(atPath: "\(dir)/ack.xml") == Data("first".utf8))

            try await client.upload(Data("third".utf8), to: "\(dir)/ack.xml", overwrite: true)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["ack.xml"])
            #expect(FileManager.default.contents(atPath: "\(dir)/ack.xml") == Data("third".utf8))
        }
    }

    @Test("Rename moves a file into another directory, also to a name with quotes; a missing source is notFound")
    func rename() async throws {
        try await withSSHServer { server, client in
            let dir = server.dataDirectory
            try await client.upload(Data("x".utf8), to: "\(dir)/in coming.xml")
            try await client.makeDirectory("\(dir)/processed")
            try await client.rename(from: "\(dir)/in coming.xml", to: "\(dir)/processed/order \"1\" \\ a.xml")
            #expect(!FileManager.default.fileExists(atPath: "\(dir)/in coming.xml"))
            #expect(FileManager.default.contents(atPath: "\(dir)/processed/order \"1\" \\ a.xml") == Data("x".utf8))

            await #expect {
                try await client.rename(from: "\(dir)/in coming.xml", to: "\(dir)/again.xml")
            } throws: { error in
                let error = error as! SFTPError
                return error.kind == .notFound && error.curlCode == 21
                    && error.command == "rename \"\(dir)/in coming.xml\" \"\(dir)/again.xml\""
            }
        }
    }

    @Test("Remove deletes a file; removing a missing file is notFound")
    func remove() async throws {
        try await withSSHServer { server, client in
            let dir = server.dataDirectory
            try await client.upload(Data("x".utf8), to: "\(dir)/old.xml")
            try await client.remove(path: "\(dir)/old.xml")
            #expect(!FileManager.default.fileExists(atPath: "\(dir)/old.xml"))
            await #expect {
                try await client.remove(path: "\(dir)/old.xml")
            } throws: { ($0 as! SFTPError).kind == .notFound }
        }
    }

    @Test("makeDirectory creates missing parents, accepts an existing directory and refuses a file in the way")
    func makeDirectory() async throws {
        try await withSSHServer { server, client in
            let dir = server.dataDirectory
            try await client.makeDirectory("\(dir)/a/b c/d")
            try await client.makeDirectory("\(dir)/a/b c/d/")
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: "\(dir)/a/b c/d", isDirectory: &isDirectory))
            #expect(isDirectory.boolValue)

            try await client.upload(Data("x".utf8), to: "\(dir)/file")
            await #expect {
                try await client.makeDirectory("\(dir)/file/sub")
            } throws: { error in
                // OpenSSH reports ENOTDIR as "no such file".
                let error = error as! SFTPError
                return error.kind == .notFound && error.command == "mkdir \"\(dir)/file/sub\""
            }
        }
    }

    @Test("Downloading a missing file is notFound with the URL (percent-encoded, without credentials)")
    func missingFile() async throws {
        try await withSSHServer { server, client in
            await #expect {
                _ = try await client.download(path: "\(server.dataDirectory)/no such.xml")
            } throws: { error in
                let error = error as! SFTPError
                return error.kind == .notFound && error.curlCode == 78
                    && error.url == "sftp://127.0.0.1:\(server.port)\(server.dataDirectory)/no%20such.xml"
            }
        }
    }

    @Test("The size guard refuses a download one byte larger than allowed and accepts one at the limit")
    func maxSize() async throws {
        try await withSSHServer { server, client in
            let path = "\(server.dataDirectory)/big.bin"
            try await client.upload(Data(repeating: 7, count: 100_000), to: path)
            #expect(try await client.download(path: path, maxSize: 100_000).count == 100_000)
            await #expect {
                _ = try await client.download(path: path, maxSize: 99_999)
            } throws: { ($0 as! SFTPError).kind == .tooLarge }

            let small = SFTPClient(configuration(server, maxDownloadSize: 10))
            await #expect {
                _ = try await small.download(path: path)
            } throws: { ($0 as! SFTPError).kind == .tooLarge }
        }
    }

    @Test("A key the server does not accept, or a wrong password, is authenticationFailed; no secret in the error")
    func wrongCredentials() async throws {
        try await withSSHServer { server, _ in
            let wrongKey = SFTPClient(
                configuration(server, authentication: .privateKey(path: server.unauthorizedKeyPath))
            )
            await #expect {
                _ = try await wrongKey.list(directory: server.dataDirectory)
            } throws: { ($0 as! SFTPError).kind == .authenticationFailed }

            let password = "hunter2-secret"
            let wrongPassword = SFTPClient(configuration(server, authentication: .password(password)))
            await #expect {
                _ = try await wrongPassword.list(directory: server.dataDirectory)
            } throws: { error in
                let error = error as! SFTPError
                return error.kind == .authenticationFailed && !"\(error)".contains(password)
            }

            let wrongPassphrase = SFTPClient(
                configuration(
                    server,
                    authentication: .privateKey(path: server.encryptedClientKeyPath, passphrase: "wrong-passphrase")
                )
            )
            await #expect {
                _ = try await wrongPassphrase.list(directory: server.dataDirectory)
            } throws: { error in
                let error = error as! SFTPError
                return error.kind == .authenticationFailed && !"\(error)".contains("wrong-passphrase")
            }
            #expect(!"\(SFTPAuthentication.password(password))".contains(password))
        }
    }

    @Test("A passphrase-protected key logs in")
    func passphraseKey() async throws {
        try await withSSHServer { server, _ in
            let client = SFTPClient(
                configuration(
                    server,
                    authentication: .privateKey(
                        path: server.encryptedClientKeyPath,
                        passphrase: server.encryptedClientKeyPassphrase
                    )
                )
            )
            let entries = try await client.list(directory: server.dataDirectory)
            #expect(entries.isEmpty)
        }
    }

    @Test("Host keys: a different key in known_hosts, a host missing from it, or a wrong fingerprint is refused")
    func hostVerification() async throws {
        try await withSSHServer { server, _ in
            let emptyKnownHosts = server.directory + "/known_hosts_empty"
            _ = FileManager.default.createFile(atPath: emptyKnownHosts, contents: Data())
            let wrongFingerprint = "SHA256:" + Data(repeating: 1, count: 32).base64EncodedString()
            for verification: SFTPHostVerification in [
                .knownHosts(path: server.mismatchedKnownHostsPath),
                .knownHosts(path: emptyKnownHosts),
                .sha256Fingerprint(wrongFingerprint),
            ] {
                let client = SFTPClient(configuration(server, hostVerification: verification))
                await #expect("\(verification)") {
                    _ = try await client.list(directory: server.dataDirectory)
                } throws: { ($0 as! SFTPError).kind == .hostVerificationFailed }
            }

            for verification: SFTPHostVerification in [
                .sha256Fingerprint(server.hostKeyFingerprint),
                .sha256Fingerprint(String(server.hostKeyFingerprint.dropFirst("SHA256:".count))),
                .insecureAcceptAnyHostKey,
            ] {
                let client = SFTPClient(configuration(server, hostVerification: verification))
                let entries = try await client.list(directory: server.dataDirectory)
                #expect(entries.isEmpty, "\(verification)")
            }
        }
    }

    @Test("Bad paths and unreadable key or known_hosts files fail before connecting, naming the problem")
    func invalidInput() async throws {
        try await withSSHServer { server, client in
            await #expect {
                _ = try await client.download(path: "\(server.dataDirectory)/a\nb")
            } throws: { error in
                let error = error as! SFTPError
                return error.kind == .invalidPath && error.message.contains("control character")
            }
            let missingKey = SFTPClient(configuration(server, authentication: .privateKey(path: "/nonexistent/key")))
            await #expect {
                _ = try await missingKey.list(directory: server.dataDirectory)
            } throws: { error in
                let error = error as! SFTPError
                return error.kind == .invalidConfiguration && error.field == "authentication.privateKey.path"
            }
            let missingKnownHosts = SFTPClient(
                configuration(server, hostVerification: .knownHosts(path: "/nonexistent/known_hosts"))
            )
            await #expect {
                _ = try await missingKnownHosts.list(directory: server.dataDirectory)
            } throws: { ($0 as! SFTPError).field == "hostVerification.knownHosts.path" }
        }
    }

    // MARK: Helpers.

    /// A strict configuration for the server: its key, its known_hosts file.
    private func configuration(
        _ server: LocalSSHServer,
        authentication: SFTPAuthentication? = nil,
        hostVerification: SFTPHostVerification? = nil,
        maxDownloadSize: Int = 64 * 1024 * 1024
    ) -> SFTPConfiguration {
        SFTPConfiguration(
            host: server.host,
            port: server.port,
            user: server.user,
            authentication: authentication ?? .privateKey(path: server.clientKeyPath),
            hostVerification: hostVerification ?? .knownHosts(path: server.knownHostsPath),
            maxDownloadSize: maxDownloadSize
        )
    }

    /// Runs `body` with a fresh server and a client for it; on failure the server's log says what sshd saw.
    private func withSSHServer(
        _ body: (LocalSSHServer, SFTPClient) async throws -> Void
    ) async throws {
        let server = try LocalSSHServer()
        defer { server.stop() }
        do {
            try await body(server, SFTPClient(configuration(server)))
        } catch {
            Issue.record("sshd log:\n\(server.log)")
            throw error
        }
    }
}
