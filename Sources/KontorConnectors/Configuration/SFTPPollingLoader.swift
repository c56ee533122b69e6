import Yams

extension ConnectorInstance.ConnectorType {
    /// B2B transports (file drop, SFTP): documents are read by format and trading partner, not by one mapping.
    public var isB2B: Bool { self == .fileDrop || self == .sftp }
}

/// The `sftp:` section of an SFTP connector file.
enum SFTPPollingLoader {
    static func load(_ node: Node?, root: Node, reader: NodeReader) throws(ConnectorConfigurationError)
        -> ConnectorInstance.SFTPPolling
    {
        guard let node else {
            throw reader.error(root, "sftp connectors need an 'sftp' section with host, user, a login and a host key")
        }
        let map = try reader.mapping(
            node,
            allowed: [
                "host", "port", "user", "privateKeyFile", "passphraseEnv", "passwordEnv", "knownHostsFile",
                "hostKeySha256", "inbox", "processed", "failed", "outbox", "pollIntervalMs", "partner",
            ]
        )
        var settings = ConnectorInstance.SFTPPolling(
            host: try reader.requiredString(map, "host", in: node),
            user: try reader.requiredString(map, "user", in: node),
            privateKeyFile: try reader.optionalString(map, "privateKeyFile"),
            passphraseEnvironmentVariable: try reader.optionalString(map, "passphraseEnv"),
            passwordEnvironmentVariable: try reader.optionalString(map, "passwordEnv"),
            knownHostsFile: try reader.optionalString(map, "knownHostsFile"),
            hostKeySHA256: try reader.optionalString(map, "hostKeySha256"),
            inbox: try reader.requiredString(map, "inbox", in: node),
            processed: try reader.optionalString(map, "processed"),
            failed: try reader.optionalString(map, "failed"),
            outbox: try reader.optionalString(map, "outbox"),
            partner: try reader.optionalString(map, "partner")
        )
        if let port = try reader.optionalInt(map, "port") {
            guard (1...65_535).contains(port) else { throw reader.error(map["port"], "'port' must be 1 to 65535") }
            settings.port = port
        }
        if let milliseconds = try reader.optionalInt(map, "pollIntervalMs") {
            settings.pollInterval = .milliseconds(max(100, milliseconds))
        }
        guard (settings.privateKeyFile == nil) != (settings.passwordEnvironmentVariable == nil) else {
            throw reader.error(node, "give either 'privateKeyFile' or 'passwordEnv' for the login, not both or neither")
        }
        guard (settings.knownHostsFile == nil) != (settings.hostKeySHA256 == nil) else {
            throw reader.error(
                node,
                "give either 'knownHostsFile' or 'hostKeySha256': the server's key is always checked"
            )
        }
        let folders = [settings.inbox, settings.processed, settings.failed, settings.outbox]
        guard Set(folders).count == folders.count else {
            throw reader.error(node, "inbox, processed, failed and outbox must be four different folders")
        }
        return settings
    }
}
