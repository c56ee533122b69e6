import Foundation
import Yams

/// A declarative mapping from a WMS's own confirmation JSON to the canonical ``WarehouseConfirmation`` JSON, read from
/// `mappings/<name>/confirmation.yaml` (see `mappings/wms-shipment-confirmation/README.md`): dotted source paths for
/// the scalar fields, a value table for the kind, and lists (`lines`, `shortLines`, `parcels`) read from a source
/// array, each element's fields again by path. List elements whose quantity is missing or 0 are left out, so one
/// source item list can feed both `lines` and `shortLines`.
public struct WarehouseConfirmationMapping: Sendable {
    /// One list of the canonical confirmation read from a source array.
    public struct ListMapping: Sendable {
        /// The source array's path.
        public var from: String
        /// Canonical field → source path within an element.
        public var fields: [String: String]
        /// Canonical field → factor applied to a number (e.g. kilograms to grams: 1000).
        public var multiply: [String: Double]
    }

    /// The mapping's name (its directory), the `format` a request selects it with.
    public var name: String
    /// Canonical scalar field (`confirmationId`, `taskId`, `orderId`, `occurredAt`, `carrier`, `carrierService`) →
    /// source path.
    public var fields: [String: String]
    /// The source path of the kind.
    public var kindFrom: String
    /// Source value → canonical kind (`picked`, `packed`, `shipped`, `short-picked`).
    public var kindValues: [String: String]
    /// `lines`, `shortLines`, `parcels`.
    public var lists: [String: ListMapping]

    static let scalarFields: Set<String> = [
        "confirmationId", "taskId", "orderId", "occurredAt", "carrier", "carrierService",
    ]
    static let listFields: [String: Set<String>] = [
        "lines": ["lineNumber", "sku", "quantity"],
        "shortLines": ["lineNumber", "sku", "quantity"],
        "parcels": ["parcelId", "trackingNumber", "weightGrams", "lengthMm", "widthMm", "heightMm"],
    ]
    static let integerFields: Set<String> = ["quantity", "weightGrams", "lengthMm", "widthMm", "heightMm"]

