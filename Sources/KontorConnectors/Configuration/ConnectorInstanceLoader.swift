import Foundation
import Yams

/// A problem in a connector instance file, naming the file and line.
public struct ConnectorConfigurationError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var message: String

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}

/// Reads `connectors/*.yaml`. Unknown keys and missing required keys are errors with the line.
public enum ConnectorInstanceLoader {
    /// Every instance in `directory`, sorted by name; a missing folder means no connectors.
    public static func loadAll(directory: String) throws(ConnectorConfigurationError) -> [ConnectorInstance] {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            return []
        }
        var instances: [ConnectorInstance] = []
        for file in files.sorted() where file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
            instances.append(try load(file: (directory as NSString).appendingPathComponent(file)))
        }
        var seenNames: [String: String] = [:]
        var seenPaths: [String: String] = [:]
        for instance in instances {
            if let other = seenNames.updateValue(instance.file, forKey: instance.name) {
                throw ConnectorConfigurationError(
                    file: instance.file,
                    message: "connector name '\(instance.name)' is also used by \(other)"
                )
            }
            if let path = instance.path, instance.enabled,
                let other = seenPaths.updateValue(instance.file, forKey: path)
            {
                throw ConnectorConfigurationError(file: instance.file, message: "path \(path) is also used by \(other)")
            }
        }
        return instances
    }

    public static func load(file: String) throws(ConnectorConfigurationError) -> ConnectorInstance {
        let root = try NodeReader.composeFile(file)
        let reader = NodeReader(file: file)
        let top = try reader.mapping(
            root,
            allowed: [
                "name", "type", "enabled", "mapping", "path", "signature", "deduplicationHeader", "amazon",
                "description", "fileDrop", "sftp",
            ]
        )
        let defaultName = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let typeName = try reader.requiredString(top, "type", in: root)
        let type = ConnectorInstance.ConnectorType(rawValue: typeName)
        guard ConnectorInstance.ConnectorType.all.contains(type) else {
            throw reader.error(
                top["type"],
                "unknown connector type '\(typeName)' (\(ConnectorInstance.ConnectorType.all.map(\.rawValue).joined(separator: ", ")))"
            )
        }
        if type.isB2B, let mapping = top["mapping"] {
            throw reader.error(
                mapping,
                "\(type) connectors take no mapping: the document format and the trading partner profile decide"
            )
        }
        var instance = ConnectorInstance(
            name: try reader.optionalString(top, "name") ?? defaultName,
            type: type,
            enabled: try reader.optionalBool(top, "enabled") ?? true,
            mapping: type.isB2B
                ? try reader.optionalString(top, "mapping") : try reader.requiredString(top, "mapping", in: root),
            file: file
        )
        switch type {
        case .webhook:
            let path = try reader.requiredString(top, "path", in: root)
            guard path.hasPrefix("/") else { throw reader.error(top["path"], "path must start with '/'") }
            instance.path = path
            instance.deduplicationHeader = try reader.optionalString(top, "deduplicationHeader")
            guard let signatureNode = top["signature"] else {
                throw reader.error(
                    root,
                    "webhook connectors need a 'signature' section (unsigned webhooks are refused)"
                )
            }
            let signature = try reader.mapping(
                signatureNode,
                allowed: ["header", "algorithm", "encoding", "prefix", "secretEnv"]
            )
            var parsed = ConnectorInstance.Signature(
                header: try reader.requiredString(signature, "header", in: signatureNode),
                secretEnvironmentVariable: try reader.requiredString(signature, "secretEnv", in: signatureNode)
            )
            if let algorithm = try reader.optionalString(signature, "algorithm") {
                guard let value = ConnectorInstance.Signature.Algorithm(rawValue: algorithm) else {
                    throw reader.error(
                        signature["algorithm"],
                        "unknown algorithm '\(algorithm)' (hmac-sha256, hmac-sha512)"
                    )
                }
                parsed.algorithm = value
            }
            if let encoding = try reader.optionalString(signature, "encoding") {
                guard let value = ConnectorInstance.Signature.Encoding(rawValue: encoding) else {
                    throw reader.error(signature["encoding"], "unknown encoding '\(encoding)' (base64, hex)")
                }
                parsed.encoding = value
            }
            parsed.prefix = try reader.optionalString(signature, "prefix") ?? ""
            instance.signature = parsed
        case .amazonSPAPI:
            guard let amazonNode = top["amazon"] else {
                throw reader.error(root, "amazon-sp-api connectors need an 'amazon' section")
            }
            let amazon = try reader.mapping(
                amazonNode,
                allowed: [
                    "endpoint", "marketplaceIds", "pollIntervalSeconds", "accessTokenEnv", "lwa",
                    "initialLookbackHours",
                    "initialBackoffMs", "maxAttempts",
                ]
            )
            var polling = ConnectorInstance.AmazonPolling(
                endpoint: try reader.requiredString(amazon, "endpoint", in: amazonNode),
                marketplaceIDs: try reader.stringList(amazon, "marketplaceIds", in: amazonNode),
                accessTokenEnvironmentVariable: try reader.optionalString(amazon, "accessTokenEnv")
            )
            if let lwaNode = amazon["lwa"] {
                let lwa = try reader.mapping(
                    lwaNode,
                    allowed: ["tokenEndpoint", "clientIdEnv", "clientSecretEnv", "refreshTokenEnv"]
                )
                var settings = ConnectorInstance.LoginWithAmazon(
                    clientIDEnvironmentVariable: try reader.requiredString(lwa, "clientIdEnv", in: lwaNode),
                    clientSecretEnvironmentVariable: try reader.requiredString(lwa, "clientSecretEnv", in: lwaNode),
                    refreshTokenEnvironmentVariable: try reader.requiredString(lwa, "refreshTokenEnv", in: lwaNode)
                )
                if let endpoint = try reader.optionalString(lwa, "tokenEndpoint") { settings.tokenEndpoint = endpoint }
                polling.loginWithAmazon = settings
            }
            guard (polling.loginWithAmazon == nil) != (polling.accessTokenEnvironmentVariable == nil) else {
                throw reader.error(
                    amazonNode,
                    "give either 'lwa' (Login with Amazon) or 'accessTokenEnv', not both or neither"
                )
            }
            if let seconds = try reader.optionalInt(amazon, "pollIntervalSeconds") {
                polling.pollInterval = .seconds(seconds)
            }
            if let hours = try reader.optionalInt(amazon, "initialLookbackHours") {
                polling.initialLookback = .seconds(hours * 3600)
            }
            if let milliseconds = try reader.optionalInt(amazon, "initialBackoffMs") {
                polling.initialBackoff = .milliseconds(milliseconds)
            }
            if let attempts = try reader.optionalInt(amazon, "maxAttempts") { polling.maxAttempts = max(1, attempts) }
            instance.amazon = polling
        case .fileDrop:
            guard let node = top["fileDrop"] else {
                throw reader.error(root, "file-drop connectors need a 'fileDrop' section with at least 'inbox'")
            }
            let settings = try reader.mapping(
                node,
                allowed: ["inbox", "processed", "failed", "outbox", "pollIntervalMs", "settleMs", "partner"]
            )
            var fileDrop = ConnectorInstance.FileDrop(
                inbox: try reader.requiredString(settings, "inbox", in: node),
                processed: try reader.optionalString(settings, "processed"),
                failed: try reader.optionalString(settings, "failed"),
                outbox: try reader.optionalString(settings, "outbox"),
                partner: try reader.optionalString(settings, "partner")
            )
            if let milliseconds = try reader.optionalInt(settings, "pollIntervalMs") {
                fileDrop.pollInterval = .milliseconds(max(10, milliseconds))
            }
            if let milliseconds = try reader.optionalInt(settings, "settleMs") {
                fileDrop.settleTime = .milliseconds(milliseconds)
            }
            let folders = [fileDrop.inbox, fileDrop.processed, fileDrop.failed, fileDrop.outbox]
            guard Set(folders).count == folders.count else {
                throw reader.error(node, "inbox, processed, failed and outbox must be four different folders")
            }
            instance.fileDrop = fileDrop
        case .sftp:
            instance.sftp = try SFTPPollingLoader.load(top["sftp"], root: root, reader: reader)
        default:
            break
        }
        return instance
    }
}

