import KontorModel

/// Amounts as both backends store them: the decimal text (`TEXT` in SQLite, `NUMERIC` read back as text in
/// PostgreSQL), so the written scale survives.
enum StoredAmount {
    /// The amount of a stored text; `nil` for NULL.
    static func parse(_ text: String?) -> DecimalAmount? {
        guard let text else { return nil }
        return DecimalAmount(text)
    }
}
