import Foundation
import KontorHTTPClient
import KontorMapping
import KontorModel
import KontorStore
import Logging
import ServiceLifecycle

/// Polls Amazon's Selling Partner API for orders created or changed since the last poll:
/// `getOrders` (following `NextToken`), then `getOrderItems` per order (following its
/// `NextToken`). Each order and its items become one document
/// `{"order": <getOrder body>, "orderItems": <getOrderItems body>}` for the `amazon-sp-api`
/// mapping. Throttling (429) and server errors back off and retry; the checkpoint
/// (`LastUpdatedAfter`) is saved after every page, so a restart resumes where it stopped.
public final class AmazonOrdersPoller: Service, Sendable {
    public let instance: ConnectorInstance
    let settings: ConnectorInstance.AmazonPolling
    let mapping: Mapping
    let accessToken: AmazonAccessToken
    let client: CurlHTTPClient
    let publisher: OrderPublisher
    let quarantine: QuarantineWriter
    let state: any ConnectorStateStore
    let logger: Logger

    public init(
        instance: ConnectorInstance,
        mapping: Mapping,
        credentials: AmazonCredentials,
        client: CurlHTTPClient = CurlHTTPClient(),
        publisher: OrderPublisher,
        quarantine: QuarantineWriter,
        state: any ConnectorStateStore,
        logger: Logger
    ) {
        precondition(instance.amazon != nil, "amazon-sp-api connectors are configured with an amazon section")
        self.instance = instance
        self.settings = instance.amazon!
        self.mapping = mapping
        self.accessToken = AmazonAccessToken(credentials: credentials, client: client)
        self.client = client
        self.publisher = publisher
        self.quarantine = quarantine
        self.state = state
        var logger = logger
        logger[metadataKey: "kontor.connector"] = "\(instance.name)"
        self.logger = logger
    }

