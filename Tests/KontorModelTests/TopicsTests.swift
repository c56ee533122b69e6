import Testing

@testable import KontorModel

@Suite struct TopicsTests {
    @Test func topicNames() {
        #expect(KontorTopics.orderReceived == "kontor.order.received.v1")
        #expect(KontorTopics.orderValidated == "kontor.order.validated.v1")
        #expect(KontorTopics.orderRejected == "kontor.order.rejected.v1")
        #expect(KontorTopics.ingestQuarantine == "kontor.ingest.quarantine.v1")
        #expect(KontorTopics.deadLetter(stage: "validation") == "kontor.dlq.validation.v1")
        #expect(KontorTopics.validationDeadLetter == "kontor.dlq.validation.v1")
    }

    @Test func allTopicsWithPartitions() {
        let partitions = Dictionary(uniqueKeysWithValues: KontorTopics.all.map { ($0.name, $0.partitions) })
        #expect(
            partitions == [
                "kontor.order.received.v1": 6,
                "kontor.order.validated.v1": 6,
                "kontor.order.rejected.v1": 6,
                "kontor.order.held.v1": 6,
                "kontor.order.released.v1": 6,
                "kontor.order.cancelled.v1": 6,
                "kontor.order.allocated.v1": 6,
                "kontor.order.backordered.v1": 6,
                "kontor.inventory.stock-changed.v1": 6,
                "kontor.ingest.quarantine.v1": 3,
                "kontor.dlq.validation.v1": 3,
                "kontor.dlq.allocation.v1": 3,
                "kontor.dlq.projection.v1": 3,
                "kontor.order.shipped.v1": 6,
                "kontor.order.short-picked.v1": 6,
                "kontor.order.tracked.v1": 6,
                "kontor.order.delayed.v1": 6,
                "kontor.order.cancel-requested.v1": 6,
                "kontor.fulfillment.pick-task.v1": 6,
                "kontor.fulfillment.warehouse-confirmation.v1": 6,
                "kontor.shipment.tracking.v1": 6,
                "kontor.shipment.pickup-scheduled.v1": 3,
                "kontor.return.authorized.v1": 6,
                "kontor.return.received.v1": 6,
                "kontor.return.refund-issued.v1": 6,
                "kontor.return.exchange-created.v1": 6,
                "kontor.notification.sent.v1": 6,
                "kontor.dlq.fulfillment.v1": 3,
                "kontor.dlq.wms-push.v1": 3,
                "kontor.dlq.tracking.v1": 3,
                "kontor.dlq.notification.v1": 3,
                "kontor.dlq.returns.v1": 3,
            ]
        )
        #expect(KontorTopics.spec(named: "kontor.order.received.v1")?.partitions == 6)
        #expect(KontorTopics.spec(named: "nope") == nil)
        for spec in KontorTopics.all {
            let parts = spec.name.split(separator: ".")
            #expect(parts.count == 4 && parts.first == "kontor" && parts.last == "v1", "\(spec.name)")
        }
    }

    @Test func topicForEventType() {
        #expect(KontorTopics.topic(for: OrderEventType.received) == KontorTopics.orderReceived)
        #expect(KontorTopics.topic(for: OrderEventType.validated) == KontorTopics.orderValidated)
        #expect(KontorTopics.topic(for: OrderEventType.rejected) == KontorTopics.orderRejected)
        let others = [
            InventoryEventType.stockChanged, FulfillmentEventType.pickTask, FulfillmentEventType.warehouseConfirmation,
            FulfillmentEventType.pickTaskCancellation, ShipmentEventType.tracking, ShipmentEventType.pickupScheduled,
            NotificationEventType.sent,
        ]
        for type in OrderEventType.all + ReturnEventType.all + others {
            #expect(KontorTopics.topic(for: type) != nil, "\(type)")
        }
        #expect(KontorTopics.topic(for: "com.example.other.v1") == nil)
        // A task's cancellation follows the task on its topic, so a WMS reads them in order.
        #expect(KontorTopics.topic(for: FulfillmentEventType.pickTaskCancellation) == KontorTopics.pickTask)
        #expect(
            OrderEventType.all.map(\.rawValue) == [
                "com.kontor.order.received.v1", "com.kontor.order.validated.v1", "com.kontor.order.rejected.v1",
                "com.kontor.order.held.v1", "com.kontor.order.released.v1", "com.kontor.order.cancelled.v1",
                "com.kontor.order.allocated.v1", "com.kontor.order.backordered.v1", "com.kontor.order.shipped.v1",
                "com.kontor.order.short-picked.v1", "com.kontor.order.tracked.v1", "com.kontor.order.delayed.v1",
                "com.kontor.order.cancel-requested.v1",
            ]
        )
    }

    @Test func headerKeys() {
        #expect(KontorHeaders.eventID == "kontor-event-id")
        #expect(KontorHeaders.eventType == "kontor-event-type")
        #expect(KontorHeaders.correlationID == "kontor-correlation-id")
        #expect(KontorHeaders.schemaVersion == "kontor-schema-version")
        #expect(KontorHeaders.dlqStage == "kontor-dlq-stage")
        #expect(KontorHeaders.dlqOriginalOffset == "kontor-dlq-original-offset")
        #expect(KontorHeaders.quarantineReason == "kontor-quarantine-reason")
        #expect(KontorHeaders.receivedAt == "kontor-received-at")
        #expect(KontorHeaders.contentType == "content-type")
        #expect(Set(KontorHeaders.all).count == KontorHeaders.all.count)
        #expect(KontorHeaders.all.count == 22)
        for key in KontorHeaders.all {
            #expect(key == key.lowercased() && !key.contains(" "), "\(key)")
        }
    }
}
