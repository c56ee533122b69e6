/// A string newtype whose wire values form a fixed list (`customerType`, `payment.status`, `delivery.method`).
///
/// Decoding rejects values outside ``CaseIterable/allCases``, mirroring the `enum` in the JSON Schema. New values are
/// added as static members, which does not break source compatibility the way a new `enum` case would.
protocol ClosedStringValue: RawRepresentable<String>, CaseIterable, Codable where AllCases == [Self] {
    init(unchecked rawValue: String)
    static var fieldDescription: String { get }
}

extension ClosedStringValue {
    init?(validating rawValue: String) {
        guard Self.allCases.contains(where: { $0.rawValue == rawValue }) else { return nil }
        self.init(unchecked: rawValue)
    }

    static func decodeClosedValue(from decoder: any Decoder) throws -> Self {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        guard let value = Self(validating: string) else {
            let expected = allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "invalid \(fieldDescription) \"\(string)\": expected one of \(expected)"
            )
        }
        return value
    }

    func encodeClosedValue(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