    public struct Summary: Sendable, Hashable {
        public var pages = 0
        public var ordersPublished = 0
        public var ordersQuarantined = 0
        public var throttledRetries = 0
        public var checkpoint: String?
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let summary = try await self.pollOnce()
                    self.logger.info(
                        "poll finished",
                        metadata: [
                            "kontor.orders": "\(summary.ordersPublished)", "kontor.pages": "\(summary.pages)",
                            "kontor.retries": "\(summary.throttledRetries)",
                        ]
                    )
                } catch {
                    ConnectorMetrics.failed(self.instance.name, reason: "poll")
                    self.logger.error("poll failed; trying again next interval: \(error)")
                }
                try await Task.sleep(for: self.settings.pollInterval)
            }
        }
    }

    /// One poll: every page of orders updated since the checkpoint.
    public func pollOnce() async throws -> Summary {
        var summary = Summary()
        let after = try await state.checkpoint(connector: instance.name) ?? initialCheckpoint()
        var newest = after
        var nextToken: String?
        repeat {
            var query = [("MarketplaceIds", settings.marketplaceIDs.joined(separator: ","))]
            if let nextToken {
                query.append(("NextToken", nextToken))
            } else {
                query.append(("LastUpdatedAfter", after))
            }
            let page = try await getJSON("/orders/v0/orders", query: query, summary: &summary)
            let payload = page["payload"] as? [String: Any] ?? [:]
            let orders = payload["Orders"] as? [[String: Any]] ?? []
            for order in orders {
                guard let orderID = order["AmazonOrderId"] as? String else { continue }
                let items = try await orderItems(orderID, summary: &summary)
                let document: [String: Any] = ["order": ["payload": order], "orderItems": items]
                let bytes = Array(try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]))
                let lastUpdate = order["LastUpdateDate"] as? String ?? ""
                if try await publish(bytes, orderID: orderID, lastUpdate: lastUpdate) {
                    summary.ordersPublished += 1
                } else {
                    summary.ordersQuarantined += 1
                }
                if lastUpdate > newest { newest = lastUpdate }
            }
            summary.pages += 1
            nextToken = payload["NextToken"] as? String
            try await state.saveCheckpoint(connector: instance.name, value: newest)
        } while nextToken != nil
        summary.checkpoint = newest
        return summary
    }

    /// The getOrderItems body for one order, with every page's items merged into one list.
    private func orderItems(_ orderID: String, summary: inout Summary) async throws -> [String: Any] {
        var items: [Any] = []
        var nextToken: String?
        repeat {
            let query = nextToken.map { [("NextToken", $0)] } ?? []
            let page = try await getJSON("/orders/v0/orders/\(orderID)/orderItems", query: query, summary: &summary)
            let payload = page["payload"] as? [String: Any] ?? [:]
            items += payload["OrderItems"] as? [Any] ?? []
            nextToken = payload["NextToken"] as? String
        } while nextToken != nil
        return ["payload": ["AmazonOrderId": orderID, "OrderItems": items]]
    }

    /// Translates and publishes one order; returns false when it was quarantined instead.
    private func publish(_ document: [UInt8], orderID: String, lastUpdate: String) async throws -> Bool {
        let orders: [CanonicalOrder]
        do {
            orders = try mapping.translate(document)
        } catch {
            ConnectorMetrics.failed(instance.name, reason: error.kind.rawValue)
            _ = await quarantine.keep(
                document,
                reason: "\(error.kind.rawValue): \(error.message)",
                field: error.field ?? error.canonicalField,
                source: instance.name,
                contentType: "application/json"
            )
            return false
        }
        for order in orders {
            // The same order state polled again yields the same event id; the pipeline drops it.
            _ = try await publisher.publish(order, source: instance.name, basis: "amazon:\(orderID):\(lastUpdate)")
        }
        ConnectorMetrics.accepted(instance.name, orders: orders.count)
        return true
    }

    /// GET with the access token; 429 and 5xx back off (Retry-After when given) and retry.
    private func getJSON(
        _ path: String,
        query: [(String, String)],
        summary: inout Summary
    ) async throws -> [String: Any] {
        var components = URLComponents(string: settings.endpoint + path)
        components?.queryItems = query.isEmpty ? nil : query.map { URLQueryItem(name: $0.0, value: $0.1) }
        // URLComponents leaves '+' alone; Amazon wants it percent-encoded in tokens.
        let encodedQuery = components?.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        components?.percentEncodedQuery = encodedQuery
        guard let url = components?.string else { throw AmazonPollError("bad URL \(settings.endpoint + path)") }
        var backoff = settings.initialBackoff
        var refreshedToken = false
        for attempt in 1...settings.maxAttempts {
            let request = HTTPClientRequest(
                url: url,
                headers: [
                    ("x-amz-access-token", try await accessToken.current()), ("Accept", "application/json"),
                    ("User-Agent", "Kontor/1.0"),
                ]
            )
            let response = try await client.execute(request)
            if response.status == 200 {
                guard let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else {
                    throw AmazonPollError("\(path): the answer is not a JSON object")
                }
                return object
            }
            if (response.status == 401 || response.status == 403) && !refreshedToken {
                // An expired or revoked token: get a new one once, then give up.
                refreshedToken = true
                accessToken.invalidate()
                continue
            }
            guard response.status == 429 || response.status >= 500, attempt < settings.maxAttempts else {
                throw AmazonPollError("\(path): HTTP \(response.status): \(response.bodyText.prefix(500))")
            }
            summary.throttledRetries += 1
            let wait = response.header("retry-after").flatMap(Int.init).map { Duration.seconds($0) } ?? backoff
            logger.notice(
                "Amazon answered \(response.status); retrying",
                metadata: ["kontor.wait": "\(wait)", "kontor.attempt": "\(attempt)"]
            )
            try await Task.sleep(for: wait)
            backoff *= 2
        }
        throw AmazonPollError("\(path): no answer after \(settings.maxAttempts) attempts")
    }

    private func initialCheckpoint() -> String {
        let start = Date().addingTimeInterval(-Double(settings.initialLookback.components.seconds))
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: start)
    }
}

/// A failed poll (HTTP error after retries, unreadable answer).
public struct AmazonPollError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
