import Foundation
import KontorKafka
import KontorModel
import KontorStore
import KontorWorkers
import Testing

/// The validation stage's checks against a real SQLite store: catalog, customer credit, duplicates and review rules.
@Suite("Validation against the store")
struct StoreValidationTests {
    let store: SQLiteStore

    init() async throws {
        store = try WorkerTestSupport.temporaryStore()
        try await store.upsertProducts([
            Product(
                sku: "SKU-1",
                gtin: GTIN("4006381333931"),
                description: "Widget",
                listPrice: DecimalAmount("9.95")!,
                currency: CurrencyCode("EUR")
            ),
            Product(sku: "SKU-2", description: "Gadget", listPrice: 100, currency: CurrencyCode("EUR")),
        ])
        try await store.upsertCustomers([
            Customer(id: "ACME", name: "ACME GmbH", creditLimit: 1_000, currency: CurrencyCode("EUR"), openBalance: 900)
        ])
        try await store.upsertBuyerSKUs([BuyerSKU(customerID: "ACME", buyerSKU: "ACME-4711", sku: "SKU-2")])
    }

    private func outcome(
        _ order: CanonicalOrder,
        rules: ReviewRules = ReviewRules(),
        eventID: EventID = .random()
    ) async throws -> (topic: String, value: [UInt8]) {
        let input = try WorkerTestSupport.receivedMessage(order, eventID: eventID)
        let outputs = try await ValidationHandler(store: store, rules: rules).handle(
            KafkaConsumerMessage(topic: input.topic, partition: 0, offset: 0, key: input.key, value: input.value)
        )
        #expect(outputs.count == 1)
        let output = try #require(outputs.first)
        return (output.topic, output.value)
    }

    private func reasons(_ result: (topic: String, value: [UInt8])) throws -> [ValidationReason] {
        switch result.topic {
        case KontorTopics.orderRejected:
            try CanonicalJSON.decodeEvent(OrderRejected.self, from: result.value).data.reasons
        case KontorTopics.orderHeld: try CanonicalJSON.decodeEvent(OrderHeld.self, from: result.value).data.reasons
        default: []
        }
    }

    private func paid(_ order: CanonicalOrder) -> CanonicalOrder {
        var order = order
        order.payment = Payment(method: .creditCard, status: .paid, reference: "ch_1", amount: order.totals.grandTotal)
        return order
    }

    @Test("Lines are found by SKU, GTIN or the buyer's article number, and get the SKU")
    func skuResolution() async throws {
        var order = paid(try WorkerTestSupport.order(number: "V-1"))
        order.buyer.id = "ACME"
        order.lines = [
            OrderLine(lineNumber: "1", gtin: "4006381333931", quantity: 1, unitPrice: DecimalAmount("9.95")!),
            OrderLine(lineNumber: "2", buyerSku: "ACME-4711", quantity: 1, unitPrice: 100),
            OrderLine(lineNumber: "3", sku: "SKU-1", quantity: 1, unitPrice: DecimalAmount("9.95")!),
        ]
        order.totals = OrderTotals(grandTotal: DecimalAmount("119.90")!)
        let result = try await outcome(order)
        #expect(result.topic == KontorTopics.orderValidated)
        let validated = try CanonicalJSON.decodeEvent(OrderValidated.self, from: result.value).data.order
        #expect(validated.lines.map(\.sku) == ["SKU-1", "SKU-2", "SKU-1"])
    }

    @Test("An unknown item is rejected, naming what the line quoted")
    func unknownSKU() async throws {
        var order = paid(try WorkerTestSupport.order(number: "V-2"))
        order.lines[0].sku = "NOPE"
        order.lines[0].buyerSku = "B-9"
        let result = try await outcome(order)
        #expect(result.topic == KontorTopics.orderRejected)
        let reasons = try reasons(result)
        #expect(reasons.map(\.code) == [.unknownSKU])
        #expect(reasons.first?.message == #"no catalog product with SKU "NOPE", buyer SKU "B-9" of customer C-1"#)
    }

    @Test("Payment: failed rejects, pending holds, missing is a warning, paid passes")
    func payment() async throws {
        var order = try WorkerTestSupport.order(number: "V-3")
        order.payment = Payment(method: .creditCard, status: .failed)
        #expect(try reasons(try await outcome(order)).map(\.code) == [.paymentFailed])
        order.payment = Payment(method: .paypal, status: .pending)
        let pending = try await outcome(order)
        #expect(pending.topic == KontorTopics.orderHeld)
        #expect(try reasons(pending).map(\.code) == [.paymentNotAuthorized])
        order.payment = nil
        let unreported = try await outcome(order)
        #expect(unreported.topic == KontorTopics.orderValidated)
        let warnings = try CanonicalJSON.decodeEvent(OrderValidated.self, from: unreported.value).data.warnings
        #expect(warnings?.map(\.code) == [.paymentNotReported])
        order.customerType = .b2c
        #expect(try reasons(try await outcome(order)).map(\.code) == [.paymentNotAuthorized])
    }

