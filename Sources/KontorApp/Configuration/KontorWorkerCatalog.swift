import KontorConnectors
import KontorModel
import KontorNotifications
import KontorStore
import KontorWorkers
import Logging

/// The one list of pipeline workers `kontor run` knows: name, input topics, place in the pipeline and how to make
/// the handler. A new stage is one more entry here.
public enum KontorWorkerCatalog {
    /// What a handler may depend on: the shared store, the configuration and the logger.
    public struct Context: Sendable {
        public var store: any KontorStoreBackend
        public var configuration: KontorConfiguration
        public var logger: Logger
    }

    public struct Entry: Sendable {
        public var name: String
        public var inputTopics: [String]
        /// The stage's place in the pipeline, recorded with its outputs as the orders' progress (see
        /// ``WorkerConfiguration/pipelineStep``): a later stage needs a higher number.
        public var pipelineStep: Int
        /// False for a stage that only keeps a view (the projection): its backlog is not pipeline load for ingest
        /// backpressure. (It still takes part in the re-drive: an event it has not processed is published again.)
        public var feedsPipeline = true
        /// False when the configuration gives the stage nothing to do (e.g. no WMS configured): it is not started.
        public var isNeeded: @Sendable (KontorConfiguration) -> Bool = { _ in true }

        /// False for a side branch whose outputs must not become the orders' progress (see
        /// ``WorkerConfiguration/recordsProgress``).
        public var recordsProgress = true
        public var makeHandler: @Sendable (Context) throws -> any StageHandler
    }

    public static let entries: [Entry] = [
        Entry(name: ValidationHandler.stageName, inputTopics: [KontorTopics.orderReceived], pipelineStep: 1) {
            context in
            ValidationHandler(store: context.store, rules: context.configuration.reviewRules)
        },
        Entry(name: AllocationHandler.stageName, inputTopics: AllocationHandler.inputTopics, pipelineStep: 2) {
            AllocationHandler(
                store: $0.store,
                policy: try RoutingPolicyLoader.load(path: $0.configuration.allocationPolicyPath)
            )
        },
        Entry(name: TrackingHandler.stageName, inputTopics: TrackingHandler.inputTopics, pipelineStep: 4) {
            TrackingHandler(store: $0.store)
        },
        // Produces nothing, so its step is never recorded; it only has to be a number of its own.
        Entry(
            name: ProjectionHandler.stageName,
            inputTopics: ProjectionHandler.inputTopics,
            pipelineStep: 90,
            feedsPipeline: false
        ) {
            ProjectionHandler(store: $0.store)
        },
        Entry(name: FulfillmentHandler.stageName, inputTopics: FulfillmentHandler.inputTopics, pipelineStep: 3) {
            // Carrier selection and label booking from the rate table (shipping.rates), when there is one.
            let shipping = try ShippingSetup.make(store: $0.store, configuration: $0.configuration)
            return FulfillmentHandler(store: $0.store, carriers: shipping.carriers, labels: shipping.labels)
        },
        // Produces nothing; started only when a WMS is configured under connectors/wms/ (else the pick-task topic is
        // the WMS interface).
        Entry(
            name: WMSPushHandler.stageName,
            inputTopics: WMSPushHandler.inputTopics,
            pipelineStep: 30,
            feedsPipeline: false,
            isNeeded: { (try? WMSConnection.loadAll(directory: $0.wmsConnectorsDirectory).isEmpty) == false }
        ) {
            try WMSPushHandler(
                connections: try WMSConnection.loadAll(directory: $0.configuration.wmsConnectorsDirectory)
            )
        },
        Entry(name: ReturnsHandler.stageName, inputTopics: ReturnsHandler.inputTopics, pipelineStep: 5) {
            ReturnsHandler(store: $0.store)
        },
        // Tells customers by e-mail and webhook. A side branch: its outputs only feed the timeline, so neither its
        // backlog (a slow mail server) nor its outputs count as the orders' progress.
        Entry(
            name: NotificationHandler.stageName,
            inputTopics: NotificationHandler.inputTopics,
            pipelineStep: 6,
            feedsPipeline: false,
            recordsProgress: false
        ) {
            NotificationHandler(
                settings: try NotificationSetup.settings($0.configuration),
                store: $0.store,
                logger: $0.logger
            )
        },
    ]

    public static var names: [String] { entries.map(\.name) }

    /// The enabled workers `configuration` gives something to do (``Entry/isNeeded``): the ones `kontor run` starts.
    public static func started(_ configuration: KontorConfiguration) -> [String] {
        configuration.enabledWorkers.filter { entry($0)?.isNeeded(configuration) ?? false }
    }

    /// Topic → the stages among `workers` that consume it (what the re-drive at startup checks events against).
    public static func consumers(of workers: [String]) -> [String: Set<String>] {
        var consumers: [String: Set<String>] = [:]
        for entry in workers.compactMap(entry) {
            for topic in entry.inputTopics { consumers[topic, default: []].insert(entry.name) }
        }
        return consumers
    }

    public static func entry(_ name: String) -> Entry? {
        entries.first { $0.name == name }
    }
}
