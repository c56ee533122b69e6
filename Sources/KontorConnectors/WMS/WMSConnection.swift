import Foundation

/// One WMS that takes pick tasks over HTTP, from `connectors/wms/<name>.yaml`:
///
/// ```yaml
/// endpoint: https://wms.example.com/api/pick-tasks   # required; each task is POSTed here
/// cancelEndpoint: https://wms.example.com/api/pick-tasks/{taskId}/cancel   # optional; this is the default
/// format: json                # json (the canonical pick task, default) or xml (the pick-list XML)
/// auth:                       # optional: a header whose value comes from the environment
///   header: Authorization
///   valueEnv: KONTOR_WMS_TOKEN
///   prefix: "Bearer "
/// locations: [WH-NORTH]       # optional: only tasks of these locations (default: every location)
/// timeoutSeconds: 10          # optional, default 10
/// enabled: true               # optional, default true
/// ```
public struct WMSConnection: Sendable, Hashable {
    /// How a task is written.
    public enum Format: String, Sendable, Hashable {
        /// The canonical pick task JSON (`application/json`).
        case json
        /// Kontor's pick-list XML (`application/xml`).
        case xml
    }

    /// An authentication header whose value is read from the environment when the stage starts.
    public struct Auth: Sendable, Hashable {
        public var header: String
        public var valueEnvironmentVariable: String
        public var prefix: String

        /// An auth header `header: <prefix><value of valueEnvironmentVariable>`.
        public init(header: String, valueEnvironmentVariable: String, prefix: String = "") {
            self.header = header
            self.valueEnvironmentVariable = valueEnvironmentVariable
            self.prefix = prefix
        }
    }

    /// The instance's name (the file name without `.yaml`, or `name`).
    public var name: String
    public var endpoint: String
    /// Where a task's cancellation is POSTed; `{taskId}` stands for the task's id (percent-encoded).
    public var cancelEndpoint: String
    public var format: Format
    public var auth: Auth?
    /// Locations whose tasks go to this WMS; nil for every location.
    public var locations: Set<String>?
    public var timeout: Duration
    public var enabled: Bool

    /// Creates a connection.
    public init(
        name: String,
        endpoint: String,
        cancelEndpoint: String? = nil,
        format: Format = .json,
        auth: Auth? = nil,
        locations: Set<String>? = nil,
        timeout: Duration = .seconds(10),
        enabled: Bool = true
    ) {
        self.name = name
        self.endpoint = endpoint
        self.cancelEndpoint = cancelEndpoint ?? Self.defaultCancelEndpoint(for: endpoint)
        self.format = format
        self.auth = auth
        self.locations = locations
        self.timeout = timeout
        self.enabled = enabled
    }

    /// `<endpoint>/{taskId}/cancel`.
    static func defaultCancelEndpoint(for endpoint: String) -> String {
        (endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint) + "/{taskId}/cancel"
    }

    /// The URL a cancellation of `taskID` is POSTed to.
    public func cancelURL(taskID: String) -> String {
        let encoded = taskID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? taskID
        return cancelEndpoint.replacingOccurrences(of: "{taskId}", with: encoded)
    }

    /// Whether tasks of `locationID` go to this WMS.
    public func serves(_ locationID: String) -> Bool {
        locations?.contains(locationID) ?? true
    }

    /// Every enabled connection in `directory` (`*.yaml`, by file name); a missing folder means none.
    public static func loadAll(directory: String) throws(ConnectorConfigurationError) -> [WMSConnection] {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var connections: [WMSConnection] = []
        for file in files.sorted() where file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
            let connection = try load(file: (directory as NSString).appendingPathComponent(file))
            if connection.enabled { connections.append(connection) }
        }
        return connections
    }

    /// Reads one file; unknown keys, a missing endpoint or an unknown format are errors with the line.
    public static func load(file: String) throws(ConnectorConfigurationError) -> WMSConnection {
        let root = try NodeReader.composeFile(file)
        let reader = NodeReader(file: file)
        let top = try reader.mapping(
            root,
            allowed: [
                "name", "description", "enabled", "endpoint", "cancelEndpoint", "format", "auth", "locations",
                "timeoutSeconds",
            ]
        )
        let endpoint = try reader.requiredString(top, "endpoint", in: root)
        guard endpoint.hasPrefix("http://") || endpoint.hasPrefix("https://") else {
            throw reader.error(top["endpoint"], "'endpoint' must be an http(s) URL")
        }
        let cancelEndpoint = try reader.optionalString(top, "cancelEndpoint")
        if let cancelEndpoint, !(cancelEndpoint.hasPrefix("http://") || cancelEndpoint.hasPrefix("https://")) {
            throw reader.error(top["cancelEndpoint"], "'cancelEndpoint' must be an http(s) URL")
        }
        let formatName = try reader.optionalString(top, "format") ?? "json"
        guard let format = Format(rawValue: formatName) else {
            throw reader.error(top["format"], "unknown format '\(formatName)' (json, xml)")
        }
        var auth: Auth?
        if let node = top["auth"] {
            let map = try reader.mapping(node, allowed: ["header", "valueEnv", "prefix"])
            auth = Auth(
                header: try reader.requiredString(map, "header", in: node),
                valueEnvironmentVariable: try reader.requiredString(map, "valueEnv", in: node),
                prefix: try reader.optionalString(map, "prefix") ?? ""
            )
        }
        let locations = top["locations"] == nil ? nil : Set(try reader.stringList(top, "locations", in: root))
        let defaultName = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        return WMSConnection(
            name: try reader.optionalString(top, "name") ?? defaultName,
            endpoint: endpoint,
            cancelEndpoint: cancelEndpoint,
            format: format,
            auth: auth,
            locations: locations,
            timeout: .seconds(try reader.optionalInt(top, "timeoutSeconds") ?? 10),
            enabled: try reader.optionalBool(top, "enabled") ?? true
        )
    }
}
