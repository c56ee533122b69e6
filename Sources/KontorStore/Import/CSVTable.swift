import Foundation
import KontorModel

/// A CSV file with a header row, read into rows whose fields are looked up by column name. The header must name
/// every required column, may name optional ones, and nothing else (a misspelt column is an error, not ignored).
struct CSVTable {
    let file: String
    let rows: [CSVRow]

    /// Parses `text` and checks the header against the columns.
    init(text: String, file: String, required: [String], optional: [String]) throws {
        let records = try CSVParser.parse(text, file: file)
        guard let header = records.first else {
            throw CSVImportError(file: file, row: nil, column: nil, message: "the file is empty; expected a header row")
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() {
            guard required.contains(name) || optional.contains(name) else {
                throw CSVImportError(
                    file: file,
                    row: 1,
                    column: name,
                    message: "unknown column; expected \((required + optional).joined(separator: ", "))"
                )
            }
            guard index[name] == nil else {
                throw CSVImportError(file: file, row: 1, column: name, message: "the column appears twice")
            }
            index[name] = position
        }
        for name in required where index[name] == nil {
            throw CSVImportError(file: file, row: 1, column: name, message: "required column missing from the header")
        }
        var rows: [CSVRow] = []
        for (offset, record) in records.dropFirst().enumerated() {
            let row = offset + 2
            guard record.fields.count == names.count else {
                throw CSVImportError(
                    file: file,
                    row: row,
                    column: nil,
                    message: "\(record.fields.count) fields, but the header has \(names.count) columns"
                )
            }
            rows.append(CSVRow(file: file, number: row, fields: record.fields, index: index))
        }
        self.file = file
        self.rows = rows
    }
}

/// One data row; accessors trim surrounding spaces and throw errors naming the file, row and column.
struct CSVRow {
    let file: String
    /// The row number, the header being row 1.
    let number: Int
    let fields: [String]
    let index: [String: Int]

    func error(_ column: String, _ message: String) -> CSVImportError {
        CSVImportError(file: file, row: number, column: column, message: message)
    }

    /// The trimmed text, `nil` when empty or the column is absent.
    func optionalText(_ column: String) -> String? {
        guard let position = index[column] else { return nil }
        let value = fields[position].trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }

    func text(_ column: String) throws -> String {
        guard let value = optionalText(column) else { throw error(column, "a value is required") }
        return value
    }

    func optionalInt(_ column: String, minimum: Int = 0) throws -> Int? {
        guard let value = optionalText(column) else { return nil }
        guard let number = Int(value) else { throw error(column, "\"\(value)\" is not a whole number") }
        guard number >= minimum else { throw error(column, "\(number) is below \(minimum)") }
        return number
    }

    func int(_ column: String, minimum: Int = 0) throws -> Int {
        guard let number = try optionalInt(column, minimum: minimum) else { throw error(column, "a value is required") }
        return number
    }

    func optionalDouble(_ column: String, range: ClosedRange<Double>) throws -> Double? {
        guard let value = optionalText(column) else { return nil }
        guard let number = Double(value), range.contains(number) else {
            throw error(column, "\"\(value)\" is not a number in \(range.lowerBound)...\(range.upperBound)")
        }
        return number
    }

    func optionalDecimal(_ column: String) throws -> DecimalAmount? {
        guard let value = optionalText(column) else { return nil }
        guard let amount = DecimalAmount(value), !amount.isNegative else {
            throw error(column, "\"\(value)\" is not an amount like 19.99")
        }
        return amount
    }

    func optionalCurrency(_ column: String) throws -> CurrencyCode? {
        guard let value = optionalText(column) else { return nil }
        guard let code = CurrencyCode(value), code.isISO4217 else {
            throw error(column, "\"\(value)\" is not an ISO 4217 currency code like EUR")
        }
        return code
    }

    func country(_ column: String) throws -> CountryCode {
        let value = try text(column)
        guard let code = CountryCode(value), code.isISO3166 else {
            throw error(column, "\"\(value)\" is not an ISO 3166-1 alpha-2 country code like DE")
        }
        return code
    }

    func optionalGTIN(_ column: String) throws -> GTIN? {
        guard let value = optionalText(column) else { return nil }
        guard let gtin = GTIN(value) else {
            throw error(column, "\"\(value)\" is not a valid GTIN (8, 12, 13 or 14 digits with a correct check digit)")
        }
        return gtin
    }

    /// `true`/`false`, `yes`/`no` or `1`/`0` (any case); `defaultValue` when empty.
    func bool(_ column: String, default defaultValue: Bool) throws -> Bool {
        guard let value = optionalText(column) else { return defaultValue }
        switch value.lowercased() {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default: throw error(column, "\"\(value)\" is not true or false")
        }
    }
}

/// How many records an import stored.
public struct CSVImportSummary: Sendable, Hashable {
    /// The file's name as given to the importer.
    public var file: String

    /// Records stored (inserted or replaced).
    public var records: Int

    /// Creates a summary.
    public init(file: String, records: Int) {
        self.file = file
        self.records = records
    }
}

/// Reading an import file, with an error naming it when it cannot be read.
enum CSVFile {
    static func read(_ path: String) throws -> (text: String, name: String) {
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CSVImportError(file: path, row: nil, column: nil, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CSVImportError(file: name, row: nil, column: nil, message: "the file is not UTF-8 text")
        }
        return (text, name)
    }
}
