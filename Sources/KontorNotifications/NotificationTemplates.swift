import Foundation
import Mustache

/// A notification written out for one customer: subject, plain text and HTML.
public struct RenderedNotification: Sendable, Hashable {
    public var subject: String
    public var text: String
    public var html: String

    public init(subject: String, text: String, html: String) {
        self.subject = subject
        self.text = text
        self.html = html
    }
}

/// A template that cannot be used, naming the file (and line, for a syntax error).
public struct NotificationTemplateError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var message: String

    public var description: String {
        line.map { "template \(file):\($0): \(message)" } ?? "template \(file): \(message)"
    }
}

/// The Mustache templates under `<directory>/<brand>/<language>/<template>.mustache`.
///
/// One file holds the three parts, each after a marker line of its own: `=== subject ===` (one line), `=== text ===`
/// and `=== html ===`. Subject and text are plain text (values inserted as they are); the HTML part escapes values
/// (`{{name}}`; `{{{name}}}` inserts as is). A brand needs only the templates it changes: a file missing in the
/// order's brand is taken from the default brand in the same language. Files are read on every use, so edited
/// templates apply without a restart.
public struct NotificationTemplates: Sendable {
    /// The templates folder.
    public var directory: String

    /// The brand whose templates stand in for a brand's missing ones.
    public var defaultBrand: String

    public init(directory: String, defaultBrand: String) {
        self.directory = directory
        self.defaultBrand = defaultBrand
    }

    /// The marker lines, in the order they must appear.
    public static let markers = ["=== subject ===", "=== text ===", "=== html ==="]

    /// The file `template` is read from for `brand` and `language`.
    public func file(_ template: NotificationTemplate, brand: String, language: String)
        throws(NotificationTemplateError)
        -> String
    {
        let own = path(template, brand: brand, language: language)
        if FileManager.default.fileExists(atPath: own) { return own }
        let fallback = path(template, brand: defaultBrand, language: language)
        if brand != defaultBrand, FileManager.default.fileExists(atPath: fallback) { return fallback }
        throw NotificationTemplateError(
            file: own,
            message: brand == defaultBrand
                ? "missing: no \(template) template for language '\(language)'"
                : "missing: no \(template) template for language '\(language)' in brand '\(brand)' nor in the "
                    + "default brand (\(fallback))"
        )
    }

    /// Renders `template` with `values` (a tree of `[String: Any]`, arrays, strings and booleans).
    public func render(
        _ template: NotificationTemplate,
        brand: String,
        language: String,
        values: [String: Any]
    ) throws(NotificationTemplateError) -> RenderedNotification {
        let file = try file(template, brand: brand, language: language)
        let source: String
        do {
            source = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw NotificationTemplateError(file: file, message: "cannot read: \(error.localizedDescription)")
        }
        return try Self.render(source: source, file: file, values: values)
    }

    /// Renders template text (as read from `file`, which names it in errors).
    public static func render(source: String, file: String, values: [String: Any]) throws(NotificationTemplateError)
        -> RenderedNotification
    {
        let parts = try split(source, file: file)
        let subject = try compile(parts[0], file: file, html: false).render(values)
        let text = try compile(parts[1], file: file, html: false).render(values)
        let html = try compile(parts[2], file: file, html: true).render(values)
        // A subject is one line: line breaks from values or the file would end the header.
        let oneLine = subject.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        guard !oneLine.isEmpty else {
            throw NotificationTemplateError(file: file, message: "the subject is empty after rendering")
        }
        return RenderedNotification(subject: oneLine, text: text, html: html)
    }

    private func path(_ template: NotificationTemplate, brand: String, language: String) -> String {
        "\(directory)/\(brand)/\(language)/\(template.rawValue).mustache"
    }

    /// The three parts, each with the line number (1-based) of its first line.
    private static func split(_ source: String, file: String) throws(NotificationTemplateError)
        -> [(text: String, firstLine: Int)]
    {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        var starts: [Int] = []
        for marker in markers {
            guard let index = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == marker }) else {
                throw NotificationTemplateError(file: file, message: "the line '\(marker)' is missing")
            }
            if let previous = starts.last, index < previous {
                throw NotificationTemplateError(
                    file: file,
                    line: index + 1,
                    message: "'\(marker)' must come after '\(markers[starts.count - 1])'"
                )
            }
            starts.append(index)
        }
        return (0..<3).map { part in
            let end = part < 2 ? starts[part + 1] : lines.count
            return (lines[(starts[part] + 1)..<end].joined(separator: "\n"), starts[part] + 2)
        }
    }

    private static func compile(_ part: (text: String, firstLine: Int), file: String, html: Bool)
        throws(NotificationTemplateError) -> MustacheTemplate
    {
        do {
            return try MustacheTemplate(string: html ? part.text : "{{% CONTENT_TYPE: TEXT}}" + part.text)
        } catch let error as MustacheTemplate.ParserError {
            throw NotificationTemplateError(
                file: file,
                line: part.firstLine + error.context.lineNumber - 1,
                message: "\(error.error) near '\(error.context.line.trimmingCharacters(in: .whitespaces))'"
            )
        } catch {
            throw NotificationTemplateError(file: file, line: part.firstLine, message: "\(error)")
        }
    }
}
