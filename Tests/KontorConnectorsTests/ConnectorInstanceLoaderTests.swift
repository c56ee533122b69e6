import Foundation
import KontorConnectors
import Testing

@Suite("Connector instance files")
struct ConnectorInstanceLoaderTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func write(_ text: String, name: String = "partner.yaml") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("connectors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(name).path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test("The repository's connectors load: Shopify, WooCommerce, a generic partner and Amazon")
    func repositoryConnectors() throws {
        let instances = try ConnectorInstanceLoader.loadAll(
            directory: Self.repositoryRoot.appendingPathComponent("connectors").path
        )
        let byName = Dictionary(uniqueKeysWithValues: instances.map { ($0.name, $0) })
        let shopify = try #require(byName["shopify"])
        #expect(shopify.type == .webhook)
        #expect(shopify.path == "/v1/webhooks/shopify")
        #expect(shopify.signature?.header == "X-Shopify-Hmac-Sha256")
        #expect(shopify.deduplicationHeader == "X-Shopify-Webhook-Id")
        #expect(byName["woocommerce"]?.signature?.header == "X-WC-Webhook-Signature")
        #expect(byName["acme-partner"]?.signature?.encoding == .hex)
        let amazon = try #require(byName["amazon-sp-api"])
        #expect(amazon.enabled == false)
        #expect(amazon.amazon?.marketplaceIDs == ["A1PA6795UKMFR9", "A13V1IB3VIYZZH"])
        #expect(amazon.amazon?.pollInterval == .seconds(120))
        #expect(amazon.amazon?.loginWithAmazon?.refreshTokenEnvironmentVariable == "KONTOR_AMAZON_LWA_REFRESH_TOKEN")
        #expect(amazon.amazon?.accessTokenEnvironmentVariable == nil)
        let inbox = try #require(byName["edi-inbox"]?.fileDrop)
        #expect(inbox.inbox == "b2b/inbox" && inbox.outbox == "b2b/outbox" && inbox.settleTime == .milliseconds(500))
        #expect(inbox.resolvingPaths(against: "/var/kontor").failed == "/var/kontor/b2b/failed")
        let sftp = try #require(byName["partner-sftp"])
        #expect(sftp.enabled == false && sftp.mapping == nil)
        #expect(sftp.sftp?.partner == "onesource-sample" && sftp.sftp?.pollInterval == .seconds(60))
        #expect(sftp.sftp?.knownHostsFile == "/etc/kontor/known_hosts")
        let missing = amazon.amazon?.credentials(from: ["KONTOR_AMAZON_LWA_CLIENT_ID": "id"])
        #expect("\(missing.map { try? $0.get() } as Any)".contains("nil"))
    }

    @Test("Mistakes are reported with the file and line")
    func errors() throws {
        let unknownKey = try write("type: webhook\nmapping: shopify\npath: /x\nsignatur:\n  header: X\n")
        #expect {
            _ = try ConnectorInstanceLoader.load(file: unknownKey)
        } throws: { error in
            "\(error)".hasPrefix("\(unknownKey):4:") && "\(error)".contains("unknown key 'signatur'")
        }
        let unsigned = try write("type: webhook\nmapping: shopify\npath: /x\n")
        #expect {
            _ = try ConnectorInstanceLoader.load(file: unsigned)
        } throws: { error in
            "\(error)".contains("need a 'signature' section")
        }
        let badType = try write("type: ftp\nmapping: x\n")
        #expect {
            _ = try ConnectorInstanceLoader.load(file: badType)
        } throws: { error in
            "\(error)".hasPrefix("\(badType):1:") && "\(error)".contains("unknown connector type 'ftp'")
        }
        let badEncoding = try write(
            "type: webhook\nmapping: m\npath: /x\nsignature:\n  header: X\n  secretEnv: S\n  encoding: base32\n"
        )
        #expect {
            _ = try ConnectorInstanceLoader.load(file: badEncoding)
        } throws: { error in
            "\(error)".hasPrefix("\(badEncoding):7:") && "\(error)".contains("unknown encoding 'base32'")
        }
    }

    @Test("B2B transports: no mapping, strict host keys, one login, four different folders")
    func b2bErrors() throws {
        let cases: [(String, String)] = [
            ("type: file-drop\nmapping: x12\nfileDrop: {inbox: in}\n", "take no mapping"),
            ("type: file-drop\nfileDrop: {inbox: in, outbox: in}\n", "four different folders"),
            ("type: file-drop\n", "need a 'fileDrop' section"),
            (
                "type: sftp\nsftp: {host: h, user: u, privateKeyFile: /k, inbox: in}\n",
                "the server's key is always checked"
            ),
            (
                "type: sftp\nsftp: {host: h, user: u, privateKeyFile: /k, passwordEnv: P, hostKeySha256: x, inbox: in}\n",
                "not both or neither"
            ),
            ("type: sftp\nsftp: {host: h, user: u, passwordEnv: P, hostKeySha256: x, inbox: in, port: 0}\n", "port"),
        ]
        for (text, message) in cases {
            let file = try write(text)
            #expect {
                _ = try ConnectorInstanceLoader.load(file: file)
            } throws: { error in
                "\(error)".contains(message)
            }
        }
        let defaults = try ConnectorInstanceLoader.load(
            file: try write(
                "type: sftp\nsftp: {host: h, user: u, passwordEnv: P, hostKeySha256: x, inbox: out/orders}\n"
            )
        )
        #expect(defaults.sftp?.processed == "out/processed" && defaults.sftp?.outbox == "out/outbox")
        #expect(defaults.sftp?.port == 22)
    }
}
