/// A CSV file that cannot be imported; the message names the file, the row (the header is row 1) and the column.
public struct CSVImportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file's name as given to the importer.
    public var file: String

    /// The row, counting the header as row 1; `nil` for a problem with the file as a whole.
    public var row: Int?

    /// The column's header name, when one column is at fault.
    public var column: String?

    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, row: Int?, column: String?, message: String) {
        self.file = file
        self.row = row
        self.column = column
        self.message = message
    }

    /// `catalog.csv row 4, column gtin: "4006381333932x" is not a valid GTIN`.
    public var description: String {
        var place = file
        if let row { place += " row \(row)" }
        if let column { place += (row == nil ? " " : ", ") + "column \(column)" }
        return place + ": " + message
    }
}
