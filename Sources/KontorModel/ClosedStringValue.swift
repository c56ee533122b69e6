/// A string newtype whose wire values form a fixed list (`customerType`, `payment.status`, `delivery.method`).
///
/// Decoding rejects values outside ``CaseIterable/allCases``, mirroring the `enum` in the JSON Schema. New values are
/// added as static members, which does not break source compatibility the way a new `enum` case would.
protocol ClosedStringValue: CheckedStringValue, CaseIterable where AllCases == [Self] {
    /// Wraps one of the known values, for the type's static members.
    init(unchecked rawValue: String)
}

extension ClosedStringValue {
    /// Accepts only the known values.
    public init?(rawValue: String) {
        guard Self.allCases.contains(where: { $0.rawValue == rawValue }) else { return nil }
        self.init(unchecked: rawValue)
    }

    /// `one of "b2c", "b2b"`.
    static var expectedFormat: String? {
        "one of " + allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
    }
}
