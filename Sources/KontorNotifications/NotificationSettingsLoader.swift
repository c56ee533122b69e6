import Foundation
import KontorHTTPClient
import Yams

/// A problem in the notification settings file, naming the file, line and key.
public struct NotificationSettingsError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var message: String

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}

/// Reads ``NotificationSettings`` from YAML (`connectors/notifications/notifications.yaml`). Unknown keys, wrong types
/// and unknown templates are errors naming the line and key; secrets can come from environment variables
/// (`passwordEnv`, `secretEnv`).
public enum NotificationSettingsLoader {
    /// The settings in `path`; a missing file gives settings that send nothing.
    public static func load(
        path: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(NotificationSettingsError) -> NotificationSettings {
        guard FileManager.default.fileExists(atPath: path) else { return NotificationSettings() }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw NotificationSettingsError(file: path, message: "cannot read: \(error.localizedDescription)")
        }
        return try decode(text, file: path, environment: environment)
    }

    /// Decodes settings from YAML text; `file` names it in errors. Relative template folders stay relative to the
    /// working directory, like every other path `kontor run` reads.
    public static func decode(
        _ text: String,
        file: String,
        environment: [String: String] = [:]
    ) throws(NotificationSettingsError) -> NotificationSettings {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { return NotificationSettings() }
            root = node
        } catch {
            throw NotificationSettingsError(file: file, message: "not valid YAML: \(error)")
        }
        let reader = Reader(file: file, environment: environment)
        var settings = NotificationSettings()
        let top = try reader.mapping(
            root,
            "",
            allowed: ["email", "templatesDirectory", "languages", "brands", "trackingUrls", "webhooks"]
        )
        if let directory = try reader.string(top, "templatesDirectory") { settings.templatesDirectory = directory }
        if let email = top["email"] {
            let map = try reader.mapping(email, "email", allowed: ["smtp", "messageIdDomain", "templates"])
            if let domain = try reader.string(map, "messageIdDomain") { settings.messageIDDomain = domain }
            if let templates = try reader.templates(map, "templates", path: "email") {
                settings.emailTemplates = templates
            }
            if let smtp = map["smtp"] { settings.smtp = try reader.smtp(smtp) }
        }
        if let languages = top["languages"] {
            let map = try reader.mapping(
                languages,
                "languages",
                allowed: ["default", "supported", "attribute", "byCountry"]
            )
            if let supported = try reader.list(map, "supported", path: "languages") {
                settings.languages.supported = Set(supported)
            }
            if let value = try reader.string(map, "default") { settings.languages.defaultLanguage = value }
            if let value = try reader.string(map, "attribute") { settings.languages.attribute = value }
            if let value = try reader.stringMap(map, "byCountry", path: "languages") {
                settings.languages.byCountry = Dictionary(uniqueKeysWithValues: value.map { ($0.uppercased(), $1) })
            }
            guard settings.languages.supported.contains(settings.languages.defaultLanguage) else {
                throw reader.error(
                    map["default"] ?? languages,
                    "languages.default: '\(settings.languages.defaultLanguage)' is not in languages.supported"
                )
            }
        }
        if let brands = top["brands"] {
            settings.brands = try reader.brands(brands)
        }
        if let urls = try reader.stringMap(top, "trackingUrls", path: "") {
            for (carrier, url) in urls where !url.contains("{trackingNumber}") {
                throw reader.error(top["trackingUrls"], "trackingUrls.\(carrier): the URL needs {trackingNumber}")
            }
            settings.trackingURLs = Dictionary(uniqueKeysWithValues: urls.map { ($0.lowercased(), $1) })
        }
        if let webhooks = top["webhooks"] {
            guard case .sequence(let items) = webhooks else {
                throw reader.error(webhooks, "webhooks: expected a list")
            }
            settings.webhooks = try items.enumerated().map { index, item throws(NotificationSettingsError) in
                try reader.webhook(item, path: "webhooks[\(index)]")
            }
            var names: Set<String> = []
            for (index, endpoint) in settings.webhooks.enumerated() where !names.insert(endpoint.name).inserted {
                throw reader.error(items[index], "webhooks[\(index)].name: '\(endpoint.name)' is used twice")
            }
        }
        return settings
    }

    private struct Reader {
        let file: String
        let environment: [String: String]

        func error(_ node: Node?, _ message: String) -> NotificationSettingsError {
            NotificationSettingsError(file: file, line: node?.mark.map { $0.line }, message: message)
        }

        private func key(_ path: String, _ name: String) -> String {
            path.isEmpty ? name : "\(path).\(name)"
        }

        func mapping(_ node: Node, _ path: String, allowed: Set<String>) throws(NotificationSettingsError)
            -> [String: Node]
        {
            guard case .mapping(let mapping) = node else {
                throw error(node, "\(path.isEmpty ? "the file" : path): expected a mapping of keys")
            }
            var result: [String: Node] = [:]
            for (keyNode, value) in mapping {
                guard let name = keyNode.string else { throw error(keyNode, "keys must be text") }
                guard allowed.isEmpty || allowed.contains(name) else {
                    throw error(
                        keyNode,
                        "unknown key '\(key(path, name))' (allowed: \(allowed.sorted().joined(separator: ", ")))"
                    )
                }
                result[name] = value
            }
            return result
        }

        func string(_ map: [String: Node], _ name: String, path: String = "") throws(NotificationSettingsError)
            -> String?
        {
            guard let node = map[name] else { return nil }
            guard case .scalar(let scalar) = node else { throw error(node, "\(key(path, name)): expected text") }
            return scalar.string
        }

        func list(_ map: [String: Node], _ name: String, path: String) throws(NotificationSettingsError) -> [String]? {
            guard let node = map[name] else { return nil }
            guard case .sequence(let items) = node else {
                throw error(node, "\(key(path, name)): expected a list")
            }
            var values: [String] = []
            for item in items {
                guard case .scalar(let scalar) = item else {
                    throw error(item, "\(key(path, name)): items must be text")
                }
                values.append(scalar.string)
            }
            return values
        }

        func stringMap(_ map: [String: Node], _ name: String, path: String) throws(NotificationSettingsError)
            -> [String: String]?
        {
            guard let node = map[name] else { return nil }
            var result: [String: String] = [:]
            for (entry, value) in try mapping(node, key(path, name), allowed: []) {
                guard case .scalar(let scalar) = value else {
                    throw error(value, "\(key(path, name)).\(entry): expected text")
                }
                result[entry] = scalar.string
            }
            return result
        }

        func templates(_ map: [String: Node], _ name: String, path: String) throws(NotificationSettingsError)
            -> Set<NotificationTemplate>?
        {
            guard let names = try list(map, name, path: path) else { return nil }
            var templates: Set<NotificationTemplate> = []
            for name in names {
                guard let template = NotificationTemplate(rawValue: name) else {
                    throw error(
                        map[name] ?? map.values.first,
                        "\(key(path, "templates")): unknown template '\(name)' ("
                            + NotificationTemplate.allCases.map(\.rawValue).joined(separator: ", ") + ")"
                    )
                }
                templates.insert(template)
            }
            return templates
        }

        func duration(_ map: [String: Node], _ name: String, path: String) throws(NotificationSettingsError)
            -> Duration?
        {
            guard let node = map[name] else { return nil }
            guard let seconds = node.int, seconds > 0, seconds <= 600 else {
                throw error(node, "\(key(path, name)): expected whole seconds from 1 to 600")
            }
            return .seconds(seconds)
        }

        func secret(_ map: [String: Node], value: String, env: String, path: String) throws(NotificationSettingsError)
            -> String?
        {
            if let direct = try string(map, value, path: path) { return direct }
            guard let variable = try string(map, env, path: path) else { return nil }
            guard let secret = environment[variable], !secret.isEmpty else {
                throw error(map[env], "\(key(path, env)): the environment variable \(variable) is not set")
            }
            return secret
        }

        func smtp(_ node: Node) throws(NotificationSettingsError) -> SMTPConfiguration? {
            let path = "email.smtp"
            let map = try mapping(
                node,
                path,
                allowed: [
                    "url", "startTLS", "username", "password", "passwordEnv", "verifyCertificate", "timeoutSeconds",
                    "heloName",
                ]
            )
            // An empty URL leaves e-mail off (so an environment variable can switch it on).
            guard let url = try string(map, "url", path: path), !url.isEmpty else { return nil }
            guard url.hasPrefix("smtp://") || url.hasPrefix("smtps://") else {
                throw error(map["url"], "\(path).url: '\(url)' must start with smtp:// or smtps://")
            }
            var configuration = SMTPConfiguration(url: url)
            if let tls = map["startTLS"] {
                // YAML 1.1 reads an unquoted `off` as false.
                let text = tls.bool.map { $0 ? "required" : "off" } ?? tls.string ?? ""
                guard let mode = SMTPConfiguration.StartTLS(rawValue: text) else {
                    throw error(tls, "\(path).startTLS: '\(text)' is not off, opportunistic or required")
                }
                configuration.startTLS = mode
            }
            configuration.username = try string(map, "username", path: path).flatMap { $0.isEmpty ? nil : $0 }
            configuration.password = try secret(map, value: "password", env: "passwordEnv", path: path)
            if let verify = map["verifyCertificate"] {
                guard let value = verify.bool else {
                    throw error(verify, "\(path).verifyCertificate: expected true or false")
                }
                configuration.verifyCertificate = value
            }
            if let timeout = try duration(map, "timeoutSeconds", path: path) { configuration.timeout = timeout }
            configuration.heloName = try string(map, "heloName", path: path)
            return configuration
        }

        func brands(_ node: Node) throws(NotificationSettingsError) -> NotificationSettings.BrandRules {
            let map = try mapping(node, "brands", allowed: ["default", "attribute", "byChannel", "list"])
            var rules = NotificationSettings.BrandRules()
            if let list = map["list"] {
                rules.brands = [:]
                for (name, brandNode) in try mapping(list, "brands.list", allowed: []) {
                    let path = "brands.list.\(name)"
                    let brand = try mapping(brandNode, path, allowed: ["name", "from", "replyTo", "website", "color"])
                    guard let from = try string(brand, "from", path: path) else {
                        throw error(brandNode, "\(path).from: missing (the sender's address)")
                    }
                    rules.brands[name] = NotificationSettings.Brand(
                        name: try string(brand, "name", path: path) ?? name,
                        from: from,
                        replyTo: try string(brand, "replyTo", path: path),
                        website: try string(brand, "website", path: path),
                        color: try string(brand, "color", path: path)
                    )
                }
            }
            if let value = try string(map, "default", path: "brands") { rules.defaultBrand = value }
            if let value = try string(map, "attribute", path: "brands") { rules.attribute = value }
            if let value = try stringMap(map, "byChannel", path: "brands") { rules.byChannel = value }
            guard rules.brands[rules.defaultBrand] != nil else {
                throw error(map["default"] ?? node, "brands.default: '\(rules.defaultBrand)' is not in brands.list")
            }
            for (channel, brand) in rules.byChannel where rules.brands[brand] == nil {
                throw error(map["byChannel"], "brands.byChannel.\(channel): '\(brand)' is not in brands.list")
            }
            return rules
        }

        func webhook(_ node: Node, path: String) throws(NotificationSettingsError) -> WebhookEndpoint {
            let map = try mapping(
                node,
                path,
                allowed: ["name", "url", "secret", "secretEnv", "customers", "channels", "templates", "timeoutSeconds"]
            )
            guard let name = try string(map, "name", path: path), !name.isEmpty else {
                throw error(node, "\(path).name: missing")
            }
            guard let url = try string(map, "url", path: path), url.hasPrefix("http://") || url.hasPrefix("https://")
            else {
                throw error(map["url"] ?? node, "\(path).url: missing or not an http(s) URL")
            }
            guard let secret = try self.secret(map, value: "secret", env: "secretEnv", path: path), !secret.isEmpty
            else {
                throw error(node, "\(path): a secret (secret or secretEnv) is needed to sign the requests")
            }
            var endpoint = WebhookEndpoint(
                name: name,
                url: url,
                secret: secret,
                customers: Set(try list(map, "customers", path: path) ?? []),
                channels: Set(try list(map, "channels", path: path) ?? [])
            )
            guard !endpoint.customers.isEmpty || !endpoint.channels.isEmpty else {
                throw error(node, "\(path): name the customers or channels whose orders go to it")
            }
            if let templates = try templates(map, "templates", path: path) { endpoint.templates = templates }
            if let timeout = try duration(map, "timeoutSeconds", path: path) { endpoint.timeout = timeout }
            return endpoint
        }
    }
}
