/// Matching postal codes against a zone's prefixes.
enum PostalCodeMatch {
    /// Upper-cased, without spaces or dashes: `"5928 pr"` → `"5928PR"`.
    static func normalized(_ postalCode: String) -> String {
        String(postalCode.uppercased().filter { $0 != " " && $0 != "-" })
    }

    /// The length of the longest prefix in `prefixes` that `postalCode` starts with, or `nil` when none matches.
    static func longestMatch(_ postalCode: String?, prefixes: [String]) -> Int? {
        guard let postalCode else { return nil }
        let code = normalized(postalCode)
        return prefixes.map(normalized).filter { !$0.isEmpty && code.hasPrefix($0) }.map(\.count).max()
    }
}
