import Foundation

/// Reading and writing Kontor's JSON: canonical orders and event envelopes.
///
/// Encoding sorts keys, does not escape slashes, leaves out `nil` optionals and writes decimals as strings, so the
/// same value always gives the same bytes. Decoding enforces the structural rules of the JSON Schemas in `schemas/`
/// (required fields, types, decimal strings, code and date formats, at least one line, major schema version 1) and
/// reports violations as ``OrderDecodingError`` with the field path. Deliberately more lenient than the schemas:
/// unknown fields are ignored, and an explicit `null` for an optional field counts as absent. Slightly stricter:
/// dates must exist in the calendar.
public struct CanonicalJSON: Sendable {
    private init() {}

    // MARK: Decoding

    /// Decodes a canonical order.
    public static func decodeOrder(from data: Data) throws(OrderDecodingError) -> CanonicalOrder {
        let fast = data.withUnsafeBytes { raw in fastOrder(raw.bindMemory(to: UInt8.self)) }
        if let fast { return fast }
        return try decode(CanonicalOrder.self, from: data)
    }

    /// Decodes a canonical order from bytes, e.g. an HTTP body or a Kafka message value.
    public static func decodeOrder(from bytes: some Collection<UInt8>) throws(OrderDecodingError) -> CanonicalOrder {
        if let fast = bytes.withContiguousStorageIfAvailable(fastOrder), let fast { return fast }
        return try decodeOrder(from: Data(bytes))
    }

    /// Builds an order straight from a JSON object as `JSONSerialization` takes it (a dictionary of strings,
    /// dictionaries and arrays), without writing and decoding JSON; `nil` when the object is not a valid order.
    ///
    /// For readers that assemble such dictionaries: on `nil`, encode the object and decode it with
    /// ``decodeOrder(from:)-(Data)`` for the precise ``OrderDecodingError``.
    public static func order(fromJSONObject object: [String: Any]) -> CanonicalOrder? {
        guard case .object(let members)? = tree(object) else { return nil }
        return CanonicalOrderBuilder.order(members)
    }

    private static func tree(_ value: Any) -> CanonicalTree? {
        switch value {
        case let text as String:
            return .string(text)
        case let object as [String: Any]:
            var members: [String: CanonicalTree] = [:]
            members.reserveCapacity(object.count)
            for (key, member) in object {
                guard let converted = tree(member) else { return nil }
                members[key] = converted
            }
            return .object(members)
        case let array as [Any]:
            var elements: [CanonicalTree] = []
            elements.reserveCapacity(array.count)
            for element in array {
                guard let converted = tree(element) else { return nil }
                elements.append(converted)
            }
            return .array(elements)
        case is NSNull:
            return .null
        default:
            // Numbers, booleans and anything else: never valid in an order; leave the verdict to the slow path.
            return nil
        }
    }

    /// A valid order parsed and built without `JSONDecoder` (several times faster); `nil` for anything unusual,
    /// which then goes through `JSONDecoder` for the precise ``OrderDecodingError``.
    private static func fastOrder(_ bytes: UnsafeBufferPointer<UInt8>) -> CanonicalOrder? {
        guard case .object(let members)? = CanonicalTreeParser.parse(bytes) else { return nil }
        return CanonicalOrderBuilder.order(members)
    }

    /// Decodes an event envelope with the given payload type.
    public static func decodeEvent<Payload>(
        _ payload: Payload.Type,
        from data: Data
    ) throws(OrderDecodingError) -> EventEnvelope<Payload> {
        try decode(EventEnvelope<Payload>.self, from: data)
    }

    /// Decodes an event envelope with the given payload type from bytes.
    public static func decodeEvent<Payload>(
        _ payload: Payload.Type,
        from bytes: some Collection<UInt8>
    ) throws(OrderDecodingError) -> EventEnvelope<Payload> {
        try decode(EventEnvelope<Payload>.self, from: Data(bytes))
    }

    /// Decodes only the envelope attributes of an event, skipping its payload.
    public static func decodeEventHeader(from data: Data) throws(OrderDecodingError) -> EventHeader {
        try decode(EventHeader.self, from: data)
    }

    /// Decodes only the envelope attributes of an event from bytes, skipping its payload.
    public static func decodeEventHeader(from bytes: some Collection<UInt8>) throws(OrderDecodingError) -> EventHeader {
        try decode(EventHeader.self, from: Data(bytes))
    }

    /// Decodes any `Decodable` with Kontor's settings, translating failures into ``OrderDecodingError``.
    public static func decode<Value: Decodable>(
        _ type: Value.Type,
        from data: Data
    ) throws(OrderDecodingError) -> Value {
        let decoder = makeDecoder()
        do {
            return try decoder.decode(Value.self, from: data)
        } catch let error as DecodingError {
            let document: JSONValue
            do {
                document = try decoder.decode(JSONValue.self, from: data)
            } catch {
                throw OrderDecodingError(kind: .malformedJSON, field: "", message: malformedMessage(data))
            }
            throw OrderDecodingError(error, in: document)
        } catch {
            throw OrderDecodingError(kind: .schemaViolation, field: "", message: "\(error)")
        }
    }

    // MARK: Encoding

    /// Encodes an order canonically (sorted keys, no escaped slashes, compact unless `prettyPrinted`).
    public static func encodeOrder(_ order: CanonicalOrder, prettyPrinted: Bool = false) -> Data {
        // Cannot fail: every model type encodes strings, arrays and objects only.
        try! encode(order, prettyPrinted: prettyPrinted)
    }

    /// Encodes an event envelope canonically. Throws only if the payload's own encoding throws.
    public static func encodeEvent<Payload>(
        _ event: EventEnvelope<Payload>,
        prettyPrinted: Bool = false
    ) throws -> Data {
        try encode(event, prettyPrinted: prettyPrinted)
    }

    /// Encodes any `Encodable` with Kontor's settings.
    public static func encode(_ value: some Encodable, prettyPrinted: Bool = false) throws -> Data {
        try makeEncoder(prettyPrinted: prettyPrinted).encode(value)
    }

    /// A `JSONEncoder` with Kontor's settings: sorted keys, unescaped slashes, `Date` as RFC 3339 UTC with
    /// microseconds.
    public static func makeEncoder(prettyPrinted: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            prettyPrinted
            ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
            : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp(date).rfc3339String)
        }
        return encoder
    }

    /// A `JSONDecoder` with Kontor's settings: `Date` from RFC 3339 date-times with any offset.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let string = try container.decode(String.self)
            guard let timestamp = Timestamp(rfc3339: string) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "invalid date-time \"\(string)\": expected RFC 3339"
                )
            }
            return timestamp.date
        }
        return decoder
    }

    private static func malformedMessage(_ data: Data) -> String {
        guard !data.isEmpty else { return "not valid JSON: the document is empty" }
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch let error as NSError {
            if let detail = error.userInfo[NSDebugDescriptionErrorKey] as? String {
                return "not valid JSON: \(detail)"
            }
        } catch {}
        return "not valid JSON"
    }
}
