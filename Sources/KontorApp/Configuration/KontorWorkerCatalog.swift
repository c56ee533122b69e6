import KontorModel
import KontorWorkers

/// The one list of pipeline workers `kontor run` knows: name, handler and input topics.
/// A new stage is one more entry here.
public enum KontorWorkerCatalog {
    public struct Entry: Sendable {
        public var name: String
        public var inputTopics: [String]
        public var makeHandler: @Sendable () -> any StageHandler
    }

    public static let entries: [Entry] = [
        Entry(name: ValidationHandler.stageName, inputTopics: [KontorTopics.orderReceived]) { ValidationHandler() }
    ]

    public static var names: [String] { entries.map(\.name) }

    public static func entry(_ name: String) -> Entry? {
        entries.first { $0.name == name }
    }
}
