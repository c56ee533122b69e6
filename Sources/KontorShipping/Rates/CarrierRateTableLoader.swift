import Foundation
import KontorModel
import Yams

/// Reads and checks a ``CarrierRateTable`` from YAML (`connectors/carriers/rates.yaml`).
public enum CarrierRateTableLoader {
    /// The rate table in the YAML file at `path`.
    /// - Throws: ``CarrierRateTableError`` naming the file and the YAML path that is wrong.
    public static func load(path: String) throws(CarrierRateTableError) -> CarrierRateTable {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CarrierRateTableError(file: path, path: "", message: "cannot read: \(error.localizedDescription)")
        }
        return try decode(text, file: path)
    }

    /// Decodes and checks a rate table from YAML text; `file` names it in errors.
    public static func decode(_ text: String, file: String) throws(CarrierRateTableError) -> CarrierRateTable {
        let table: CarrierRateTable
        do {
            table = try YAMLDecoder().decode(CarrierRateTable.self, from: text)
        } catch let error as DecodingError {
            let (path, message) = describe(error)
            throw CarrierRateTableError(file: file, path: path, message: message)
        } catch {
            throw CarrierRateTableError(file: file, path: "", message: "not valid YAML: \(error)")
        }
        try CarrierRateTableValidation(file: file).validate(table)
        return table
    }

    private static func describe(_ error: DecodingError) -> (path: String, message: String) {
        func path(_ codingPath: [any CodingKey]) -> String {
            var text = ""
            for key in codingPath {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
            return text
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            // Yams reports a syntax error this way; its underlying error has the line and column.
            return ("", "not valid YAML: \(context.underlyingError.map { "\($0)" } ?? context.debugDescription)")
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return (path(context.codingPath), context.debugDescription)
        case .keyNotFound(let key, let context):
            return (path(context.codingPath + [key]), "missing")
        @unknown default:
            return ("", "\(error)")
        }
    }
}
