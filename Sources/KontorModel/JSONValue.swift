import Foundation

/// A parsed JSON document, used on the error path to say what was found where something else was expected.
enum JSONValue: Decodable {
    case null
    case bool(Bool)
    case number
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        if let container = try? decoder.singleValueContainer() {
            if container.decodeNil() {
                self = .null
                return
            }
            if let bool = try? container.decode(Bool.self) {
                self = .bool(bool)
                return
            }
            if let string = try? container.decode(String.self) {
                self = .string(string)
                return
            }
        }
        if var array = try? decoder.unkeyedContainer() {
            var elements: [JSONValue] = []
            while !array.isAtEnd { elements.append(try array.decode(JSONValue.self)) }
            self = .array(elements)
            return
        }
        if let members = try? [String: JSONValue](from: decoder) {
            self = .object(members)
            return
        }
        // Whatever is left of well-formed JSON is a number, even one too large for any Swift number type.
        self = .number
    }

    /// The value at a coding path, if the path exists.
    func value(at codingPath: [any CodingKey]) -> JSONValue? {
        var current = self
        for key in codingPath {
            switch current {
            case .object(let members):
                guard let member = members[key.stringValue] else { return nil }
                current = member
            case .array(let elements):
                guard let index = key.intValue, elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// `"a number"`, `"an object"`, ...
    var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
