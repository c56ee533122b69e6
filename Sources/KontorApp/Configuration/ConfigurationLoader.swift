import Foundation
import Yams

/// Builds a ``KontorConfiguration`` from defaults, a YAML file, the environment and flags,
/// in that order of strength. Unknown keys in the file are errors (typos must not pass silently).
public struct ConfigurationLoader: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// - Parameters:
    ///   - file: a YAML file; nil looks at `KONTOR_CONFIG`, then `kontor.yaml` in the working folder.
    ///   - flags: dotted keys set on the command line, strongest.
    public func load(file: String?, flags: [String: String] = [:]) throws(ConfigurationError) -> KontorConfiguration {
        var configuration = KontorConfiguration()
        let path =
            file ?? environment["KONTOR_CONFIG"]
            ?? (FileManager.default.fileExists(atPath: "kontor.yaml") ? "kontor.yaml" : nil)
        if let path {
            for (key, value) in try Self.flatten(yamlFile: path) {
                try apply(key, value, to: &configuration, source: path)
            }
        }
        for key in ConfigurationKeys.all {
            if let value = environment[key.environmentVariable] {
                try apply(key.path, value, to: &configuration, source: "$\(key.environmentVariable)")
            }
        }
        if let brokers = environment["KAFKA_BROKERS"], environment["KONTOR_KAFKA_BROKERS"] == nil {
            try apply("kafka.brokers", brokers, to: &configuration, source: "$KAFKA_BROKERS")
        }
        for (key, value) in flags.sorted(by: { $0.key < $1.key }) {
            try apply(key, value, to: &configuration, source: "command line")
        }
        return configuration
    }

    private func apply(
        _ path: String,
        _ value: String,
        to configuration: inout KontorConfiguration,
        source: String
    ) throws(ConfigurationError) {
        if path.hasPrefix(ConfigurationKeys.librdkafkaPrefix) {
            configuration.librdkafka[String(path.dropFirst(ConfigurationKeys.librdkafkaPrefix.count))] = value
            return
        }
        guard let key = ConfigurationKeys.key(path) else {
            throw ConfigurationError("\(source): unknown configuration key '\(path)'")
        }
        do {
            try key.apply(&configuration, value)
        } catch let error as ConfigurationError {
            throw ConfigurationError("\(source): \(error.message)")
        } catch {
            throw ConfigurationError("\(source): \(path): \(error)")
        }
    }

    /// Reads a YAML file into dotted keys and string values; sequences become comma lists.
    static func flatten(yamlFile path: String) throws(ConfigurationError) -> [(String, String)] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError("cannot read configuration file \(path): \(error.localizedDescription)")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError("\(path): not valid YAML: \(error)")
        }
        guard let node else { return [] }
        guard case .mapping = node else {
            throw ConfigurationError("\(path): the top level must be a mapping of keys")
        }
        var result: [(String, String)] = []
        try flatten(node, prefix: "", into: &result, file: path)
        return result
    }

    private static func flatten(
        _ node: Node,
        prefix: String,
        into result: inout [(String, String)],
        file: String
    ) throws(ConfigurationError) {
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard let name = key.string else {
                    throw ConfigurationError("\(file):\(key.mark?.line ?? 0): keys must be strings")
                }
                try flatten(value, prefix: prefix.isEmpty ? name : "\(prefix).\(name)", into: &result, file: file)
            }
        case .sequence(let sequence):
            let items = sequence.compactMap(\.string)
            guard items.count == sequence.count else {
                throw ConfigurationError("\(file): \(prefix) must be a list of plain values")
            }
            result.append((prefix, items.joined(separator: ",")))
        case .scalar(let scalar):
            // An explicit null leaves the default in place.
            if scalar.string == "~" || scalar.string == "null" || (scalar.string.isEmpty && scalar.style == .plain) {
                return
            }
            result.append((prefix, scalar.string))
        case .alias:
            throw ConfigurationError("\(file): \(prefix): YAML anchors and aliases are not supported")
        }
    }
}
