import Foundation

/// A value templates can show: text, a yes/no for `{{#section}}`, a list to repeat, or a group of named values.
public enum TemplateValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    case text(String)
    case flag(Bool)
    case list([[String: TemplateValue]])
    case object([String: TemplateValue])
    /// No value: left out, so `{{#name}}` is false (Mustache counts an empty text as true).
    case absent

    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .flag(value) }

    /// `nil` (or an empty text) becomes ``absent``, so a template can test it with `{{#name}}`.
    public static func optional(_ text: String?) -> TemplateValue {
        guard let text, !text.isEmpty else { return .absent }
        return .text(text)
    }

    /// `fields` without the absent ones, each converted by `convert`.
    public static func present(_ fields: [String: TemplateValue], _ convert: (TemplateValue) -> Any) -> [String: Any] {
        fields.filter { $0.value != .absent }.mapValues(convert)
    }

    /// The form Mustache walks: strings, booleans, arrays and dictionaries.
    public var mustacheValue: Any {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag
        case .list(let items): items.map { Self.present($0, \.mustacheValue) }
        case .object(let fields): Self.present(fields, \.mustacheValue)
        case .absent: Optional<String>.none as Any
        }
    }

    /// The form written into a webhook's JSON body.
    public var jsonValue: Any {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag
        case .list(let items): items.map { Self.present($0, \.jsonValue) }
        case .object(let fields): Self.present(fields, \.jsonValue)
        case .absent: NSNull()
        }
    }
}