    @Test("On account: charged once within the credit limit, held beyond it")
    func credit() async throws {
        var order = try WorkerTestSupport.order(number: "V-4")
        order.buyer.id = "ACME"
        order.customerType = .b2b
        order.payment = Payment(method: .invoice, status: .onAccount)
        order.totals = OrderTotals(grandTotal: 60)
        order.lines[0].unitPrice = 10
        order.lines[0].quantity = 6
        let eventID = EventID.random()
        #expect(try await outcome(order, eventID: eventID).topic == KontorTopics.orderValidated)
        // Handled again (a redelivery the processed log did not catch): same decision, no second charge.
        #expect(try await outcome(order, eventID: eventID).topic == KontorTopics.orderValidated)
        #expect(try await store.customer(id: "ACME")?.openBalance == 960)

        var big = order
        big.orderNumber = "V-5"
        big.id = OrderID.derived(channel: big.channel, orderNumber: big.orderNumber)
        big.lines[0].quantity = 9
        big.totals = OrderTotals(grandTotal: 90)
        let held = try await outcome(big)
        #expect(held.topic == KontorTopics.orderHeld)
        let reason = try #require(try reasons(held).first)
        #expect(reason.code == .creditLimitExceeded)
        #expect(reason.message.contains("credit limit 1000"))
        #expect(try await store.customer(id: "ACME")?.openBalance == 960)

        var stranger = order
        stranger.buyer.id = "WHO"
        stranger.orderNumber = "V-6"
        stranger.id = OrderID.derived(channel: stranger.channel, orderNumber: stranger.orderNumber)
        #expect(try reasons(try await outcome(stranger)).map(\.code) == [.unknownCustomer])
    }

    @Test("The same order through another channel is held as a possible duplicate; a redelivery is not")
    func duplicates() async throws {
        let web = paid(try WorkerTestSupport.order(number: "W-1"))
        #expect(try await outcome(web).topic == KontorTopics.orderValidated)
        #expect(try await outcome(web).topic == KontorTopics.orderValidated)
        var marketplace = web
        marketplace.channel = "amazon"
        marketplace.orderNumber = "302-1234567-7654321"
        marketplace.id = OrderID.derived(channel: marketplace.channel, orderNumber: marketplace.orderNumber)
        marketplace.shipTo.street = "Heidestrasse 17"  // written differently, same address
        let held = try await outcome(marketplace)
        #expect(held.topic == KontorTopics.orderHeld)
        let reason = try #require(try reasons(held).first)
        #expect(reason.code == .possibleDuplicate)
        #expect(reason.message.contains(web.id!.rawValue))
        // Another quantity is another order.
        var other = marketplace
        other.orderNumber = "302-1234567-0000000"
        other.id = OrderID.derived(channel: other.channel, orderNumber: other.orderNumber)
        other.lines[0].quantity = 3
        #expect(try await outcome(other).topic == KontorTopics.orderValidated)
        // With detection off, the duplicate passes.
        var rules = ReviewRules()
        rules.duplicateWindowHours = 0
        #expect(try await outcome(marketplace, rules: rules).topic == KontorTopics.orderValidated)
    }

    @Test("Review rules hold big orders and deviating prices instead of rejecting them")
    func reviewRules() async throws {
        var order = paid(try WorkerTestSupport.order(number: "R-1"))
        order.lines[0].sku = "SKU-2"
        order.lines[0].unitPrice = 60  // list price 100: 40 % below
        order.lines[0].quantity = 2
        order.totals = OrderTotals(grandTotal: 120)
        let held = try await outcome(order)
        #expect(held.topic == KontorTopics.orderHeld)
        let reason = try #require(try reasons(held).first)
        #expect(reason.code == .priceDeviation && reason.field == "lines[0].unitPrice")
        #expect(reason.message == "60 deviates -40.0 % from the list price 100 (allowed ±25 %)")

        var rules = ReviewRules(orderValueOver: [CurrencyCode("EUR")!: 100], priceDeviationPercent: 50)
        let overValue = try await outcome(order, rules: rules)
        #expect(try reasons(overValue).map(\.code) == [.orderValueOverThreshold])
        rules.orderValueOver = [:]
        #expect(try await outcome(order, rules: rules).topic == KontorTopics.orderValidated)
        // A dozen is priced against twelve pieces.
        order.lines[0].unitOfMeasure = UnitOfMeasure("DZN")!
        order.lines[0].unitPrice = 1_150
        #expect(try await outcome(order, rules: rules).topic == KontorTopics.orderValidated)
    }

    @Test("An implausible postal code is rejected before anything is charged")
    func postalCode() async throws {
        var order = try WorkerTestSupport.order(number: "P-1")
        order.shipTo.postalCode = "5114"
        order.buyer.id = "ACME"
        order.payment = Payment(method: .invoice, status: .onAccount)
        let reasons = try reasons(try await outcome(order))
        #expect(reasons.map(\.code) == [.implausiblePostalCode])
        #expect(try await store.customer(id: "ACME")?.openBalance == 900)
    }
}

extension StoreValidationTests {
    @Test("Cancelling an on-account order gives its credit back once; an unpaid or unknown order gets nothing")
    func creditRefund() async throws {
        var order = try WorkerTestSupport.order(number: "CR-1")
        order.buyer.id = "ACME"
        order.payment = Payment(method: .invoice, status: .onAccount)
        order.lines[0].unitPrice = 10
        order.lines[0].quantity = 5
        order.totals = OrderTotals(grandTotal: 50)
        let refund = CreditRefund(accounts: store)
        #expect(try await refund.refund(order) == nil, "not charged yet")
        #expect(try await outcome(order).topic == KontorTopics.orderValidated)
        #expect(try await store.customer(id: "ACME")?.openBalance == 950)
        #expect(try await refund.refund(order) == 50)
        #expect(try await refund.refund(order) == nil, "a second cancellation refunds nothing")
        #expect(try await store.customer(id: "ACME")?.openBalance == 900)
    }
}
