import Foundation

/// A CSV document with a header row (RFC 4180): quoted fields with `""` escapes and line breaks, CRLF, LF or CR
/// line ends, an optional UTF-8 byte order mark, a configurable delimiter and encoding.
struct CSVTable {
    /// The column names from the header row, trimmed of surrounding spaces.
    let header: [String]
    /// The data rows; each has exactly `header.count` fields.
    let rows: [[String]]
    /// The record number of each row in the file (the header is row 1), for error messages.
    let rowNumbers: [Int]
    /// Column name → index of its first occurrence.
    let columnIndex: [String: Int]

    init(parsing input: [UInt8], options: CSVOptions) throws(MappingError) {
        let bytes = try Self.utf8(input, encoding: options.encoding)
        let records = try Self.records(bytes, delimiter: options.delimiter)
        // Blank lines (a record of one empty field) carry nothing; skip them, including the usual trailing one.
        let meaningful = records.filter { !($0.fields.count == 1 && $0.fields[0].isEmpty) }
        guard let first = meaningful.first else { throw .malformedInput("not valid CSV: the document is empty") }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var index: [String: Int] = [:]
        for (offset, name) in header.enumerated() where index[name] == nil { index[name] = offset }
        columnIndex = index
        var rows: [[String]] = []
        var numbers: [Int] = []
        for record in meaningful.dropFirst() {
            guard record.fields.count == header.count else {
                throw .malformedInput(
                    "not valid CSV: row \(record.number) has \(record.fields.count) fields but the header has "
                        + "\(header.count)"
                )
            }
            rows.append(record.fields)
            numbers.append(record.number)
        }
        self.rows = rows
        self.rowNumbers = numbers
    }

    private struct Record {
        var fields: [String]
        var number: Int
    }

    /// Converts the input to UTF-8, dropping a UTF-8 byte order mark.
    private static func utf8(_ input: [UInt8], encoding: CSVEncoding) throws(MappingError) -> [UInt8] {
        switch encoding {
        case .utf8:
            return input.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(input.dropFirst(3)) : input
        case .iso88591, .windows1252:
            var output: [UInt8] = []
            output.reserveCapacity(input.count + input.count / 8)
            for byte in input {
                var scalar = Unicode.Scalar(byte)
                if encoding == .windows1252, (0x80...0x9F).contains(byte) {
                    guard let mapped = Unicode.Scalar(windows1252High[Int(byte - 0x80)]), mapped.value != 0 else {
                        throw .malformedInput("not valid windows-1252: undefined byte 0x\(String(byte, radix: 16))")
                    }
                    scalar = mapped
                }
                output.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
            return output
        }
    }

    /// Windows-1252 code points for bytes 0x80...0x9F (0 where undefined).
    private static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E,
        0x0178,
    ]

    private static func records(_ bytes: [UInt8], delimiter: UInt8) throws(MappingError) -> [Record] {
        let quote = UInt8(ascii: "\"")
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var index = 0
        var recordNumber = 1
        var fieldWasQuoted = false

        func finishField() throws(MappingError) {
            guard let text = String(validating: field, as: UTF8.self) else {
                throw .malformedInput("not valid CSV: invalid UTF-8 in row \(recordNumber)")
            }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func finishRecord() throws(MappingError) {
            try finishField()
            records.append(Record(fields: fields, number: recordNumber))
            fields.removeAll(keepingCapacity: true)
            recordNumber += 1
        }

        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote && field.isEmpty && !fieldWasQuoted {
                // A quoted field: up to the closing quote; "" is a quote.
                fieldWasQuoted = true
                index += 1
                var closed = false
                while index < bytes.count {
                    if bytes[index] == quote {
                        if index + 1 < bytes.count, bytes[index + 1] == quote {
                            field.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    field.append(bytes[index])
                    index += 1
                }
                guard closed else {
                    throw .malformedInput("not valid CSV: unterminated quoted field in row \(recordNumber)")
                }
                if index < bytes.count, bytes[index] != delimiter, bytes[index] != cr, bytes[index] != lf {
                    throw .malformedInput(
                        "not valid CSV: unexpected text after a closing quote in row \(recordNumber)"
                    )
                }
                continue
            }
            if byte == delimiter {
                try finishField()
                index += 1
            } else if byte == cr || byte == lf {
                try finishRecord()
                index += 1
                if byte == cr, index < bytes.count, bytes[index] == lf { index += 1 }
            } else {
                field.append(byte)
                index += 1
            }
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { try finishRecord() }
        return records
    }
}

/// A position in a CSV document: the rows of one order, and the current row inside `lines:`.
struct CSVContext {
    /// Indexes into ``CSVTable/rows``.
    let rows: [Int]
    let current: Int?
}

/// Reads columns of a ``CSVTable``. At order level a column reads the order's first row; `column[*]` reads every row.
struct CSVAccess: SourceAccess {
    let table: CSVTable

    var rootContext: CSVContext { CSVContext(rows: Array(table.rows.indices), current: nil) }

    func items(_ selector: Selector, in context: CSVContext) throws(MappingError) -> [SourceItem] {
        guard case .column(let name, let allRows) = selector.kind, let column = table.columnIndex[name] else {
            return []
        }
        let rows: [Int]
        if allRows {
            rows = context.rows
        } else if let row = context.current ?? context.rows.first {
            rows = [row]
        } else {
            rows = []
        }
        return rows.map { row in
            SourceItem(value: .text(table.rows[row][column]), path: location(row: row, column: name))
        }
    }

    func contexts(_ selector: Selector, in context: CSVContext) throws(MappingError) -> [CSVContext] {
        lineContexts(in: context)
    }

    func groups(by column: String, in context: CSVContext) throws(MappingError) -> [CSVContext] {
        guard let index = table.columnIndex[column] else {
            throw .unmappable(
                "the groupBy column is not in the header (\(table.header.map { "\"\($0)\"" }.joined(separator: ", ")))",
                field: "column \"\(column)\"",
                canonicalField: nil
            )
        }
        var order: [String] = []
        var groups: [String: [Int]] = [:]
        for row in context.rows {
            let key = table.rows[row][index]
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        return order.map { CSVContext(rows: groups[$0]!, current: nil) }
    }

    func lineContexts(in order: CSVContext) -> [CSVContext] {
        order.rows.map { CSVContext(rows: order.rows, current: $0) }
    }

    func describe(_ selector: Selector, in context: CSVContext) -> String {
        guard case .column(let name, let allRows) = selector.kind else { return selector.text }
        guard table.columnIndex[name] != nil else { return "column \"\(name)\" (not in the header)" }
        guard !allRows, let row = context.current ?? context.rows.first else { return "column \"\(name)\"" }
        return location(row: row, column: name)
    }

    func path(of context: CSVContext) -> String {
        guard let row = context.current ?? context.rows.first else { return "row 1" }
        return "row \(table.rowNumbers[row])"
    }

    private func location(row: Int, column: String) -> String {
        "row \(table.rowNumbers[row]), column \"\(column)\""
    }
}
