import Foundation

/// A checked remote path. Absolute paths start with "/"; other paths are relative to the user's home
/// directory on the server (libcurl's "/~/" URL prefix; the server's working directory for commands).
struct SFTPPath: Sendable, Equatable {
    let value: String

    /// Refuses paths that cannot travel in a URL and a libcurl quote command unchanged.
    init(_ value: String, baseURL: String) throws(SFTPError) {
        let problem: String? =
            if value.isEmpty {
                "the path is empty"
            } else if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                "the path \(value.debugDescription) contains a control character"
            } else {
                nil
            }
        if let problem {
            throw SFTPError(kind: .invalidPath, message: problem, url: baseURL)
        }
        self.value = value
    }

    var isAbsolute: Bool { value.hasPrefix("/") }

    /// The path's components, without empty ones (so "a//b/" is "a", "b").
    var components: [Substring] { value.split(separator: "/") }

    /// The last component ("" for "/").
    var name: String { components.last.map(String.init) ?? "" }

    /// The path of the parent directory, keeping absolute or home-relative form.
    var parent: String {
        let parents = components.dropLast().joined(separator: "/")
        return isAbsolute ? "/" + parents : parents
    }

    /// A sibling in the same directory.
    func sibling(named name: String) -> String {
        let parent = parent
        return parent.isEmpty ? name : (parent.hasSuffix("/") ? parent + name : parent + "/" + name)
    }

    /// The absolute or home-relative paths of every ancestor and the path itself ("/a/b" → "/a", "/a/b").
    var prefixes: [String] {
        var result: [String] = []
        var current = isAbsolute ? "/" : ""
        for component in components {
            current += (current.isEmpty || current == "/" ? "" : "/") + component
            result.append(current)
        }
        return result
    }

    /// The URL path: each component percent-encoded, home-relative paths under "/~/".
    func urlPath(directory: Bool) -> String {
        let encoded = components.map(Self.percentEncoded).joined(separator: "/")
        var path = (isAbsolute ? "/" : "/~/") + encoded
        if directory && !path.hasSuffix("/") { path += "/" }
        return path
    }

    /// The path as one argument of a libcurl quote command: double-quoted, with `\` and `"` escaped.
    var quoted: String { Self.quote(value) }

    /// Quotes a path (already checked as part of an ``SFTPPath``) as a quote-command argument.
    static func quote(_ path: String) -> String {
        "\"" + path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters, byte by byte in UTF-8.
    static func percentEncoded(_ component: Substring) -> String {
        var result = ""
        for byte in component.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += byte < 0x10 ? "%0" + hex : "%" + hex
            }
        }
        return result
    }
}