    /// Loads every `<directory>/<name>/confirmation.yaml`; a missing directory means none.
    public static func loadAll(directory: String) throws -> [String: WarehouseConfirmationMapping] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [:] }
        var mappings: [String: WarehouseConfirmationMapping] = [:]
        for entry in entries.sorted() where !entry.hasPrefix(".") {
            let file = (directory as NSString).appendingPathComponent(entry + "/confirmation.yaml")
            guard FileManager.default.fileExists(atPath: file) else { continue }
            mappings[entry] = try load(file: file, name: entry)
        }
        return mappings
    }

    /// Loads one mapping file; unknown keys are errors naming the file.
    public static func load(file: String, name: String) throws -> WarehouseConfirmationMapping {
        func fail(_ message: String) -> WarehouseConfirmationError {
            WarehouseConfirmationError(.invalid, field: "", "\(file): \(message)")
        }
        let text = try String(contentsOfFile: file, encoding: .utf8)
        guard let root = try Yams.load(yaml: text) as? [String: Any] else { throw fail("not a YAML mapping") }
        for key in root.keys
        where !["format", "description", "fields", "kind", "lines", "shortLines", "parcels"].contains(key) {
            throw fail("unknown key '\(key)'")
        }
        let fields = root["fields"] as? [String: String] ?? [:]
        for key in fields.keys where !scalarFields.contains(key) {
            throw fail("fields.\(key): not a confirmation field (\(scalarFields.sorted().joined(separator: ", ")))")
        }
        guard let kind = root["kind"] as? [String: Any], let kindFrom = kind["from"] as? String,
            let values = kind["values"] as? [String: String]
        else { throw fail("kind: needs 'from' (a source path) and 'values' (source value → kind)") }
        var lists: [String: ListMapping] = [:]
        for (list, allowed) in listFields {
            guard let spec = root[list] as? [String: Any] else { continue }
            guard let from = spec["from"] as? String else {
                throw fail("\(list).from: the source array's path is required")
            }
            var paths: [String: String] = [:]
            var factors: [String: Double] = [:]
            for (key, value) in spec where key != "from" {
                guard allowed.contains(key) else { throw fail("\(list).\(key): not a field of \(list)") }
                if let path = value as? String {
                    paths[key] = path
                } else if let rule = value as? [String: Any], let path = rule["from"] as? String {
                    paths[key] = path
                    factors[key] = (rule["multiply"] as? Double) ?? (rule["multiply"] as? Int).map(Double.init)
                } else {
                    throw fail("\(list).\(key): a source path, or {from, multiply}")
                }
            }
            lists[list] = ListMapping(from: from, fields: paths, multiply: factors)
        }
        return WarehouseConfirmationMapping(
            name: name,
            fields: fields,
            kindFrom: kindFrom,
            kindValues: values,
            lists: lists
        )
    }

    /// The canonical confirmation JSON object for `source`, or the source field that is missing or wrong.
    public func translate(_ source: [String: Any]) throws(WarehouseConfirmationError) -> [String: Any] {
        var canonical: [String: Any] = [:]
        for (field, path) in fields {
            guard let value = Self.value(at: path, in: source) else { continue }
            guard let text = Self.text(value) else {
                throw WarehouseConfirmationError(.invalid, field: path, "expected text for \(field)")
            }
            canonical[field] = text
        }
        guard let kindValue = Self.value(at: kindFrom, in: source).flatMap(Self.text) else {
            throw WarehouseConfirmationError(.invalid, field: kindFrom, "missing; it says what the WMS confirms")
        }
        guard let kind = kindValues[kindValue] else {
            throw WarehouseConfirmationError(
                .invalid,
                field: kindFrom,
                "'\(kindValue)' is not one of " + kindValues.keys.sorted().joined(separator: ", ")
            )
        }
        canonical["kind"] = kind
        for (list, mapping) in lists {
            guard let raw = Self.value(at: mapping.from, in: source) else { continue }
            guard let elements = raw as? [Any] else {
                throw WarehouseConfirmationError(.invalid, field: mapping.from, "expected an array")
            }
            var out: [[String: Any]] = []
            for (index, element) in elements.enumerated() {
                guard let object = element as? [String: Any] else {
                    throw WarehouseConfirmationError(.invalid, field: "\(mapping.from)[\(index)]", "expected an object")
                }
                var item: [String: Any] = [:]
                for (field, path) in mapping.fields {
                    guard let value = Self.value(at: path, in: object) else { continue }
                    let here = "\(mapping.from)[\(index)].\(path)"
                    if Self.integerFields.contains(field) {
                        guard let number = Self.number(value) else {
                            throw WarehouseConfirmationError(.invalid, field: here, "expected a number for \(field)")
                        }
                        let scaled = (number * (mapping.multiply[field] ?? 1)).rounded()
                        guard abs(scaled) < 1e12 else {
                            throw WarehouseConfirmationError(.invalid, field: here, "out of range")
                        }
                        item[field] = Int(scaled)
                    } else {
                        guard let text = Self.text(value) else {
                            throw WarehouseConfirmationError(.invalid, field: here, "expected text for \(field)")
                        }
                        item[field] = text
                    }
                }
                // One item list may feed lines and shortLines: an item without pieces for this list is left out.
                if list != "parcels", (item["quantity"] as? Int ?? 0) == 0 { continue }
                out.append(item)
            }
            canonical[list] = out
        }
        return canonical
    }

    static func value(at path: String, in object: [String: Any]) -> Any? {
        var current: Any? = object
        for key in path.split(separator: ".") {
            current = (current as? [String: Any])?[String(key)]
        }
        return current is NSNull ? nil : current
    }

    private static func text(_ value: Any) -> String? {
        if let string = value as? String { return string }
        // JSON numbers (e.g. a numeric line reference) read as their text.
        if let number = value as? NSNumber { return number.stringValue }
        return nil
    }

    private static func number(_ value: Any) -> Double? {
        if let number = value as? NSNumber { return number.doubleValue }
        if let string = value as? String { return Double(string) }
        return nil
    }
}
