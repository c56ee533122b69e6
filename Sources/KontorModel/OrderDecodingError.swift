import Foundation

/// Why a document could not be decoded, with the JSON path of the offending field.
///
/// Thrown by every ``CanonicalJSON`` decode function. ``field`` is a path such as `lines[0].quantity` or
/// `shipTo.country`; it is empty when the problem is the document as a whole.
public struct OrderDecodingError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The kind of problem.
    public var kind: Kind

    /// The path of the offending field, e.g. `lines[0].unitPrice`; empty for the whole document.
    public var field: String

    /// What is wrong, for humans, e.g. `expected a decimal string like "12.50", found a number`.
    public var message: String

    /// Creates an error.
    public init(kind: Kind, field: String, message: String) {
        self.kind = kind
        self.field = field
        self.message = message
    }

    /// `"schema violation at lines[0].quantity: expected ..."`.
    public var description: String {
        field.isEmpty ? "\(kind): \(message)" : "\(kind) at \(field): \(message)"
    }

    /// Kinds of decoding problem.
    public struct Kind: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        /// The kind's name.
        public let rawValue: String

        /// Wraps a kind name.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// `malformed-json`: the bytes are not JSON at all.
        public static let malformedJSON = Kind(rawValue: "malformed-json")

        /// `schema-violation`: valid JSON that breaks the contract (missing field, wrong type, bad format).
        public static let schemaViolation = Kind(rawValue: "schema-violation")

        /// The name with spaces: `"malformed JSON"`, `"schema violation"`.
        public var description: String {
            switch self {
            case .malformedJSON: "malformed JSON"
            case .schemaViolation: "schema violation"
            default: rawValue
            }
        }
    }
}

extension OrderDecodingError {
    /// Translates a `DecodingError`; `document` is the well-formed JSON it happened in, to say what was found.
    init(_ error: DecodingError, in document: JSONValue?) {
        switch error {
        case .keyNotFound(let key, let context):
            self.init(
                kind: .schemaViolation,
                field: Self.path(context.codingPath + [key]),
                message: "missing required field"
            )
        case .typeMismatch(let type, let context):
            let found = document?.value(at: context.codingPath)?.kindDescription
            self.init(
                kind: .schemaViolation,
                field: Self.path(context.codingPath),
                message: "expected \(Self.expectation(for: type))" + (found.map { ", found \($0)" } ?? "")
            )
        case .valueNotFound(let type, let context):
            self.init(
                kind: .schemaViolation,
                field: Self.path(context.codingPath),
                message: "expected \(Self.expectation(for: type)), found null"
            )
        case .dataCorrupted(let context):
            self.init(kind: .schemaViolation, field: Self.path(context.codingPath), message: context.debugDescription)
        @unknown default:
            self.init(kind: .schemaViolation, field: "", message: "\(error)")
        }
    }

    /// `lines[0].quantity` from a coding path; keys that are not identifiers are written `["key"]`.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var result = ""
        for key in codingPath {
            if let index = key.intValue, key.stringValue == "Index \(index)" {
                result += "[\(index)]"
            } else if isIdentifier(key.stringValue) {
                result += result.isEmpty ? key.stringValue : "." + key.stringValue
            } else {
                let escaped = key.stringValue.replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "\"", with: "\\\"")
                result += "[\"\(escaped)\"]"
            }
        }
        return result
    }

    private static func isIdentifier(_ string: String) -> Bool {
        guard let first = string.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else {
            return false
        }
        return string.unicodeScalars.allSatisfy {
            $0 == "_" || $0 == "-" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0)
        }
    }

    private static func expectation(for type: Any.Type) -> String {
        switch type {
        case is DecimalAmount.Type: return DecimalAmount.expectation
        case is String.Type: return "a string"
        case is Bool.Type: return "a boolean"
        case is Int.Type, is Int64.Type, is Double.Type, is Decimal.Type: return "a number"
        default: break
        }
        let name = String(describing: type)
        if name.hasPrefix("Dictionary") || name.hasPrefix("[") && name.contains(":") { return "an object" }
        if name.hasPrefix("Array") || name.hasPrefix("[") { return "an array" }
        return "a value of type \(name)"
    }
}
