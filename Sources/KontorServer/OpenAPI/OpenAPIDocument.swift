/// The OpenAPI 3.1 document of Kontor's HTTP API, served at `GET /v1/openapi.yaml` (and as JSON at
/// `/v1/openapi.json`). It is compiled in, so the single `kontor` binary serves it without resource files. Every
/// route ``KontorRouter/make(ingest:configuration:load:readiness:webhooks:documents:quarantine:inventory:orders:)``
/// registers must be in it, and its examples must match its schemas (both checked by the server tests).
enum OpenAPIDocument {
    static let yaml = #"""
        openapi: 3.1.0
        info:
          title: Kontor HTTP API
          version: 1.0.0
          summary: Order ingest, B2B documents, webhooks, inventory and the orders' read API and actions.
          description: |
            Errors are RFC 9457 problem details (`application/problem+json`); problem types live under
            `https://kontor.dev/problems/`. Timestamps are RFC 3339 in UTC.

            Access: send an API token as `Authorization: Bearer <token>`, or the session cookie of
            `POST /v1/session`. Reading (`GET`) needs the scope `read`, other calls `operate` (which includes
            `read`), `POST /v1/orders`, `POST /v1/documents` and `POST /v1/wms/confirmations` need `ingest`. Operations marked `security: []`
            are open. Without a valid token the answer is 401 (`WWW-Authenticate: Bearer`), without the scope 403.
          license:
            name: Apache-2.0
            identifier: Apache-2.0
        servers:
          - url: http://127.0.0.1:8080
        security:
          - bearerToken: []
          - sessionCookie: []
        tags:
          - name: ingest
          - name: orders
          - name: inventory
          - name: shipments
          - name: operations
          - name: dead-letters
          - name: dashboard
          - name: returns
        paths:
          /v1/orders:
            post:
              tags: [ingest]
              operationId: ingestOrder
              summary: Accept a canonical order
              description: |
                Publishes `com.kontor.order.received.v1` and answers 202 once the broker acknowledged it. An
                `Idempotency-Key` header (else the body's SHA-256) makes the event id stable.
              parameters:
                - name: Idempotency-Key
                  in: header
                  required: false
                  schema: {type: string}
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      description: A canonical order (schemas/canonical-order.v1.schema.json).
              responses:
                "202":
                  description: Accepted and published.
                  headers:
                    Location:
                      schema: {type: string}
                      description: /v1/orders/{orderId}
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/IngestReceipt"}
                      example:
                        orderId: ord_3f1c2a9e5b7d4c6a8e0f1b2c3d4e5f60
                        eventId: 9a7b5c3d-1e2f-4a5b-8c7d-9e0f1a2b3c4d
                        status: received
                        topic: kontor.order.received.v1
                        partition: "3"
                        offset: "42"
                "400": {$ref: "#/components/responses/Problem"}
                "413": {$ref: "#/components/responses/Problem"}
                "415": {$ref: "#/components/responses/Problem"}
                "422": {$ref: "#/components/responses/Problem"}
                "503": {$ref: "#/components/responses/Problem"}
            get:
              tags: [orders]
              operationId: listOrders
              summary: Search orders, newest first
              parameters:
                - name: status
                  in: query
                  description: Only these statuses (repeatable, or comma-separated).
                  schema: {type: array, items: {$ref: "#/components/schemas/OrderStatus"}}
                  style: form
                  explode: true
                - name: channel
                  in: query
                  description: Only these channels (repeatable, or comma-separated).
                  schema: {type: array, items: {type: string}}
                  style: form
                  explode: true
                - name: from
                  in: query
                  description: Created at or after this instant (RFC 3339 date-time, or a date YYYY-MM-DD).
                  schema: {type: string}
                - name: to
                  in: query
                  description: Created before this instant; a date YYYY-MM-DD includes that whole day.
                  schema: {type: string}
                - name: customer
                  in: query
                  description: Only this customer id.
                  schema: {type: string}
                - name: q
                  in: query
                  description: Case-insensitive text in the order number or the customer's name.
                  schema: {type: string}
                - name: limit
                  in: query
                  schema: {type: integer, minimum: 1, maximum: 1000, default: 50}
                - name: cursor
                  in: query
                  description: The previous page's nextCursor.
                  schema: {type: string}
              responses:
                "200":
                  description: One page of order summaries; counts by status and channel on the first page.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/OrderPage"}
                      example:
                        orders:
                          - orderId: ord_3f1c2a9e5b7d4c6a8e0f1b2c3d4e5f60
                            orderNumber: SO-1001
                            channel: web
                            customerId: C-100
                            customerName: Erika Mustermann
                            status: validated
                            total: {amount: "39.90", currency: EUR}
                            createdAt: "2026-11-28T00:00:00.000000Z"
                            updatedAt: "2026-11-28T09:15:02.120000Z"
                            version: 2
                        nextCursor: null
                        counts:
                          total: 1
                          byStatus: {validated: 1}
                          byChannel: {web: 1}
                "400": {$ref: "#/components/responses/Problem"}
          /v1/orders/{id}:
            get:
              tags: [orders]
              operationId: getOrder
              summary: One order with its lines, allocation and timeline
              parameters:
                - {$ref: "#/components/parameters/OrderID"}
              responses:
                "200":
                  description: The order.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/OrderDetail"}
                      example:
                        orderId: ord_3f1c2a9e5b7d4c6a8e0f1b2c3d4e5f60
                        orderNumber: SO-1001
                        channel: web
                        customerId: C-100
                        customerName: Erika Mustermann
                        status: on-hold
                        total: {amount: "39.90", currency: EUR}
                        createdAt: "2026-11-28T00:00:00.000000Z"
                        updatedAt: "2026-11-28T09:20:00.000000Z"
                        version: 3
                        order: {orderNumber: SO-1001, channel: web}
                        lines:
                          - {lineNumber: "1", sku: SKU-RED-M, quantity: "2"}
                        allocation: null
                        timeline:
                          - sequence: 1
                            at: "2026-11-28T09:15:00.000000Z"
                            stage: ingest
                            eventType: order.received
                            status: received
                            details: null
                            eventId: 9a7b5c3d-1e2f-4a5b-8c7d-9e0f1a2b3c4d
                          - sequence: 2
                            at: "2026-11-28T09:20:00.000000Z"
                            stage: api
                            eventType: order.held
                            status: on-hold
                            details:
                              heldBy: ops@example.com
                              reasons:
                                - {code: held-by-operator, field: "", message: address check}
                            eventId: 0b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e
                        actions: {cancel: true, hold: true, release: true}
                "404": {$ref: "#/components/responses/Problem"}
          /v1/orders/{id}/cancel:
            post:
              tags: [orders]
              operationId: cancelOrder
              summary: Cancel an order (publishes com.kontor.order.cancelled.v1)
              description: >-
                An order being picked is not cancelled at once: the answer is 202 with `cancellation: requested` and
                status `picking`, com.kontor.order.cancel-requested.v1 is published, the warehouses get a
                pick-task cancellation, and the order is cancelled once they confirmed (kind `cancelled`).
              parameters:
                - {$ref: "#/components/parameters/OrderID"}
                - {$ref: "#/components/parameters/Actor"}
              requestBody: {$ref: "#/components/requestBodies/ActionNote"}
              responses:
                "200": {$ref: "#/components/responses/ActionUnchanged"}
                "202": {$ref: "#/components/responses/ActionAccepted"}
                "400": {$ref: "#/components/responses/Problem"}
                "404": {$ref: "#/components/responses/Problem"}
                "409": {$ref: "#/components/responses/Problem"}
                "503": {$ref: "#/components/responses/Problem"}
          /v1/orders/{id}/hold:
            post:
              tags: [orders]
              operationId: holdOrder
              summary: Hold an order for review (publishes com.kontor.order.held.v1, reason code held-by-operator)
              parameters:
                - {$ref: "#/components/parameters/OrderID"}
                - {$ref: "#/components/parameters/Actor"}
              requestBody: {$ref: "#/components/requestBodies/ActionNote"}
              responses:
                "200": {$ref: "#/components/responses/ActionUnchanged"}
                "202": {$ref: "#/components/responses/ActionAccepted"}
                "400": {$ref: "#/components/responses/Problem"}
                "404": {$ref: "#/components/responses/Problem"}
                "409": {$ref: "#/components/responses/Problem"}
                "503": {$ref: "#/components/responses/Problem"}
          /v1/orders/{id}/release:
            post:
              tags: [orders]
              operationId: releaseOrder
              summary: Release a held order (publishes com.kontor.order.released.v1)
              parameters:
                - {$ref: "#/components/parameters/OrderID"}
                - {$ref: "#/components/parameters/Actor"}
              requestBody: {$ref: "#/components/requestBodies/ActionNote"}
              responses:
                "202": {$ref: "#/components/responses/ActionAccepted"}
                "400": {$ref: "#/components/responses/Problem"}
                "404": {$ref: "#/components/responses/Problem"}
                "409": {$ref: "#/components/responses/Problem"}
                "503": {$ref: "#/components/responses/Problem"}
          /v1/webhooks/{connector}:
            post:
              tags: [ingest]
              security: []
              operationId: receiveWebhook
              summary: A partner webhook, at the path its connector file names
              parameters:
                - name: connector
                  in: path
                  required: true
                  schema: {type: string}
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {type: object}
              responses:
                "200":
                  description: Every order in the payload acknowledged by Kafka, or a known redelivery.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/WebhookReceipt"}
                      example:
                        status: received
                        orders:
                          - orderId: ord_3f1c2a9e5b7d4c6a8e0f1b2c3d4e5f60
                            eventId: 9a7b5c3d-1e2f-4a5b-8c7d-9e0f1a2b3c4d
                "400": {$ref: "#/components/responses/Problem"}
                "401": {$ref: "#/components/responses/Problem"}
                "413": {$ref: "#/components/responses/Problem"}
                "422": {$ref: "#/components/responses/Problem"}
                "503": {$ref: "#/components/responses/Problem"}
          /v1/tracking/{format}:
            post:
              tags: [ingest]
              security: []
              operationId: receiveTracking
              summary: A carrier's tracking webhook (easypost, aftership, dhl, any tracking-<format> mapping)
              description: >-
                Translated with the mapping `tracking-<format>`; each scan is published on kontor.shipment.tracking.v1
                keyed by tracking number. When KONTOR_TRACKING_<FORMAT>_SECRET is set the carrier's HMAC signature
                is required (EasyPost X-Hmac-Signature, AfterShip aftership-hmac-sha256, else X-Kontor-Signature
                sha256=<hex>). Documents that cannot be translated are quarantined.
              parameters:
                - name: format
                  in: path
                  required: true
                  schema: {type: string}
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {type: object}
              responses:
                "202":
                  description: Every scan acknowledged by Kafka.
                  content:
                    application/json:
                      schema: {type: object}
                      example:
                        status: received
                        events:
                          - eventId: 9a7b5c3d-1e2f-5a5b-8c7d-9e0f1a2b3c4d
                            trackingNumber: "9400110898825022579493"
                            status: delivered
                "400": {$ref: "#/components/responses/Problem"}
                "401": {$ref: "#/components/responses/Problem"}
                "404": {$ref: "#/components/responses/Problem"}
                "413": {$ref: "#/components/responses/Problem"}
                "422": {$ref: "#/components/responses/Problem"}
                "503": {$ref: "#/components/responses/Problem"}
          /v1/wms/confirmations:
            post:
              tags: [ingest]
              operationId: receiveWarehouseConfirmation
              summary: A WMS's report on a pick task (picked, packed, shipped, short-picked, cancelled)
              description: |
                The canonical confirmation JSON, or a WMS's own JSON read through a confirmation mapping under
                `mappings/<name>/confirmation.yaml` (`format` names it; without it, the content decides). Published
                to `kontor.fulfillment.warehouse-confirmation.v1`; the fulfillment stage applies it once per
                `confirmationId`. Refused bodies are kept on the quarantine topic (`quarantineId`).
              parameters:
                - name: format
                  in: query
                  required: false
                  schema: {type: string, examples: [canonical, wms-shipment-confirmation]}
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/WarehouseConfirmation"}
                    example:
                      confirmationId: WMS-MSG-000123
                      taskId: ord_3f1c2a9e5b7d4c6a8e0f1b2c3d4e5f60-WH-DE-LEJ-1
                      orderId: ord_3f1c2a9e5b7d4c6a8e0f1b2c3d4e5f60
                      kind: shipped
                      lines: [{lineNumber: "1", sku: SKU-RED-M, quantity: 2}]
                      shortLines: []
                      parcels: [{parcelId: "340434161234567890", trackingNumber: JJD000390007827364, weightGrams: 1200}]
                      carrier: dhl
                      carrierService: dhl-paket
                      occurredAt: "2026-11-30T14:05:00Z"
              responses:
                "202":
                  description: Kafka acknowledged the confirmation event.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [status, eventId, confirmationId, taskId, orderId, kind]
                        properties:
                          status: {type: string, enum: [accepted]}
                          eventId: {type: string}
                          confirmationId: {type: string}
                          taskId: {type: string}
                          orderId: {type: string}
                          kind: {type: string, enum: [picked, packed, shipped, short-picked, cancelled]}
                      example:
                        status: accepted
                        eventId: 0b7f5c1e-2d4a-5e6f-8a9b-0c1d2e3f4a5b
                        confirmationId: WMS-MSG-000123
                        taskId: ord_3f1c2a9e5b7d4c6a8e0f1b2c3d4e5f60-WH-DE-LEJ-1
                        orderId: ord_3f1c2a9e5b7d4c6a8e0f1b2c3d4e5f60
                        kind: shipped
                "400": {$ref: "#/components/responses/Problem"}
                "413": {$ref: "#/components/responses/Problem"}
                "422": {$ref: "#/components/responses/Problem"}
                "503": {$ref: "#/components/responses/Problem"}
          /v1/documents:
            post:
              tags: [ingest]
              operationId: receiveDocument
              summary: An X12 or EDIFACT interchange, or an XML order
              parameters:
                - name: partner
                  in: query
                  required: false
                  schema: {type: string}
              requestBody:
                required: true
                content:
                  application/EDI-X12: {schema: {type: string}}
                  application/EDIFACT: {schema: {type: string}}
                  application/xml: {schema: {type: string}}
                  application/octet-stream: {schema: {type: string}}
                  text/plain: {schema: {type: string}}
              responses:
                "202":
                  description: At least one order published; the report lists every transaction.
                  headers:
                    Kontor-Document-Status:
                      schema: {type: string, enum: [accepted, partially-accepted]}
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/DocumentReport"}
                      example:
                        status: accepted
                        receivedAt: "2026-11-28T09:15:00.000000Z"
                        format: x12
                        partner: acme
                        transactions:
                          - reference: "0001"
                            status: published
                            orderId: ord_3f1c2a9e5b7d4c6a8e0f1b2c3d4e5f60
                            orderNumber: PO-4711
                            eventId: 9a7b5c3d-1e2f-4a5b-8c7d-9e0f1a2b3c4d
                "400": {$ref: "#/components/responses/Problem"}
                "403": {$ref: "#/components/responses/Problem"}
                "413": {$ref: "#/components/responses/Problem"}
                "415": {$ref: "#/components/responses/Problem"}
                "422": {$ref: "#/components/responses/Problem"}
                "503": {$ref: "#/components/responses/Problem"}
          /v1/inventory/{sku}:
            get:
              tags: [inventory]
              operationId: getInventory
              summary: Available-to-promise of a SKU per location
              parameters:
                - {$ref: "#/components/parameters/SKU"}
              responses:
                "200":
                  description: Stock per location; available is on hand - reserved - safety stock, never below 0.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Inventory"}
                      example:
                        sku: SKU-RED-M
                        description: T-Shirt rot M
                        gtin: "4006381333931"
                        available: 12
                        locations:
                          - {locationId: WH-KOELN, onHand: 15, reserved: 2, safetyStock: 1, available: 12}
                "404": {$ref: "#/components/responses/Problem"}
          /v1/inventory/{sku}/receipts:
            post:
              tags: [inventory]
              operationId: receiveStock
              summary: Book a goods receipt of a SKU at a location
              parameters:
                - {$ref: "#/components/parameters/SKU"}
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [locationId, quantity]
                      properties:
                        locationId: {type: string}
                        quantity: {type: integer, minimum: 1}
                    example: {locationId: WH-KOELN, quantity: 10}
              responses:
                "200":
                  description: The SKU's stock level at the location after the receipt.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/StockLevel"}
                      example: {sku: SKU-RED-M, locationId: WH-KOELN, onHand: 25, reserved: 2, safetyStock: 1, available: 22}
                "400": {$ref: "#/components/responses/Problem"}
                "404": {$ref: "#/components/responses/Problem"}
                "422": {$ref: "#/components/responses/Problem"}
          /v1/orders/{id}/returns:
            post:
              tags: [returns]
              operationId: createReturn
              summary: Authorize a return (RMA) of shipped pieces (publishes com.kontor.return.authorized.v1)
              description: >-
                Only a shipped or delivered order can be returned (409 otherwise), within `returns.windowDays` of its
                delivery or last shipment. Each line's pieces must not exceed what shipped (or was ordered, while no
                shipment is known) minus the order's earlier RMAs (422 `return-refused`). An `Idempotency-Key`
                header makes a retry answer the first RMA.
              parameters:
                - {$ref: "#/components/parameters/OrderID"}
                - {$ref: "#/components/parameters/Actor"}
                - {$ref: "#/components/parameters/IdempotencyKey"}
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [lines, resolution]
                      properties:
                        lines:
                          type: array
                          minItems: 1
                          items:
                            type: object
                            required: [lineNumber, quantity]
                            properties:
                              lineNumber: {type: string}
                              quantity: {type: integer, minimum: 1, description: Pieces.}
                              reason: {type: string}
                        resolution: {type: string, enum: [refund, exchange]}
                        note: {type: string}
                    example:
                      lines: [{lineNumber: "1", quantity: 1, reason: damaged}]
                      resolution: refund
                      note: parcel arrived crushed
              responses:
                "201":
                  description: The RMA, with its label data; `Location` names it.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Return"}
                      example:
                        rmaNumber: RMA-2026-000042
                        orderId: ord_3f1c2a9e5b7d4c6a8e0f1b2c3d4e5f60
                        status: authorized
                        resolution: refund
                        lines: [{lineNumber: "1", sku: SKU-RED-M, quantity: 1, reason: damaged}]
                        label:
                          carrier: dhl
                          trackingNumber: KR20260000426
                          returnLocationId: WH-KOELN
                          shipFrom: {name: Erika Mustermann, street: Heidestraße 17, city: Köln, postalCode: "51147", country: DE}
                          shipTo: {street: Industriestraße 5, city: Köln, postalCode: "50735", country: DE}
                        note: parcel arrived crushed
                        authorizedBy: ops
                        authorizedAt: "2026-12-02T09:30:00.000000Z"
                        updatedAt: "2026-12-02T09:30:00.000000Z"
                        refund: null
                        exchangeOrderId: null
                "400": {$ref: "#/components/responses/Problem"}
                "404": {$ref: "#/components/responses/Problem"}
                "409": {$ref: "#/components/responses/Problem"}
                "422": {$ref: "#/components/responses/Problem"}
                "503": {$ref: "#/components/responses/Problem"}
          /v1/returns:
            get:
              tags: [returns]
              operationId: listReturns
              summary: RMAs, newest first
              parameters:
                - {name: orderId, in: query, required: false, schema: {type: string}}
                - name: status
                  in: query
                  required: false
                  schema: {type: string, enum: [authorized, received, refunded, exchanged]}
                - {name: limit, in: query, required: false, schema: {type: integer, minimum: 1, maximum: 500, default: 100}}
              responses:
                "200":
                  description: The RMAs.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [returns]
                        properties:
                          returns: {type: array, items: {$ref: "#/components/schemas/Return"}}
                "400": {$ref: "#/components/responses/Problem"}
          /v1/returns/{rma}:
            get:
              tags: [returns]
              operationId: getReturn
              summary: One RMA with its label data and receipts
              parameters:
                - {$ref: "#/components/parameters/RMANumber"}
              responses:
                "200":
                  description: The RMA.
                  content:
                    application/json:
                      schema:
                        allOf:
                          - {$ref: "#/components/schemas/Return"}
                          - type: object
                            required: [receipts]
                            properties:
                              receipts:
                                type: array
                                items:
                                  type: object
                                  required: [receiptNumber, locationId, receivedAt, lines]
                                  properties:
                                    receiptNumber: {type: integer}
                                    locationId: {type: string}
                                    receivedAt: {type: string, format: date-time}
                                    lines:
                                      type: array
                                      items:
                                        type: object
                                        required: [lineNumber, sku, quantity, condition, restocked]
                                        properties:
                                          lineNumber: {type: string}
                                          sku: {type: string}
                                          quantity: {type: integer}
                                          condition: {type: string, enum: [resalable, damaged, defective]}
                                          restocked: {type: boolean}
                "404": {$ref: "#/components/responses/Problem"}
          /v1/returns/{rma}/label:
            get:
              tags: [returns]
              operationId: getReturnLabel
              summary: The return label of an RMA
              description: >-
                ZPL for 203 dpi printers (4 x 6 in, Code 128 of the return tracking number), from the customer to the
                return location; PDF with `Accept: application/pdf`. 409 when the RMA has no return location.
              parameters:
                - {$ref: "#/components/parameters/RMANumber"}
              responses:
                "200":
                  description: The label.
                  content:
                    application/zpl: {schema: {type: string}}
                    application/pdf: {schema: {type: string, format: binary}}
                "404": {$ref: "#/components/responses/Problem"}
                "409": {$ref: "#/components/responses/Problem"}
          /v1/returns/{rma}/label.pdf:
            get:
              tags: [returns]
              operationId: getReturnLabelPDF
              summary: The return label of an RMA as PDF
              parameters:
                - {$ref: "#/components/parameters/RMANumber"}
              responses:
                "200":
                  description: One 4 x 6 in page.
                  content:
                    application/pdf: {schema: {type: string, format: binary}}
                "404": {$ref: "#/components/responses/Problem"}
                "409": {$ref: "#/components/responses/Problem"}
          /v1/returns/{rma}/receipt:
            post:
              tags: [returns]
              operationId: receiveReturn
              summary: Returned goods arrived at a warehouse (publishes com.kontor.return.received.v1; scope ingest)
              description: >-
                The returns stage then puts resalable pieces back on hand at the location, damaged and defective
                ones into quarantine, and issues the refund or creates the exchange order. The event id derives from
                the `Idempotency-Key` (else the body), so a retried receipt is booked once.
              parameters:
                - {$ref: "#/components/parameters/RMANumber"}
                - {$ref: "#/components/parameters/IdempotencyKey"}
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [locationId, lines]
                      properties:
                        locationId: {type: string}
                        receivedAt: {type: string, format: date-time}
                        lines:
                          type: array
                          minItems: 1
                          items:
                            type: object
                            required: [lineNumber, quantity, condition]
                            properties:
                              lineNumber: {type: string}
                              quantity: {type: integer, minimum: 1}
                              condition: {type: string, enum: [resalable, damaged, defective]}
                    example:
                      locationId: WH-KOELN
                      lines: [{lineNumber: "1", quantity: 1, condition: resalable}]
              responses:
                "202":
                  description: The receipt was published.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [rmaNumber, orderId, eventId, status, topic]
                        properties:
                          rmaNumber: {type: string}
                          orderId: {type: string}
                          eventId: {type: string}
                          status: {type: string}
                          topic: {type: string}
                      example:
                        rmaNumber: RMA-2026-000042
                        orderId: ord_3f1c2a9e5b7d4c6a8e0f1b2c3d4e5f60
                        eventId: 0b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e
                        status: received
                        topic: kontor.return.received.v1
                "400": {$ref: "#/components/responses/Problem"}
                "404": {$ref: "#/components/responses/Problem"}
                "409": {$ref: "#/components/responses/Problem"}
                "422": {$ref: "#/components/responses/Problem"}
                "503": {$ref: "#/components/responses/Problem"}
          /v1/quarantine:
            get:
              tags: [returns]
              operationId: listQuarantine
              summary: Returned pieces kept out of sellable stock (damaged, defective), per location and SKU
              parameters:
                - {name: locationId, in: query, required: false, schema: {type: string}}
              responses:
                "200":
                  description: The quarantined stock.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [quarantine]
                        properties:
                          quarantine:
                            type: array
                            items:
                              type: object
                              required: [locationId, sku, quantity]
                              properties:
                                locationId: {type: string}
                                sku: {type: string}
                                quantity: {type: integer}
                      example: {quarantine: [{locationId: WH-KOELN, sku: SKU-RED-M, quantity: 1}]}
          /v1/shipments/{taskId}/packing-slip:
            get:
              tags: [shipments]
              operationId: getPackingSlip
              summary: The packing slip of a shipment (pick task)
              description: >-
                HTML (UTF-8); PDF (A4) with `Accept: application/pdf`.
              parameters:
                - {$ref: "#/components/parameters/TaskID"}
              responses:
                "200":
                  description: Order number, date, addresses, carrier, tracking numbers and the lines to pack.
                  content:
                    text/html: {schema: {type: string}}
                    application/pdf: {schema: {type: string, format: binary}}
                "404": {$ref: "#/components/responses/Problem"}
          /v1/shipments/{taskId}/packing-slip.pdf:
            get:
              tags: [shipments]
              operationId: getPackingSlipPDF
              summary: The packing slip of a shipment as PDF
              parameters:
                - {$ref: "#/components/parameters/TaskID"}
              responses:
                "200":
                  description: The packing slip, A4.
                  content:
                    application/pdf: {schema: {type: string, format: binary}}
                "404": {$ref: "#/components/responses/Problem"}
          /v1/shipments/{taskId}/label:
            get:
              tags: [shipments]
              operationId: getShippingLabel
              summary: The shipping labels of a shipment, one per parcel with a tracking number
              description: >-
                ZPL for 203 dpi printers (4 x 6 in, Code 128 of the tracking number); PDF (4 x 6 in pages) with
                `Accept: application/pdf`. 409 while no parcel has a tracking number.
              parameters:
                - {$ref: "#/components/parameters/TaskID"}
              responses:
                "200":
                  description: The labels.
                  content:
                    application/zpl: {schema: {type: string}}
                    application/pdf: {schema: {type: string, format: binary}}
                "404": {$ref: "#/components/responses/Problem"}
                "409": {$ref: "#/components/responses/Problem"}
          /v1/shipments/{taskId}/label.pdf:
            get:
              tags: [shipments]
              operationId: getShippingLabelPDF
              summary: The shipping labels of a shipment as PDF
              parameters:
                - {$ref: "#/components/parameters/TaskID"}
              responses:
                "200":
                  description: One 4 x 6 in page per parcel with a tracking number.
                  content:
                    application/pdf: {schema: {type: string, format: binary}}
                "404": {$ref: "#/components/responses/Problem"}
                "409": {$ref: "#/components/responses/Problem"}
          /v1/pickups:
            get:
              tags: [shipments]
              operationId: listPickups
              summary: Carrier pickups Kontor booked, newest day first
              description: >-
                One pickup per shipping location, carrier and day (`shipping.pickups.*`), with its state: `booking`
                (the carrier is being asked), `retrying` (the carrier was unavailable; asked again before the
                cut-off), `scheduled` (with the carrier's pickup id) or `failed` (refused; the carrier's answer in
                `error`, not tried again).
              parameters:
                - name: date
                  in: query
                  description: The pickup day, YYYY-MM-DD.
                  schema: {type: string, format: date}
                - name: location
                  in: query
                  description: The shipping location's id.
                  schema: {type: string}
                - name: carrier
                  in: query
                  description: The carrier, e.g. dhl.
                  schema: {type: string}
                - name: limit
                  in: query
                  description: At most this many (1-1000, default 200).
                  schema: {type: integer, minimum: 1, maximum: 1000}
              responses:
                "200":
                  description: The pickups.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [pickups]
                        properties:
                          pickups:
                            type: array
                            items:
                              type: object
                              required: [reference, locationId, carrier, date, state, parcels, attempts]
                              properties:
                                reference: {type: string, description: "Idempotency key sent to the carrier."}
                                locationId: {type: string}
                                carrier: {type: string}
                                date: {type: string, format: date}
                                state: {type: string, enum: [booking, retrying, scheduled, failed]}
                                carrierPickupId: {type: [string, "null"]}
                                parcels:
                                  type: array
                                  items:
                                    type: object
                                    properties:
                                      trackingNumber: {type: string}
                                      weightGrams: {type: [integer, "null"]}
                                totalWeightGrams: {type: integer}
                                error: {type: [string, "null"]}
                                attempts: {type: integer}
                                updatedAt: {type: string, format: date-time}
                                published: {type: boolean, description: "The pickup-scheduled event is published."}
                      example:
                        pickups:
                          - reference: WH-DE-LEJ-dhl-2026-11-30
                            locationId: WH-DE-LEJ
                            carrier: dhl
                            date: "2026-11-30"
                            state: scheduled
                            carrierPickupId: PU-4711
                            parcels: [{trackingNumber: JJD000390007712345, weightGrams: 2400}]
                            totalWeightGrams: 2400
                            error: null
                            attempts: 1
                            updatedAt: "2026-11-30T15:00:00Z"
                            published: true
                "400": {$ref: "#/components/responses/Problem"}
          /v1/openapi.yaml:
            get:
              tags: [operations]
              operationId: getOpenAPIYAML
              summary: This document as YAML
              responses:
                "200":
                  description: The OpenAPI document.
                  content:
                    application/yaml: {schema: {type: string}}
          /v1/openapi.json:
            get:
              tags: [operations]
              operationId: getOpenAPIJSON
              summary: This document as JSON
              responses:
                "200":
                  description: The OpenAPI document.
                  content:
                    application/json: {schema: {type: object}}
          /healthz:
            get:
              tags: [operations]
              security: []
              operationId: health
              summary: Liveness
              responses:
                "200":
                  description: The process runs.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [status]
                        properties: {status: {const: ok}}
                      example: {status: ok}
          /readyz:
            get:
              tags: [operations]
              security: []
              operationId: ready
              summary: Readiness
              responses:
                "200":
                  description: Every check passes.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Readiness"}
                      example: {status: ready, kafka: ok}
                "503":
                  description: A check fails.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Readiness"}
                      example: {status: not ready, kafka: failing}
          /metrics:
            get:
              tags: [operations]
              operationId: metrics
              summary: Prometheus metrics
              description: >-
                Counters, gauges and histograms in the Prometheus text format 0.0.4: per stage, HTTP route, consumer
                group, connector and order outcome (names `kontor_*`, listed in the README's Metrics section).
              responses:
                "200":
                  description: The metrics, one sample a line.
                  content:
                    text/plain:
                      schema: {type: string}
                      example: |
                        # TYPE kontor_stage_messages_processed_total counter
                        kontor_stage_messages_processed_total{stage="validation"} 42
          /v1/session:
            post:
              tags: [operations]
              operationId: login
              summary: Log in for the dashboard
              description: |
                With an API token (the session gets its scopes) or the dashboard password (scope `operate`), sets
                the `kontor_session` cookie (HttpOnly, SameSite=Strict, expires after `auth.sessionMinutes`).
              security: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        token: {type: string}
                        password: {type: string}
                    example: {password: correct horse battery staple}
              responses:
                "200":
                  description: Logged in; the answer sets the session cookie.
                  headers:
                    Set-Cookie:
                      schema: {type: string}
                      description: kontor_session=...; Max-Age=28800; Path=/; HttpOnly; SameSite=Strict
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Session"}
                      example: {name: dashboard, scopes: [operate], expiresAt: "2026-11-28T18:00:00Z"}
                "400": {$ref: "#/components/responses/Problem"}
                "401": {$ref: "#/components/responses/Problem"}
                "429":
                  description: >-
                    Too many wrong passwords within a minute (auth.passwordFailuresPerMinute); password logins are
                    refused until Retry-After. Token logins are not limited.
                  headers:
                    Retry-After: {schema: {type: integer}}
                  content:
                    application/problem+json:
                      schema: {$ref: "#/components/schemas/Problem"}
            delete:
              tags: [operations]
              operationId: logout
              summary: Log out
              security: []
              responses:
                "204":
                  description: The session ended; the answer clears the cookie.
          /v1/dlq:
            get:
              tags: [dead-letters]
              operationId: listDeadLetters
              summary: Dead letters, newest failure first
              parameters:
                - {name: stage, in: query, description: "Only this stage's, e.g. validation.", schema: {type: string}}
                - name: since
                  in: query
                  description: Only those that last failed at or after this RFC 3339 date-time or date.
                  schema: {type: string}
                - {name: error, in: query, description: Text in the error message or class., schema: {type: string}}
                - name: status
                  in: query
                  schema: {$ref: "#/components/schemas/DeadLetterStatus"}
                - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 1000, default: 50}}
                - {name: cursor, in: query, description: The previous page's nextCursor., schema: {type: string}}
              responses:
                "200":
                  description: One page.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/DeadLetterPage"}
                      example:
                        deadLetters:
                          - id: validation:9a7b5c3d-1e2f-4a5b-8c7d-9e0f1a2b3c4d
                            stage: validation
                            eventId: 9a7b5c3d-1e2f-4a5b-8c7d-9e0f1a2b3c4d
                            originalTopic: kontor.order.received.v1
                            originalPartition: 3
                            originalOffset: 42
                            key: ord_3f1c2a9e5b7d4c6a8e0f1b2c3d4e5f60
                            keyEncoding: utf-8
                            errorClass: unparseable
                            errorMessage: "not a canonical order event: unexpected end of JSON"
                            attempts: 1
                            firstFailure: "2026-11-28T09:15:02.123456Z"
                            lastFailure: "2026-11-28T09:15:02.123456Z"
                            status: open
                            replayCount: 0
                        nextCursor: null
                "400": {$ref: "#/components/responses/Problem"}
          /v1/dlq/{id}:
            get:
              tags: [dead-letters]
              operationId: getDeadLetter
              summary: One dead letter with its headers and payload
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "200":
                  description: The dead letter; the payload as text when it is UTF-8, else base64.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/DeadLetterDetail"}
                "404": {$ref: "#/components/responses/Problem"}
          /v1/dlq/replay:
            post:
              tags: [dead-letters]
              operationId: replayDeadLetters
              summary: Publish dead letters again
              description: |
                Without a status or ids, the open dead letters the filters select; purged ones never. The message
                keeps its payload, key, headers and event id (a stage skips an event it processed since), plus
                `kontor-replay-of` and `kontor-replay-attempts`. Audited under the token's name.
              parameters:
                - {$ref: "#/components/parameters/Actor"}
              requestBody:
                required: false
                content:
                  application/json:
                    schema:
                      allOf: [{$ref: "#/components/schemas/DeadLetterSelection"}]
                      properties:
                        to: {type: string, description: "original (default) or a topic", default: original}
                        dryRun: {type: boolean, default: false}
                    example: {stage: validation, status: open, dryRun: true}
              responses:
                "200":
                  description: What was (or, for a dry run, would be) replayed.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/ReplayResult"}
                      example:
                        dryRun: false
                        selected: 1
                        replayed: 1
                        ids: [validation:9a7b5c3d-1e2f-4a5b-8c7d-9e0f1a2b3c4d]
                "400": {$ref: "#/components/responses/Problem"}
                "503": {$ref: "#/components/responses/Problem"}
          /v1/dlq/purge:
            post:
              tags: [dead-letters]
              operationId: purgeDeadLetters
              summary: Mark dead letters purged
              description: At least one filter or ids. Audited under the token's name.
              parameters:
                - {$ref: "#/components/parameters/Actor"}
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/DeadLetterSelection"}
                    example: {stage: validation, error: unparseable}
              responses:
                "200":
                  description: How many were purged.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/PurgeResult"}
                      example: {purged: 2}
                "400": {$ref: "#/components/responses/Problem"}
          /v1/audit:
            get:
              tags: [dead-letters]
              operationId: listAudit
              summary: The audit log of operator actions, newest first
              parameters:
                - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 1000, default: 50}}
                - {name: before, in: query, description: The previous page's nextBefore., schema: {type: integer}}
              responses:
                "200":
                  description: One page.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/AuditPage"}
                      example:
                        entries:
                          - sequence: 7
                            actor: erika
                            at: "2026-11-28T10:02:11.5Z"
                            action: dlq.replay
                            filter: stage=validation status=open
                            count: 1
                        nextBefore: null
                "400": {$ref: "#/components/responses/Problem"}
          /dashboard:
            get:
              tags: [dashboard]
              security: []
              operationId: dashboardPage
              summary: The ops dashboard (one HTML page; its data calls need a session or token)
              responses:
                "200":
                  description: The page, with everything inline.
                  content:
                    text/html: {schema: {type: string}}
          /v1/dashboard/summary:
            get:
              tags: [dashboard]
              operationId: dashboardSummary
              summary: Order counts, orders per hour, exceptions, open dead letters, consumer lag and connectors
              responses:
                "200":
                  description: The summary now.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/DashboardSummary"}
          /v1/dashboard/stream:
            get:
              tags: [dashboard]
              operationId: dashboardStream
              summary: The summary as server-sent events, at once and whenever it changed
              description: |
                `event: summary` with the summary (`DashboardSummary`) as `data`, sent at once and then whenever it
                changed (looked at every few seconds); comment lines in between. The stream ends when the server
                shuts down, or after `events` summaries.
              parameters:
                - name: events
                  in: query
                  description: End the stream after this many summaries.
                  schema: {type: integer, minimum: 1, maximum: 1000}
              responses:
                "200":
                  description: The event stream.
                  content:
                    text/event-stream: {schema: {type: string}}
                "400": {$ref: "#/components/responses/Problem"}
        components:
          securitySchemes:
            bearerToken:
              type: http
              scheme: bearer
              description: |
                An API token from the tokens file or `auth.tokens` (`kontor token create NAME --scope ...`), or the
                admin token Kontor writes to `<stateDirectory>/admin.token` when no token is configured.
            sessionCookie:
              type: apiKey
              in: cookie
              name: kontor_session
              description: The dashboard session of `POST /v1/session`.
          parameters:
            OrderID:
              name: id
              in: path
              required: true
              description: The Kontor order id (ord_ + 32 hex digits).
              schema: {type: string}
            SKU:
              name: sku
              in: path
              required: true
              schema: {type: string}
            TaskID:
              name: taskId
              in: path
              required: true
              description: The pick task id, which is the shipment's id (`<orderId>-<locationId>-<n>`).
              schema: {type: string}
            Actor:
              name: X-Kontor-Actor
              in: header
              required: false
              description: >-
                The person a client acts for; recorded as "<token name> for <person>" (the token's name alone when
                absent).
              schema: {type: string}
            RMANumber:
              name: rma
              in: path
              required: true
              description: The RMA number (RMA-<year>-<6 digits>).
              schema: {type: string}
            IdempotencyKey:
              name: Idempotency-Key
              in: header
              required: false
              description: Makes a retried request answer the first one's result instead of repeating it.
              schema: {type: string}
          requestBodies:
            ActionNote:
              required: false
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      reason: {type: string, description: Why (cancel, hold).}
                      note: {type: string, description: The operator's note (release).}
                  example: {reason: customer asked by phone}
          responses:
            Problem:
              description: An RFC 9457 problem.
              content:
                application/problem+json:
                  schema: {$ref: "#/components/schemas/Problem"}
                  example:
                    type: https://kontor.dev/problems/illegal-transition
                    title: Illegal transition
                    status: 409
                    detail: "cannot cancel an order that is shipped: it has shipped; create a return instead"
                    instance: /v1/orders/ord_3f1c2a9e5b7d4c6a8e0f1b2c3d4e5f60/cancel
            ActionAccepted:
              description: The action's event was published and the read model updated.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/ActionResult"}
                  example:
                    orderId: ord_3f1c2a9e5b7d4c6a8e0f1b2c3d4e5f60
                    status: cancelled
                    changed: true
                    eventId: 0b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e
            ActionUnchanged:
              description: The order is in the action's status already; nothing was published.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/ActionResult"}
                  example: {orderId: ord_3f1c2a9e5b7d4c6a8e0f1b2c3d4e5f60, status: cancelled, changed: false}
          schemas:
            OrderStatus:
              type: string
              enum: [received, validated, on-hold, rejected, allocated, partially-allocated, backordered, picking,
                partially-shipped, shipped, delivered, cancelled, returned]
            Problem:
              type: object
              required: [type, title, status, detail]
              properties:
                type: {type: string}
                title: {type: string}
                status: {type: integer}
                detail: {type: string}
                instance: {type: string}
                field: {type: string, description: The offending field or query parameter.}
                quarantineId: {type: string}
                retryAfter: {type: integer}
                acknowledgement: {type: string}
            IngestReceipt:
              type: object
              required: [orderId, eventId, status, topic, partition, offset]
              properties:
                orderId: {type: string}
                eventId: {type: string}
                status: {const: received}
                topic: {type: string}
                partition: {type: string}
                offset: {type: string}
            OrderSummary:
              type: object
              required: [orderId, orderNumber, channel, customerId, customerName, status, total, createdAt, updatedAt,
                version]
              properties:
                orderId: {type: string}
                orderNumber: {type: string}
                channel: {type: string}
                customerId: {type: [string, "null"]}
                customerName: {type: [string, "null"]}
                status: {$ref: "#/components/schemas/OrderStatus"}
                total:
                  oneOf:
                    - type: "null"
                    - type: object
                      required: [amount, currency]
                      properties:
                        amount: {type: string, description: A decimal string.}
                        currency: {type: [string, "null"]}
                createdAt: {type: string, format: date-time}
                updatedAt: {type: string, format: date-time}
                version: {type: integer, minimum: 1}
            OrderPage:
              type: object
              required: [orders, nextCursor]
              properties:
                orders:
                  type: array
                  items: {$ref: "#/components/schemas/OrderSummary"}
                nextCursor: {type: [string, "null"]}
                counts:
                  type: object
                  required: [total, byStatus, byChannel]
                  properties:
                    total: {type: integer}
                    byStatus: {type: object, additionalProperties: {type: integer}}
                    byChannel: {type: object, additionalProperties: {type: integer}}
            TimelineEntry:
              type: object
              required: [sequence, at, stage, eventType, status, details, eventId]
              properties:
                sequence: {type: integer, minimum: 1}
                at: {type: string, format: date-time}
                stage: {type: string, description: "Who produced the event: ingest, validation, allocation, api."}
                eventType: {type: string, examples: [order.validated]}
                status: {$ref: "#/components/schemas/OrderStatus"}
                details:
                  description: |
                    Reasons, warnings, hold/release/cancel details, the routing summary and backorders; `lifecycle`
                    says what the projection made of an event the order lifecycle refused.
                  type: [object, "null"]
                eventId: {type: string}
            Allocation:
              type: object
              required: [status, shipments, backorders, reservations, decision]
              properties:
                status: {type: string, enum: [allocated, partiallyAllocated, backordered]}
                shipments:
                  type: array
                  items:
                    type: object
                    required: [locationId, method, lines]
                    properties:
                      locationId: {type: string}
                      method: {type: string, enum: [ship, pickup]}
                      lines:
                        type: array
                        items:
                          type: object
                          required: [lineNumber, sku, quantity]
                          properties:
                            lineNumber: {type: string}
                            sku: {type: string}
                            quantity: {type: integer}
                backorders:
                  type: array
                  items:
                    type: object
                    required: [lineNumber, sku, quantity]
                    properties:
                      lineNumber: {type: string}
                      sku: {type: string}
                      quantity: {type: integer}
                      expectedDate: {type: string, format: date}
                      meetsRequestedDate: {type: boolean}
                reservations:
                  type: array
                  items:
                    type: object
                    required: [lineNumber, sku, locationId, quantity]
                    properties:
                      lineNumber: {type: string}
                      sku: {type: string}
                      locationId: {type: string}
                      quantity: {type: integer}
                decision: {type: object}
            OrderDetail:
              allOf:
                - {$ref: "#/components/schemas/OrderSummary"}
                - type: object
                  required: [order, lines, allocation, timeline, actions]
                  properties:
                    order: {type: [object, "null"], description: The canonical order.}
                    lines: {type: array, items: {type: object}}
                    allocation:
                      oneOf:
                        - type: "null"
                        - {$ref: "#/components/schemas/Allocation"}
                    timeline: {type: array, items: {$ref: "#/components/schemas/TimelineEntry"}}
                    shipments: {type: array, items: {$ref: "#/components/schemas/Shipment"}}
                    actions:
                      type: object
                      required: [cancel, hold, release]
                      properties:
                        cancel: {type: boolean}
                        hold: {type: boolean}
                        release: {type: boolean}
                    returns: {type: array, items: {$ref: "#/components/schemas/Return"}, description: The order's RMAs.}
                    exchangeOf:
                      type: [object, "null"]
                      description: The order and RMA this order replaces in an exchange.
                    flags:
                      description: What needs attention (a carrier exception, a delay with its new estimate).
                      type: array
                      items:
                        type: object
                        required: [flag, detail, at]
                        properties:
                          flag: {type: string, enum: [exception, delayed]}
                          detail: {type: [string, "null"]}
                          at: {type: string, format: date-time}
            ConfirmedLine:
              type: object
              required: [lineNumber, sku, quantity]
              properties:
                lineNumber: {type: string}
                sku: {type: string}
                quantity: {type: integer, minimum: 1}
            Parcel:
              type: object
              properties:
                parcelId: {type: [string, "null"]}
                trackingNumber: {type: [string, "null"]}
                weightGrams: {type: [integer, "null"]}
                lengthMm: {type: [integer, "null"]}
                widthMm: {type: [integer, "null"]}
                heightMm: {type: [integer, "null"]}
                carrier: {type: string, description: In the order detail, from carrier tracking.}
                status:
                  type: [string, "null"]
                  description: In the order detail, the latest carrier status.
                  enum: [label-created, in-transit, out-for-delivery, delivered, exception, returned-to-sender, null]
                lastScan: {type: [object, "null"], description: In the order detail, the latest carrier scan.}
            WarehouseConfirmation:
              type: object
              required: [confirmationId, taskId, orderId, kind, lines, shortLines, parcels, occurredAt]
              properties:
                confirmationId: {type: string, description: The WMS's message id; applied once.}
                taskId: {type: string, description: "The pick task: <orderId>-<locationId>-<n>."}
                orderId: {type: string}
                kind: {type: string, enum: [picked, packed, shipped, short-picked, cancelled]}
                lines:
                  description: Pieces picked, packed or shipped; a shipped confirmation without lines ships all open.
                  type: array
                  items: {$ref: "#/components/schemas/ConfirmedLine"}
                shortLines: {type: array, items: {$ref: "#/components/schemas/ConfirmedLine"}}
                parcels: {type: array, items: {$ref: "#/components/schemas/Parcel"}}
                carrier: {type: [string, "null"]}
                carrierService: {type: [string, "null"]}
                occurredAt: {type: string, format: date-time}
            Shipment:
              description: >-
                One pick task of the order, as the warehouse reported it, with carrier tracking (promised date, when it
                shipped, each parcel's latest scan). A shipment only a carrier or WMS reported, without a pick task,
                has no location, status or lines.
              type: object
              required: [taskId, carrier, carrierService, trackingNumbers, parcels]
              properties:
                promisedDate: {type: [string, "null"], format: date}
                shippedAt: {type: [string, "null"], format: date-time}
                taskId: {type: string}
                locationId: {type: string}
                method: {type: string, enum: [ship, pickup]}
                status: {type: string, enum: [open, picked, packed, shipped, short, cancelled]}
                carrier: {type: [string, "null"]}
                carrierService: {type: [string, "null"]}
                trackingNumbers: {type: array, items: {type: string}}
                parcels: {type: array, items: {$ref: "#/components/schemas/Parcel"}}
                lines:
                  type: array
                  items:
                    type: object
                    required: [lineNumber, sku, quantity, picked, shipped, short]
                    properties:
                      lineNumber: {type: string}
                      sku: {type: string}
                      quantity: {type: integer}
                      picked: {type: integer}
                      shipped: {type: integer}
                      short: {type: integer}
                createdAt: {type: string, format: date-time}
                updatedAt: {type: string, format: date-time}
            Return:
              type: object
              required: [rmaNumber, orderId, status, resolution, lines, label, authorizedBy, authorizedAt, updatedAt]
              properties:
                rmaNumber: {type: string, pattern: "^RMA-[0-9]{4}-[0-9]{6}$"}
                orderId: {type: string}
                status: {type: string, enum: [authorized, received, refunded, exchanged]}
                resolution: {type: string, enum: [refund, exchange]}
                lines:
                  type: array
                  items:
                    type: object
                    required: [lineNumber, sku, quantity, reason]
                    properties:
                      lineNumber: {type: string}
                      sku: {type: string}
                      quantity: {type: integer}
                      reason: {type: string}
                label:
                  type: object
                  description: What the return label needs.
                  required: [carrier, trackingNumber]
                  properties:
                    carrier: {type: string}
                    trackingNumber: {type: string}
                    returnLocationId: {type: [string, "null"]}
                    shipFrom: {type: [object, "null"], description: The customer's address (the order's ship-to).}
                    shipTo: {type: [object, "null"], description: The receiving location's address.}
                note: {type: [string, "null"]}
                authorizedBy: {type: string}
                authorizedAt: {type: string, format: date-time}
                updatedAt: {type: string, format: date-time}
                refund:
                  oneOf:
                    - type: "null"
                    - type: object
                      required: [amount, currency]
                      properties:
                        amount: {type: string}
                        currency: {type: string}
                exchangeOrderId: {type: [string, "null"]}
            ActionResult:
              type: object
              required: [orderId, status, changed]
              properties:
                orderId: {type: string}
                status: {$ref: "#/components/schemas/OrderStatus"}
                changed: {type: boolean}
                eventId: {type: string}
                cancellation:
                  type: string
                  enum: [requested]
                  description: Set when a cancel of an order being picked was passed on to the warehouses.
            WebhookReceipt:
              type: object
              required: [status]
              properties:
                status: {type: string, enum: [received, duplicate]}
                orders:
                  type: array
                  items:
                    type: object
                    required: [orderId, eventId]
                    properties:
                      orderId: {type: string}
                      eventId: {type: string}
                deliveryId: {type: string}
            DocumentReport:
              type: object
              required: [status, receivedAt, transactions]
              properties:
                status: {type: string, enum: [accepted, partially-accepted, rejected]}
                receivedAt: {type: string, format: date-time}
                format: {type: string}
                partner: {type: string}
                sender: {type: string}
                interchangeControlNumber: {type: string}
                error: {type: string}
                quarantineId: {type: string}
                transactions:
                  type: array
                  items:
                    type: object
                    required: [reference, status]
                    properties:
                      reference: {type: string}
                      status: {type: string, enum: [published, refused]}
                      orderId: {type: string}
                      orderNumber: {type: string}
                      eventId: {type: string}
                      error: {type: string}
                acknowledgement:
                  type: object
                  properties:
                    kind: {type: string}
                    fileName: {type: string}
                    controlNumber: {type: string}
                    content: {type: string}
            StockLevel:
              type: object
              required: [locationId, onHand, reserved, safetyStock, available]
              properties:
                sku: {type: string}
                locationId: {type: string}
                onHand: {type: integer}
                reserved: {type: integer}
                safetyStock: {type: integer}
                available: {type: integer, minimum: 0}
            Inventory:
              type: object
              required: [sku, available, locations]
              properties:
                sku: {type: string}
                description: {type: string}
                gtin: {type: string}
                available: {type: integer, minimum: 0}
                locations: {type: array, items: {$ref: "#/components/schemas/StockLevel"}}
            Session:
              type: object
              required: [name, scopes, expiresAt]
              properties:
                name: {type: string, description: The token's name, or dashboard for a password login.}
                scopes: {type: array, items: {type: string, enum: [read, operate, ingest]}}
                expiresAt: {type: string, format: date-time}
            Readiness:
              type: object
              required: [status]
              properties:
                status: {type: string, enum: [ready, not ready]}
              additionalProperties: {type: string, enum: [ok, failing, ready, not ready]}
            DeadLetterStatus: {type: string, enum: [open, replayed, purged]}
            DeadLetter:
              type: object
              required: [id, stage, eventId, originalTopic, originalPartition, originalOffset, key, keyEncoding,
                errorClass, errorMessage, attempts, firstFailure, lastFailure, status, replayCount]
              properties:
                id: {type: string, description: "<stage>:<event id>, or <stage>:<topic>/<partition>/<offset>"}
                stage: {type: string}
                eventId: {type: [string, "null"]}
                originalTopic: {type: string}
                originalPartition: {type: integer}
                originalOffset: {type: integer}
                key: {type: [string, "null"]}
                keyEncoding: {enum: [utf-8, base64, null]}
                errorClass: {type: string, description: "unparseable, schema-violation, transient or unexpected"}
                errorMessage: {type: string}
                attempts: {type: integer, minimum: 1}
                firstFailure: {type: string, format: date-time}
                lastFailure: {type: string, format: date-time}
                status: {$ref: "#/components/schemas/DeadLetterStatus"}
                replayCount: {type: integer, minimum: 0}
            DeadLetterDetail:
              allOf: [{$ref: "#/components/schemas/DeadLetter"}]
              required: [headers, payload, payloadEncoding]
              properties:
                headers:
                  type: array
                  items:
                    type: object
                    required: [key, value, encoding]
                    properties:
                      key: {type: string}
                      value: {type: [string, "null"]}
                      encoding: {enum: [utf-8, base64, null]}
                payload: {type: string}
                payloadEncoding: {enum: [utf-8, base64]}
            DeadLetterPage:
              type: object
              required: [deadLetters, nextCursor]
              properties:
                deadLetters: {type: array, items: {$ref: "#/components/schemas/DeadLetter"}}
                nextCursor: {type: [string, "null"]}
            DeadLetterSelection:
              type: object
              properties:
                stage: {type: string}
                since: {type: string, description: RFC 3339 date-time or date}
                error: {type: string}
                status: {$ref: "#/components/schemas/DeadLetterStatus"}
                ids: {type: array, items: {type: string}}
            ReplayResult:
              type: object
              required: [dryRun, selected, replayed, ids]
              properties:
                dryRun: {type: boolean}
                selected: {type: integer, minimum: 0}
                replayed: {type: integer, minimum: 0}
                ids: {type: array, items: {type: string}}
            PurgeResult:
              type: object
              required: [purged]
              properties:
                purged: {type: integer, minimum: 0}
            AuditEntry:
              type: object
              required: [sequence, actor, at, action, filter, count]
              properties:
                sequence: {type: integer}
                actor: {type: string}
                at: {type: string, format: date-time}
                action: {type: string, description: "dlq.replay or dlq.purge"}
                filter: {type: string}
                count: {type: integer, minimum: 0}
            AuditPage:
              type: object
              required: [entries, nextBefore]
              properties:
                entries: {type: array, items: {$ref: "#/components/schemas/AuditEntry"}}
                nextBefore: {type: [integer, "null"]}
            DashboardSummary:
              type: object
              required: [orders, ordersPerHour, exceptions, consumerLag, connectors]
              properties:
                orders:
                  type: object
                  required: [total, byStatus, byChannel]
                  properties:
                    total: {type: integer}
                    byStatus: {type: object, additionalProperties: {type: integer}}
                    byChannel: {type: object, additionalProperties: {type: integer}}
                ordersPerHour:
                  type: array
                  description: Orders that arrived in each of the last 24 hours (UTC), oldest first; the last is the current hour.
                  items:
                    type: object
                    required: [hour, count]
                    properties:
                      hour: {type: string, format: date-time}
                      count: {type: integer, minimum: 0}
                exceptions:
                  type: object
                  description: Per status that needs a person (on-hold, backordered, rejected), the newest five.
                  additionalProperties:
                    type: object
                    required: [count, newest]
                    properties:
                      count: {type: integer, minimum: 0}
                      newest: {type: array, items: {$ref: "#/components/schemas/OrderSummary"}}
                deadLetters:
                  type: object
                  description: Open dead letters; absent without a dead-letter index.
                  required: [open, byStage]
                  properties:
                    open: {type: integer, minimum: 0}
                    byStage: {type: object, additionalProperties: {type: integer}}
                consumerLag:
                  type: [object, "null"]
                  description: Messages each pipeline consumer group trails its input; null when not measured.
                  additionalProperties: {type: integer}
                connectors:
                  type: array
                  items:
                    type: object
                    required: [name, type, state, detail]
                    properties:
                      name: {type: string}
                      type: {type: string}
                      state: {enum: [ready, disabled, unavailable]}
                      detail: {type: string}
                      orders: {type: integer, description: Orders taken since start.}
                      errors: {type: integer, description: Refused or failed deliveries since start.}
                      errorRate: {type: [number, "null"], description: Errors per delivery; null before any.}
                      lastMessageAt: {type: [string, "null"], format: date-time}
                      lastError: {type: [string, "null"]}
        """#
}
