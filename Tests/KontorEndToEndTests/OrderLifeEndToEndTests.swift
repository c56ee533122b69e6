import Foundation
import KontorApp
import KontorModel
import KontorStore
import KontorTestSupport
import Synchronization
import Testing

/// An order's whole life through `kontor run` (embedded cluster, seeded store) with e-mail to a real SMTP server
/// (aiosmtpd, started by the test): a signed Shopify webhook, validation and allocation, the pick task read from Kafka
/// with kcat as a WMS would, the WMS's confirmations over HTTP, carrier tracking webhooks, the customer's e-mails,
/// the order detail, then a return and its refund; and a `kill -9` while orders flow, after which no e-mail is sent
/// twice (the one the kill interrupted mid-send shows on its order's timeline as possibly not sent).
@Suite("End to end: an order's whole life", .serialized, .timeLimit(.minutes(10)))
struct OrderLifeEndToEndTests {
    static let customer = "jane.cooper@example.com"
    static let orderNumber = "#1001"
    static let trackingNumber = "JJD000390007827365"

    /// The webhook test's seed (demo data plus the Shopify sample's products), with the products in stock only at
    /// the Louisville warehouse, so the US order ships from there.
    static func seed() throws -> URL {
        let folder = try WebhookEndToEndTests.seedWithSampleProducts()
        let stock = folder.appendingPathComponent("stock.csv")
        let extra = "BEANIE-CHAR,WH-US-SDF,40,0\nSCARF-ALP-OAT,WH-US-SDF,15,0\n"
        try (String(contentsOf: stock, encoding: .utf8) + extra).write(to: stock, atomically: true, encoding: .utf8)
        return folder
    }

    @Test("Shopify webhook → pick task → WMS → carrier scans → delivered, e-mailed; then return → refund")
    func wholeLifeThenReturn() async throws {
        let mail = try LocalSMTPServer()
        defer { mail.stop() }
        let root = WebhookEndToEndTests.repositoryRoot
        let kontor = try KontorProcess(
            arguments: [
                "--set", "seed.directory=\(try Self.seed().path)",
                "--set", "connectors.directory=\(root.appendingPathComponent("connectors").path)",
                "--set", "mappings.directory=\(root.appendingPathComponent("mappings").path)",
                "--set", "notifications.smtpUrl=\(mail.url)",
            ],
            environment: ["KONTOR_SHOPIFY_WEBHOOK_SECRET": "shpss_test_secret"]
        )
        try await kontor.start()
        let base = kontor.httpAddress

        let orderID = try await Self.receive(kontor)
        let task = try await Self.fulfil(kontor, orderID: orderID)
        try await Self.track(kontor, orderID: orderID)
        try await Self.checkMails(mail)
        try await Self.checkDeliveredOrder(base, orderID: orderID, taskID: task.taskID)
        try await Self.returnAndRefund(kontor, mail: mail, orderID: orderID, locationID: task.locationID)

        #expect(try await kontor.terminate() == 0)
    }

    /// The signed webhook: 200, and the order on through validation and allocation.
    static func receive(_ kontor: KontorProcess) async throws -> String {
        let body = try WebhookEndToEndTests.sample("shopify")
        let webhook = try await HTTPClient.request(
            "POST",
            "\(kontor.httpAddress)/v1/webhooks/shopify",
            body: body,
            headers: [
                "Content-Type": "application/json", "X-Shopify-Webhook-Id": "life-1",
                "X-Shopify-Hmac-Sha256": WebhookEndToEndTests.base64HMAC(body, secret: "shpss_test_secret"),
            ]
        )
        #expect(webhook.status == 200, "\(webhook.text)")
        let orderID = try #require((webhook.json["orders"] as? [[String: Any]])?.first?["orderId"] as? String)
        let allocated = try await Kcat.waitFor(kontor.bootstrapServers, topic: KontorTopics.orderAllocated) {
            $0.contains { $0.key == orderID }
        }
        let plan = (allocated.first { $0.key == orderID }?.json["data"] as? [String: Any])?["plan"] as? [String: Any]
        #expect(plan?["status"] as? String == "allocated", "\(kontor.log)")
        return orderID
    }

