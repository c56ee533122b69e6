/// Splits RFC 4180 CSV text into records: comma-separated fields, fields in double quotes may hold commas, line
/// breaks and doubled quotes (`""`); lines end in CRLF or LF; a UTF-8 byte order mark at the start is skipped.
struct CSVParser {
    /// One record and the line it starts on (1-based).
    struct Record: Sendable {
        var line: Int
        var fields: [String]
    }

    /// Parses `text`; errors name `file` and the line. Blank lines are skipped.
    static func parse(_ text: String, file: String) throws -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var fieldWasQuoted = false
        var characters = text.unicodeScalars.makeIterator()
        var pending = characters.next()
        if pending == "\u{FEFF}" { pending = characters.next() }

        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
            field = ""
            fieldWasQuoted = false
        }

        while let scalar = pending {
            pending = characters.next()
            if inQuotes {
                if scalar == "\"" {
                    if pending == "\"" {
                        field.unicodeScalars.append("\"")
                        pending = characters.next()
                    } else {
                        inQuotes = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            case "\r" where pending == "\n":
                continue
            case "\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            case "\"":
                guard field.isEmpty && !fieldWasQuoted else {
                    throw CSVImportError(
                        file: file,
                        row: nil,
                        column: nil,
                        message: "line \(line): a quote inside an unquoted field (quote the whole field and double "
                            + "the quote: \"\"\"\")"
                    )
                }
                inQuotes = true
                fieldWasQuoted = true
            default:
                guard !fieldWasQuoted else {
                    throw CSVImportError(
                        file: file,
                        row: nil,
                        column: nil,
                        message: "line \(line): text after the closing quote of a field"
                    )
                }
                field.unicodeScalars.append(scalar)
            }
        }
        guard !inQuotes else {
            throw CSVImportError(
                file: file,
                row: nil,
                column: nil,
                message: "line \(recordLine): a quoted field is not closed before the end of the file"
            )
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        return records
    }
}
