/// A rate table that cannot be used, naming the file and the YAML path of the offending field, e.g.
/// `rates.yaml: carriers[0].services[1].zones[0].bands[2].price: "12,90" is not a decimal`.
public struct CarrierRateTableError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file (or the name given for YAML text).
    public var file: String

    /// The YAML path, e.g. `carriers[0].services[1].maxWeightGrams`; empty for the whole document.
    public var path: String

    /// What is wrong.
    public var message: String

    /// An error.
    public init(file: String, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    public var description: String {
        path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)"
    }
}
