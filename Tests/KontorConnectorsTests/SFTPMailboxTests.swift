import Foundation
import KontorConnectors
import KontorHTTPClient
import KontorTestSupport
import Testing

/// SFTP polling against a real OpenSSH server on this machine (`LocalSSHServer`), publishing to the embedded
/// Kafka cluster over TCP. The partner's server is played by the local sshd; its folders are checked directly.
@Suite("SFTP polling connector", .serialized)
struct SFTPMailboxTests {
    @Test("Files on the partner's server are taken once settled: processed, failed with reasons, acks uploaded")
    func pollsTheServer() async throws {
        let server = try LocalSSHServer()
        defer { server.stop() }
        let remote = server.dataDirectory
        let settings = ConnectorInstance.SFTPPolling(
            host: server.host,
            port: server.port,
            user: server.user,
            privateKeyFile: server.clientKeyPath,
            knownHostsFile: server.knownHostsPath,
            inbox: "\(remote)/out/orders",
            outbox: "\(remote)/in/acks"
        )
        let configuration = try settings.clientConfiguration(environment: [:]).get()
        let stack = try await FileDropConnectorTests.Stack { _ in
            SFTPMailbox(client: SFTPClient(configuration), settings: settings)
        }
        var bad = B2BFixtures.order("B")
        bad[0] = "BEG*00*SA*B**2020013X"
        try Data(try B2BFixtures.bytes("x12/node-x12_850.edi")).write(
            to: URL(fileURLWithPath: "\(remote)/out/orders/po 1.edi")
        )
        try Data(B2BFixtures.x12([B2BFixtures.order("A"), bad])).write(
            to: URL(fileURLWithPath: "\(remote)/out/orders/po-2.edi")
        )
        try Data("ISA*".utf8).write(to: URL(fileURLWithPath: "\(remote)/out/orders/po-3.edi.part"))

        #expect(await stack.connector.scanOnce().isEmpty, "the first listing only notes the files")
        let taken = await stack.connector.scanOnce()
        #expect(Set(taken) == ["po 1.edi", "po-2.edi"], "\(server.log)")

        func files(_ folder: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: "\(remote)/\(folder)")) ?? []).sorted()
        }
        #expect(files("out/orders") == ["po-3.edi.part"])
        #expect(files("out/processed").count == 1 && files("out/processed")[0].hasSuffix("-po 1.edi"))
        let failed = files("out/failed")
        #expect(failed.count == 2 && failed.contains { $0.hasSuffix("-po-2.edi.error.json") })
        #expect(files("in/acks") == ["997-acme-000000001.x12", "997-onesource-000000001.x12"])
        let errorFile = try #require(failed.first { $0.hasSuffix(".error.json") })
        let report = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: "\(remote)/out/failed/\(errorFile)")),
            as: UTF8.self
        )
        #expect(report.contains("\"partially-accepted\"") && report.contains("BEG"))

        let orders = try await stack.receivedOrders(expecting: 2)
        #expect(orders.map(\.orderNumber).sorted() == ["08292233294", "A"])
        await stack.shutdown()
    }

    @Test("Missing secrets and a wrong host key leave the document on the server")
    func refusals() async throws {
        let withPassphrase = ConnectorInstance.SFTPPolling(
            host: "h",
            user: "u",
            privateKeyFile: "/k",
            passphraseEnvironmentVariable: "KONTOR_TEST_SFTP_PASSPHRASE",
            hostKeySHA256: "SHA256:x",
            inbox: "in"
        )
        #expect(throws: SFTPSecretMissing.self) { try withPassphrase.clientConfiguration(environment: [:]).get() }

        let server = try LocalSSHServer()
        defer { server.stop() }
        let remote = server.dataDirectory
        let settings = ConnectorInstance.SFTPPolling(
            host: server.host,
            port: server.port,
            user: server.user,
            privateKeyFile: server.clientKeyPath,
            knownHostsFile: server.mismatchedKnownHostsPath,
            inbox: "\(remote)/inbox"
        )
        let mailbox = SFTPMailbox(
            client: SFTPClient(try settings.clientConfiguration(environment: [:]).get()),
            settings: settings
        )
        await #expect { try await mailbox.prepare() } throws: { error in
            (error as? SFTPError)?.kind == .hostVerificationFailed
        }
    }
}
