import Foundation

/// Every mapping in a directory: `<directory>/<name>/mapping.yaml`, loaded and validated up front.
public struct MappingCatalog: Sendable {
    private let byName: [String: Mapping]

    /// Loads every `<directory>/<name>/mapping.yaml`; subdirectories without one are skipped. Any invalid mapping
    /// fails the whole load with its error (file and line).
    public init(directory: String) throws(MappingError) {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .invalidMapping(
                "cannot read the mappings directory: \(error.localizedDescription)",
                file: directory,
                line: nil
            )
        }
        var byName: [String: Mapping] = [:]
        for entry in entries.sorted() where !entry.hasPrefix(".") {
            let file = (directory as NSString).appendingPathComponent(entry + "/mapping.yaml")
            guard FileManager.default.fileExists(atPath: file) else { continue }
            let mapping = try MappingLoader.load(file: file)
            byName[mapping.name] = mapping
        }
        self.byName = byName
    }

    /// The mapping names, sorted.
    public var names: [String] { byName.keys.sorted() }

    /// The mapping called `name` (its directory name), if loaded.
    public func mapping(named name: String) -> Mapping? {
        byName[name]
    }

    /// Every mapping, sorted by name.
    public var mappings: [Mapping] { names.map { byName[$0]! } }
}