    /// The pick task from Kafka, then the WMS's picked, packed and shipped confirmations.
    static func fulfil(_ kontor: KontorProcess, orderID: String) async throws -> (taskID: String, locationID: String) {
        let base = kontor.httpAddress
        let tasks = try await Kcat.waitFor(kontor.bootstrapServers, topic: KontorTopics.pickTask) {
            $0.contains { $0.key == orderID }
        }
        let task = try #require(tasks.first { $0.key == orderID }?.json["data"] as? [String: Any])
        let taskID = try #require(task["taskId"] as? String)
        #expect(task["locationId"] as? String == "WH-US-SDF")
        #expect(taskID == "\(orderID)-WH-US-SDF-1")
        let lines = (task["lines"] as? [[String: Any]] ?? []).map { line -> [String: Any] in
            ["lineNumber": line["lineNumber"] ?? "", "sku": line["sku"] ?? "", "quantity": line["quantity"] ?? 0]
        }
        #expect(lines.map { $0["sku"] as? String } == ["BEANIE-CHAR", "SCARF-ALP-OAT"])
        #expect(lines.map { $0["quantity"] as? Int } == [2, 1])
        let picking = try await FulfillmentEndToEndTests.waitForOrder(base, orderID) {
            $0["status"] as? String == "picking"
        }
        #expect(picking["status"] as? String == "picking")

        let picked = try await OrderLife.confirm(
            base,
            id: "LIFE-WMS-1",
            taskID: taskID,
            orderID: orderID,
            kind: "picked",
            at: Date(),
            extra: ["lines": lines]
        )
        #expect(picked.status == 202, "\(picked.text)")
        let parcel: [String: Any] = [
            "parcelId": "000123456789012345", "weightGrams": 850, "lengthMm": 300, "widthMm": 200, "heightMm": 100,
        ]
        let packed = try await OrderLife.confirm(
            base,
            id: "LIFE-WMS-2",
            taskID: taskID,
            orderID: orderID,
            kind: "packed",
            at: Date(),
            extra: ["lines": lines, "parcels": [parcel]]
        )
        #expect(packed.status == 202, "\(packed.text)")
        var labelled = parcel
        labelled["trackingNumber"] = trackingNumber
        let shipped = try await OrderLife.confirm(
            base,
            id: "LIFE-WMS-3",
            taskID: taskID,
            orderID: orderID,
            kind: "shipped",
            at: Date(),
            extra: ["lines": lines, "parcels": [labelled], "carrier": "dhl", "carrierService": "dhl-express"]
        )
        #expect(shipped.status == 202, "\(shipped.text)")

        let events = try await Kcat.waitFor(kontor.bootstrapServers, topic: KontorTopics.orderShipped) {
            $0.contains { $0.key == orderID }
        }
        let shipment = try #require(events.first { $0.key == orderID }?.json["data"] as? [String: Any])
        #expect(shipment["complete"] as? Bool == true)
        #expect((shipment["parcels"] as? [[String: Any]])?.first?["trackingNumber"] as? String == trackingNumber)
        return (taskID, "WH-US-SDF")
    }

    /// The carrier's scans: in transit through EasyPost, delivered through DHL's push.
    static func track(_ kontor: KontorProcess, orderID: String) async throws {
        let base = kontor.httpAddress
        let inTransit = try await HTTPClient.request(
            "POST",
            "\(base)/v1/tracking/easypost",
            body: OrderLife.easyPostTrackerUpdated(
                trackingNumber: trackingNumber,
                carrier: "DHLExpress",
                status: "in_transit",
                message: "Processed at Louisville hub",
                city: "LOUISVILLE",
                state: "KY",
                at: Date()
            )
        )
        #expect(inTransit.status == 202, "\(inTransit.text)")
        let first = try await Kcat.waitFor(kontor.bootstrapServers, topic: KontorTopics.orderTracked) {
            $0.contains { $0.key == orderID }
        }
        #expect(first.filter { $0.key == orderID }.count == 1)

        let delivered = try await HTTPClient.request(
            "POST",
            "\(base)/v1/tracking/dhl",
            body: OrderLife.dhlShipment(
                trackingNumber: trackingNumber,
                statusCode: "delivered",
                description: "Delivered - signed for by J. Cooper",
                city: "New York",
                postalCode: "10118",
                country: "US",
                at: Date()
            )
        )
        #expect(delivered.status == 202, "\(delivered.text)")
        let tracked = try await Kcat.waitFor(kontor.bootstrapServers, topic: KontorTopics.orderTracked) {
            $0.contains { $0.key == orderID && ($0.json["data"] as? [String: Any])?["delivered"] as? Bool == true }
        }
        #expect(tracked.filter { $0.key == orderID }.count == 2)
    }

