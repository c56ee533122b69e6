import Foundation
import Metrics

/// Per-connector counters (swift-metrics; exported by whatever metrics backend the process
/// bootstraps), also kept in ``ConnectorActivity`` for the dashboard. Dimension `connector` is the instance name.
enum ConnectorMetrics {
    static func rejectedSignature(_ connector: String) {
        Counter(label: "kontor_connector_rejected_signatures_total", dimensions: [("connector", connector)]).increment()
        ConnectorActivity.shared.failed(connector, reason: "bad signature")
    }

    static func duplicate(_ connector: String) {
        Counter(label: "kontor_connector_duplicate_deliveries_total", dimensions: [("connector", connector)])
            .increment()
    }

    /// Counts the orders a delivery brought and stamps the connector's last message time (Unix seconds).
    static func accepted(_ connector: String, orders: Int) {
        Counter(label: "kontor_connector_orders_total", dimensions: [("connector", connector)]).increment(by: orders)
        Gauge(label: "kontor_connector_last_message_timestamp_seconds", dimensions: [("connector", connector)])
            .record(Date().timeIntervalSince1970)
        ConnectorActivity.shared.accepted(connector, orders: orders)
    }

    static func failed(_ connector: String, reason: String) {
        Counter(label: "kontor_connector_errors_total", dimensions: [("connector", connector), ("reason", reason)])
            .increment()
        ConnectorActivity.shared.failed(connector, reason: reason)
    }
}
