import Metrics

/// Per-connector counters (swift-metrics; exported by whatever metrics backend the process
/// bootstraps). Dimension `connector` is the instance name.
enum ConnectorMetrics {
    static func rejectedSignature(_ connector: String) {
        Counter(label: "kontor_connector_rejected_signatures_total", dimensions: [("connector", connector)]).increment()
    }

    static func duplicate(_ connector: String) {
        Counter(label: "kontor_connector_duplicate_deliveries_total", dimensions: [("connector", connector)])
            .increment()
    }

    static func accepted(_ connector: String, orders: Int) {
        Counter(label: "kontor_connector_orders_total", dimensions: [("connector", connector)]).increment(by: orders)
    }

    static func failed(_ connector: String, reason: String) {
        Counter(label: "kontor_connector_errors_total", dimensions: [("connector", connector), ("reason", reason)])
            .increment()
    }
}