    /// Order confirmation, shipped (with the tracking link) and delivered, each once, to the buyer.
    static func checkMails(_ mail: LocalSMTPServer) async throws {
        let subjects = [
            "Alpenhaus Outdoor: we received order \(orderNumber)",
            "Alpenhaus Outdoor: your gear is on its way (\(orderNumber))",
            "Your order \(orderNumber) has been delivered",
        ]
        let received = try await OrderLife.waitForMail(mail) { messages in
            subjects.allSatisfy { subject in messages.contains { $0.header("Subject") == subject } }
        }
        #expect(received.count == 3, "\(received.map(\.headers))")
        #expect(Set(received.compactMap { $0.header("Subject") }) == Set(subjects), "\(mail.log)")
        for message in received {
            #expect(message.recipients == [customer])
            #expect(message.header("From") == "Alpenhaus Outdoor <service@alpenhaus.example>")
            #expect(message.defects.isEmpty)
        }
        let shipped = try #require(received.first { $0.header("Subject") == subjects[1] })
        let link = "https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=\(trackingNumber)"
        #expect(shipped.text?.contains(trackingNumber) == true, "\(shipped.text ?? "")")
        #expect(shipped.text?.contains(link) == true, "\(shipped.text ?? "")")
        #expect(shipped.html?.contains(trackingNumber) == true)
    }

    /// `GET /v1/orders/{id}`: delivered, the whole timeline, and the shipment with its parcel's latest scan.
    static func checkDeliveredOrder(_ base: String, orderID: String, taskID: String) async throws {
        let order = try await FulfillmentEndToEndTests.waitForOrder(base, orderID) { order in
            order["status"] as? String == "delivered"
                && OrderLife.timelineTypes(order).filter { $0 == "notification.sent" }.count >= 3
        }
        #expect(order["status"] as? String == "delivered")
        let types = OrderLife.timelineTypes(order)
        for expected in [
            "order.received", "order.validated", "order.allocated", "fulfillment.pick-task", "order.shipped",
        ] {
            #expect(types.filter { $0 == expected }.count == 1, "\(expected) in \(types)")
        }
        #expect(types.filter { $0 == "order.tracked" }.count == 2, "\(types)")
        #expect(types.filter { $0 == "notification.sent" }.count == 3, "\(types)")
        // The life in its order: received first, the delivery scan after the shipment.
        #expect(types.first == "order.received")
        let shippedAt = try #require(types.firstIndex(of: "order.shipped"))
        let lastScan = try #require(types.lastIndex(of: "order.tracked"))
        #expect(try #require(types.firstIndex(of: "fulfillment.pick-task")) < shippedAt)
        #expect(shippedAt < lastScan)
        let timeline = order["timeline"] as? [[String: Any]] ?? []
        let summaries = timeline.filter { $0["eventType"] as? String == "notification.sent" }.compactMap {
            ($0["details"] as? [String: Any])?["summary"] as? String
        }
        #expect(
            Set(summaries)
                == Set(["order-confirmation", "shipped", "delivered"].map { "e-mail \($0) sent to \(customer)" }),
            "\(summaries)"
        )

