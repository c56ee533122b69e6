import Foundation
import KontorModel

/// Reads a WMS's confirmation: the canonical ``WarehouseConfirmation`` JSON, or a WMS's own JSON through a
/// ``WarehouseConfirmationMapping`` named by `format`. Checks what every confirmation needs (ids, a positive number
/// of pieces per line, missing pieces for a short pick), naming the field.
public struct WarehouseConfirmationReader: Sendable {
    /// The format name of the canonical JSON.
    public static let canonicalFormat = "canonical"

    /// The loaded mappings by name.
    public let mappings: [String: WarehouseConfirmationMapping]

    /// A reader with these mappings.
    public init(mappings: [String: WarehouseConfirmationMapping] = [:]) {
        self.mappings = mappings
    }

    /// A reader with every `<mappingsDirectory>/<name>/confirmation.yaml`.
    public init(mappingsDirectory: String) throws {
        self.init(mappings: try WarehouseConfirmationMapping.loadAll(directory: mappingsDirectory))
    }

    /// The confirmation in `body`. Without a `format`, a body with a `confirmationId` and `kind` is canonical; else
    /// the one mapping whose kind field the body has is used.
    public func read(_ body: [UInt8], format: String?) throws(WarehouseConfirmationError) -> WarehouseConfirmation {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            throw WarehouseConfirmationError(.malformed, field: "", "the body is not a JSON object")
        }
        let mapping: WarehouseConfirmationMapping?
        switch format {
        case nil:
            if object["confirmationId"] != nil && object["kind"] != nil {
                mapping = nil
            } else {
                mapping = mappings.values.sorted { $0.name < $1.name }.first {
                    WarehouseConfirmationMapping.value(at: $0.kindFrom, in: object) != nil
                }
            }
        case .some(Self.canonicalFormat):
            mapping = nil
        case let name?:
            guard let named = mappings[name] else {
                throw WarehouseConfirmationError(
                    .unknownFormat,
                    field: "format",
                    "'\(name)' is not a confirmation format ("
                        + ([Self.canonicalFormat] + mappings.keys.sorted()).joined(separator: ", ") + ")"
                )
            }
            mapping = named
        }
        var canonical = object
        if let mapping { canonical = try mapping.translate(object) }
        // Empty lists may be left out.
        for list in ["lines", "shortLines", "parcels"] where canonical[list] == nil || canonical[list] is NSNull {
            canonical[list] = [Any]()
        }
        let confirmation: WarehouseConfirmation
        do {
            let data = try JSONSerialization.data(withJSONObject: canonical)
            confirmation = try CanonicalJSON.decode(WarehouseConfirmation.self, from: data)
        } catch let error as OrderDecodingError {
            let field = mapping.map { "\($0.name) → \(error.field)" } ?? error.field
            throw WarehouseConfirmationError(.invalid, field: field, error.message)
        } catch {
            throw WarehouseConfirmationError(.invalid, field: "", "\(error)")
        }
        try Self.check(confirmation)
        return confirmation
    }

    /// What every confirmation needs, canonical or mapped.
    public static func check(_ confirmation: WarehouseConfirmation) throws(WarehouseConfirmationError) {
        for (field, value) in [
            ("confirmationId", confirmation.confirmationId), ("taskId", confirmation.taskId),
            ("orderId", confirmation.orderId.rawValue),
        ] where value.trimmingCharacters(in: .whitespaces).isEmpty {
            throw WarehouseConfirmationError(.invalid, field: field, "must not be empty")
        }
        for (list, lines) in [("lines", confirmation.lines), ("shortLines", confirmation.shortLines)] {
            for (index, line) in lines.enumerated() {
                if line.lineNumber.isEmpty {
                    throw WarehouseConfirmationError(
                        .invalid,
                        field: "\(list)[\(index)].lineNumber",
                        "must not be empty"
                    )
                }
                if line.quantity < 1 {
                    throw WarehouseConfirmationError(
                        .invalid,
                        field: "\(list)[\(index)].quantity",
                        "\(line.quantity) is not a number of pieces (at least 1)"
                    )
                }
            }
        }
        if confirmation.kind == .shortPicked && confirmation.shortLines.isEmpty {
            throw WarehouseConfirmationError(
                .invalid,
                field: "shortLines",
                "a short-picked confirmation names the missing pieces"
            )
        }
    }
}
