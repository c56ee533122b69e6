import Yams

/// A YAML node with its line, converted from Yams' composed tree into plain values.
indirect enum YAMLTree {
    case scalar(String, isPlain: Bool, line: Int)
    case mapping([(key: String, keyLine: Int, value: YAMLTree)], line: Int)
    case sequence([YAMLTree], line: Int)

    var line: Int {
        switch self {
        case .scalar(_, _, let line), .mapping(_, let line), .sequence(_, let line): line
        }
    }

    /// `"a string"`, `"a mapping"`, `"a list"`, for error messages.
    var kindDescription: String {
        switch self {
        case .scalar: "a single value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }

    /// The text of a scalar that is not YAML null; `nil` otherwise.
    var string: String? {
        guard case .scalar(let text, let isPlain, _) = self else { return nil }
        if isPlain, ["", "~", "null", "Null", "NULL"].contains(text) { return nil }
        return text
    }

    /// `true`/`false` for YAML booleans (`true`, `false`, `yes`, `no`, any case).
    var bool: Bool? {
        guard case .scalar(let text, true, _) = self else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    /// The value for `key` in a mapping.
    subscript(key: String) -> YAMLTree? {
        guard case .mapping(let entries, _) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// Parses YAML text; the error carries the line of the syntax problem.
    static func parse(_ text: String) throws(YAMLSyntaxError) -> YAMLTree? {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw YAMLSyntaxError(error)
        } catch {
            throw YAMLSyntaxError(message: "\(error)", line: nil)
        }
        guard let node else { return nil }
        return try convert(node)
    }

    private static func convert(_ node: Node) throws(YAMLSyntaxError) -> YAMLTree {
        let line = node.mark?.line ?? 0
        switch node {
        case .scalar(let scalar):
            return .scalar(scalar.string, isPlain: scalar.style == .plain || scalar.style == .any, line: line)
        case .sequence(let sequence):
            var elements: [YAMLTree] = []
            for element in sequence { elements.append(try convert(element)) }
            return .sequence(elements, line: line)
        case .mapping(let mapping):
            var entries: [(key: String, keyLine: Int, value: YAMLTree)] = []
            for (key, value) in mapping {
                guard case .scalar(let scalar) = key else {
                    throw YAMLSyntaxError(message: "mapping keys must be plain values", line: key.mark?.line ?? line)
                }
                entries.append((scalar.string, key.mark?.line ?? line, try convert(value)))
            }
            return .mapping(entries, line: line)
        case .alias(let alias):
            throw YAMLSyntaxError(message: "unresolved alias '\(alias.anchor)'", line: alias.mark?.line ?? line)
        }
    }
}

struct YAMLSyntaxError: Error {
    let message: String
    let line: Int?

    init(message: String, line: Int?) {
        self.message = message
        self.line = line
    }

    init(_ error: YamlError) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            self.init(message: "YAML syntax error: \(problem)", line: mark.line)
        case .duplicatedKeysInMapping(let duplicates, let context):
            self.init(
                message: "duplicate key " + duplicates.map { "'\($0)'" }.joined(separator: ", "),
                line: context.mark.line
            )
        case .reader(let problem, _, _, _):
            self.init(message: "cannot read the YAML: \(problem)", line: nil)
        default:
            self.init(message: "YAML error: \(error)", line: nil)
        }
    }
}