        let shipments = order["shipments"] as? [[String: Any]] ?? []
        #expect(shipments.count == 1)
        let shipment = try #require(shipments.first)
        #expect(shipment["taskId"] as? String == taskID)
        #expect(shipment["carrier"] as? String == "dhl")
        #expect(shipment["trackingNumbers"] as? [String] == [trackingNumber])
        let parcels = shipment["parcels"] as? [[String: Any]] ?? []
        #expect(parcels.count == 1)
        let parcel = try #require(parcels.first)
        #expect(parcel["weightGrams"] as? Int == 850)
        #expect(parcel["status"] as? String == "delivered")
        let scan = try #require(parcel["lastScan"] as? [String: Any], "\(parcel)")
        #expect(scan["status"] as? String == "delivered")
        #expect(scan["format"] as? String == "dhl")
        #expect((scan["location"] as? [String: Any])?["city"] as? String == "New York")
    }

    /// An RMA on the delivered order, the goods received resalable: the refund on Kafka, on the timeline and by
    /// e-mail.
    static func returnAndRefund(
        _ kontor: KontorProcess,
        mail: LocalSMTPServer,
        orderID: String,
        locationID: String
    ) async throws {
        let base = kontor.httpAddress
        let request =
            #"{"lines":[{"lineNumber":"13596821356655","quantity":1,"reason":"too small"}],"resolution":"refund"}"#
        let created = try await ReturnsEndToEndTests.poll({
            try await HTTPClient.request(
                "POST",
                "\(base)/v1/orders/\(orderID)/returns",
                body: Data(request.utf8),
                headers: ["Content-Type": "application/json", "Idempotency-Key": "life-rma-1"]
            )
        }) { $0.status == 201 }
        #expect(created.status == 201, "\(created.text)")
        let rma = try #require(created.json["rmaNumber"] as? String)
        #expect((created.json["label"] as? [String: Any])?["returnLocationId"] as? String == locationID)

        let receipt = try await HTTPClient.request(
            "POST",
            "\(base)/v1/returns/\(rma)/receipt",
            body: Data(
                #"{"locationId":"\#(locationID)","lines":[{"lineNumber":"13596821356655","quantity":1,"condition":"resalable"}]}"#
                    .utf8
            )
        )
        #expect(receipt.status == 202, "\(receipt.text)")

        let refunds = try await Kcat.waitFor(kontor.bootstrapServers, topic: KontorTopics.returnRefundIssued) {
            $0.contains { $0.key == orderID }
        }
        let refund = try #require(refunds.first { $0.key == orderID }?.json["data"] as? [String: Any])
        #expect(refund["rmaNumber"] as? String == rma)
        // One beanie: 24.50 plus 8.5 % tax = 26.5825 → 26.58 USD.
        let amount = refund["amount"] as? [String: Any]
        #expect(amount?["amount"] as? String == "26.58")
        #expect(amount?["currency"] as? String == "USD")

        let order = try await FulfillmentEndToEndTests.waitForOrder(base, orderID) {
            OrderLife.timelineTypes($0).contains("return.refund-issued")
        }
        let types = OrderLife.timelineTypes(order)
        for expected in ["return.authorized", "return.received", "return.refund-issued"] {
            #expect(types.filter { $0 == expected }.count == 1, "\(expected) in \(types)")
        }
        #expect(order["status"] as? String == "delivered")

        let subject = "Refund for your order \(orderNumber)"
        let received = try await OrderLife.waitForMail(mail) { $0.contains { $0.header("Subject") == subject } }
        let refundMail = try #require(received.first { $0.header("Subject") == subject }, "\(received.map(\.headers))")
        #expect(refundMail.recipients == [customer])
        #expect(refundMail.text?.contains(rma) == true, "\(refundMail.text ?? "")")
        #expect(refundMail.text?.contains("26.58") == true, "\(refundMail.text ?? "")")
    }

    /// Orders the clients got a 202 for: order number → order id.
    final class AcceptedOrders: Sendable {
        let byNumber = Mutex<[String: String]>([:])
    }

    /// The subject of an order's confirmation and shipped e-mails (German: the sample orders ship to Germany).
    static func confirmationSubject(_ number: String) -> String { "Ihre Bestellung \(number) bei Kontor Shop" }
    static func shippedSubject(_ number: String) -> String { "Ihre Bestellung \(number) ist unterwegs" }

    /// The orders among `orders` (number → id) whose confirmation the timeline shows as possibly not sent: the one
    /// the kill interrupted mid-send, not sent again (`notifications.uncertain: skip`).
    static func uncertainConfirmations(_ store: SQLiteStore, among orders: [String: String]) async throws
        -> Set<String>
    {
        var numbers: Set<String> = []
        for (number, id) in orders {
            let entries = try await store.timeline(orderID: OrderID(id))
            let uncertain = entries.contains {
                $0.eventType == "notification.sent"
                    && ($0.reasonsJSON ?? "").contains("e-mail order-confirmation to")
                    && ($0.reasonsJSON ?? "").contains("may not have been sent")
            }
            if uncertain { numbers.insert(number) }
        }
        return numbers
    }

    @Test("kill -9 while orders flow: no e-mail twice; every order confirmed once or shown as possibly not sent")
    func killAndRestartMailsOnce() async throws {
        let mail = try LocalSMTPServer()
        defer { mail.stop() }
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-life-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let environment = ["KONTOR_NOTIFICATIONS_SMTP_URL": mail.url, "KONTOR_LOG_LEVEL": "notice"]
        // One message per worker batch keeps the stages, and so the e-mails, behind the clients: the kill finds
        // orders confirmed and orders not yet confirmed.
        let first = try KontorProcess(
            stateDirectory: state,
            environment: environment.merging(["KONTOR_KAFKA_CONSUMER_MAX_BATCH": "1"]) { _, new in new }
        )
        try await first.start()
        let accepted = AcceptedOrders()
        try await withThrowingTaskGroup(of: Void.self) { clients in
            for client in 0..<3 {
                clients.addTask {
                    for index in 0..<15 {
                        let number = "LIFE-KILL-\(client)-\(index)"
                        let body = SampleOrders.json(number: number)
                        // An error: the process is gone.
                        guard let reply = try? await HTTPClient.postOrder(first.httpAddress, body) else { return }
                        if reply.status == 202, let id = reply.json["orderId"] as? String {
                            accepted.byNumber.withLock { $0[number] = id }
                        }
                    }
                }
            }
            // Kill once some confirmations went out while more orders wait for theirs.
            let deadline = ContinuousClock.now + .seconds(120)
            while ContinuousClock.now < deadline {
                let mailed = try mail.messages().count
                let posted = accepted.byNumber.withLock { $0.count }
                if mailed >= 3 && posted >= mailed + 5 { break }
                try await Task.sleep(for: .milliseconds(10))
            }
            kill(first.process.processIdentifier, SIGKILL)
            try await clients.waitForAll()
        }
        _ = try await first.waitForExit(timeout: .seconds(30))
        #expect(first.process.terminationReason == .uncaughtSignal)
        let orders = accepted.byNumber.withLock { $0 }
        let mailedAtKill = try mail.messages().count
        #expect(mailedAtKill >= 3 && mailedAtKill < orders.count, "the kill came mid-stream: \(mailedAtKill) mails")

        // Restarted on the same state folder: the missing confirmations follow, except one the kill interrupted
        // mid-send, which the timeline shows as possibly not sent.
        let second = try KontorProcess(stateDirectory: state, environment: environment)
        try await second.start()
        let observer = try SQLiteStore(path: state.appendingPathComponent("kontor.sqlite").path)
        var unconfirmed: [String] = []
        let confirmDeadline = ContinuousClock.now + .seconds(120)
        repeat {
            let subjects = Set(try mail.messages().compactMap { $0.header("Subject") })
            let missing = orders.filter { !subjects.contains(Self.confirmationSubject($0.key)) }
            let uncertain = try await Self.uncertainConfirmations(observer, among: missing)
            unconfirmed = missing.keys.filter { !uncertain.contains($0) }
            if unconfirmed.isEmpty { break }
            try await Task.sleep(for: .milliseconds(100))
        } while ContinuousClock.now < confirmDeadline
        #expect(unconfirmed.isEmpty, "not confirmed after the restart: \(unconfirmed.sorted())\n\(second.log)")

        // Later events still get their e-mails: the warehouse ships two of the orders.
        let shippedNumbers = Array(orders.keys.sorted().prefix(2))
        for (index, number) in shippedNumbers.enumerated() {
            let orderID = try #require(orders[number])
            let order = try await FulfillmentEndToEndTests.waitForOrder(second.httpAddress, orderID) {
                ($0["shipments"] as? [[String: Any]])?.first?["taskId"] is String
            }
            let taskID = try #require((order["shipments"] as? [[String: Any]])?.first?["taskId"] as? String)
            let shipped = try await OrderLife.confirm(
                second.httpAddress,
                id: "LIFE-KILL-WMS-\(index)",
                taskID: taskID,
                orderID: orderID,
                kind: "shipped",
                at: Date(),
                extra: ["parcels": [["trackingNumber": "JJD00039000782740\(index)"]], "carrier": "dhl"]
            )
            #expect(shipped.status == 202, "\(shipped.text)")
        }
        _ = try await OrderLife.waitForMail(mail) { messages in
            shippedNumbers.allSatisfy { number in
                messages.contains { $0.header("Subject") == Self.shippedSubject(number) }
            }
        }
        #expect(try await second.terminate() == 0)

        // A further restart re-drives what a stage had not processed and sends nothing twice. Once nothing is
        // pending, a new order's confirmation marks the end of what this run sends.
        let third = try KontorProcess(stateDirectory: state, environment: environment)
        try await third.start()
        let consumers = KontorWorkerCatalog.consumers(of: KontorWorkerCatalog.started(KontorConfiguration()))
        let deadline = ContinuousClock.now + .seconds(60)
        while try await !observer.pendingProgress(consumers: consumers).isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(try await observer.pendingProgress(consumers: consumers).isEmpty)
        let fence = "LIFE-KILL-FENCE"
        #expect(try await HTTPClient.postOrder(third.httpAddress, SampleOrders.json(number: fence)).status == 202)
        _ = try await OrderLife.waitForMail(mail) {
            $0.contains { $0.header("Subject") == Self.confirmationSubject(fence) }
        }
        #expect(try await third.terminate() == 0)
        let uncertain = try await Self.uncertainConfirmations(observer, among: orders)
        await observer.close()

        // Every notification at most once. A notification is its Message-ID (derived from the event and template).
        // The one in flight at the kill -9 (its intent recorded, the server's answer not) is not sent again
        // (`notifications.uncertain: skip`, the default): it arrived once or not at all, and its order's timeline
        // says it may not have been sent. Every other one arrives exactly once.
        #expect(uncertain.count <= 1, "only the e-mail in flight at the kill is uncertain: \(uncertain.sorted())")
        let all = try mail.messages()
        let messageIDs = all.compactMap { $0.header("Message-ID") }
        #expect(messageIDs.count == all.count, "every e-mail has a Message-ID")
        var firstByID: [String: ReceivedMail] = [:]
        for message in all {
            if let id = message.header("Message-ID"), firstByID[id] == nil { firstByID[id] = message }
        }
        let notifications = Array(firstByID.values)
        let repeated = Dictionary(grouping: messageIDs) { $0 }.filter { $0.value.count > 1 }
        #expect(repeated.isEmpty, "e-mails sent twice: \(repeated.keys.sorted())")
        var lost = 0
        for number in orders.keys.sorted() {
            let count = notifications.filter { $0.header("Subject") == Self.confirmationSubject(number) }.count
            if uncertain.contains(number) {
                #expect(count <= 1, "\(count) confirmations of \(number)")
                lost += 1 - count
            } else {
                #expect(count == 1, "\(count) confirmations of \(number)")
            }
            #expect(
                notifications.filter { $0.recipients == ["erika+\(number)@example.com"] }.count
                    == (shippedNumbers.contains(number) ? 2 : 1) - (uncertain.contains(number) ? 1 - count : 0)
            )
        }
        for number in shippedNumbers {
            #expect(all.filter { $0.header("Subject") == Self.shippedSubject(number) }.count == 1)
        }
        #expect(all.filter { $0.header("Subject") == Self.confirmationSubject(fence) }.count == 1)
        #expect(
            notifications.count == orders.count + shippedNumbers.count + 1 - lost,
            "\(notifications.compactMap { $0.header("Subject") })"
        )
    }
}
