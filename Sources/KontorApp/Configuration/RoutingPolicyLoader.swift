import Foundation
import KontorAllocation
import Yams

/// Reads the allocation worker's ``RoutingPolicy`` from its YAML file (`allocation.policy`).
public enum RoutingPolicyLoader {
    /// The policy in the YAML file at `path`; a missing file gives the built-in defaults.
    /// - Throws: ``ConfigurationError`` naming the file and the field that is wrong.
    public static func load(path: String) throws -> RoutingPolicy {
        guard FileManager.default.fileExists(atPath: path) else { return RoutingPolicy() }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError("allocation.policy: cannot read \(path): \(error.localizedDescription)")
        }
        return try decode(text, file: path)
    }

    /// Decodes and checks a policy from YAML text; `file` names it in errors.
    public static func decode(_ text: String, file: String) throws -> RoutingPolicy {
        let policy: RoutingPolicy
        do {
            policy = try YAMLDecoder().decode(RoutingPolicy.self, from: text)
        } catch let error as DecodingError {
            throw ConfigurationError("allocation.policy: \(file): \(describe(error))")
        } catch {
            throw ConfigurationError("allocation.policy: \(file): not valid YAML: \(error)")
        }
        do {
            try policy.validate()
        } catch {
            throw ConfigurationError("allocation.policy: \(file): \(error.field): \(error.message)")
        }
        return policy
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return "policy" + text
        }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): missing"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