/// Typed reading of YAML nodes with file:line errors.
struct NodeReader {
    let file: String

    /// The YAML tree of `file`; an unreadable, empty or invalid file is an error naming it.
    static func composeFile(_ file: String) throws(ConnectorConfigurationError) -> Node {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ConnectorConfigurationError(file: file, message: "cannot read: \(error.localizedDescription)")
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ConnectorConfigurationError(file: file, message: "the file is empty")
            }
            return node
        } catch let error as ConnectorConfigurationError {
            throw error
        } catch {
            throw ConnectorConfigurationError(file: file, message: "not valid YAML: \(error)")
        }
    }

    func error(_ node: Node?, _ message: String) -> ConnectorConfigurationError {
        ConnectorConfigurationError(file: file, line: node?.mark.map { $0.line }, message: message)
    }

    func mapping(_ node: Node, allowed: Set<String>) throws(ConnectorConfigurationError) -> [String: Node] {
        guard case .mapping(let mapping) = node else { throw error(node, "expected a mapping of keys") }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { throw error(key, "keys must be strings") }
            guard allowed.contains(name) else {
                throw error(key, "unknown key '\(name)' (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
            result[name] = value
        }
        return result
    }

    func requiredString(_ map: [String: Node], _ key: String, in parent: Node) throws(ConnectorConfigurationError)
        -> String
    {
        guard let value = try optionalString(map, key) else { throw error(parent, "missing required key '\(key)'") }
        return value
    }

    func optionalString(_ map: [String: Node], _ key: String) throws(ConnectorConfigurationError) -> String? {
        guard let node = map[key] else { return nil }
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            throw error(node, "'\(key)' must be text")
        }
        return scalar.string
    }

    func optionalBool(_ map: [String: Node], _ key: String) throws(ConnectorConfigurationError) -> Bool? {
        guard let node = map[key] else { return nil }
        guard let value = node.bool else { throw error(node, "'\(key)' must be true or false") }
        return value
    }

    func optionalInt(_ map: [String: Node], _ key: String) throws(ConnectorConfigurationError) -> Int? {
        guard let node = map[key] else { return nil }
        guard let value = node.int, value >= 0 else { throw error(node, "'\(key)' must be a whole number") }
        return value
    }

    func stringList(_ map: [String: Node], _ key: String, in parent: Node) throws(ConnectorConfigurationError)
        -> [String]
    {
        guard let node = map[key] else { throw error(parent, "missing required key '\(key)'") }
        guard case .sequence(let sequence) = node, !sequence.isEmpty else {
            throw error(node, "'\(key)' must be a non-empty list")
        }
        var values: [String] = []
        for item in sequence {
            guard let value = item.string else { throw error(item, "'\(key)' items must be text") }
            values.append(value)
        }
        return values
    }
}
