import Foundation
import KontorModel
import KontorStore

/// The JSON the returns routes answer with.
enum ReturnViews {
    /// `{rmaNumber, orderId, status, resolution, lines, label, note, authorizedBy, authorizedAt, updatedAt, refund,
    /// exchangeOrderId}`; absent values are `null`. `label` holds what the return label needs: `{carrier,
    /// trackingNumber, returnLocationId, shipFrom, shipTo}` (addresses as in the canonical order, `null` when
    /// unknown).
    static func summary(_ rma: ReturnRecord, shipFrom: Address? = nil, shipTo: Address? = nil) -> [String: Any] {
        [
            "rmaNumber": rma.rmaNumber,
            "orderId": rma.orderID.rawValue,
            "status": rma.status.rawValue,
            "resolution": rma.resolution.rawValue,
            "lines": rma.lines.map {
                ["lineNumber": $0.lineNumber, "sku": $0.sku, "quantity": $0.quantity, "reason": $0.reason]
                    as [String: Any]
            },
            "label": [
                "carrier": rma.returnCarrier,
                "trackingNumber": rma.returnTrackingNumber,
                "returnLocationId": rma.returnLocationID ?? NSNull(),
                "shipFrom": shipFrom.map(json) ?? NSNull(),
                "shipTo": shipTo.map(json) ?? NSNull(),
            ] as [String: Any],
            "note": rma.note ?? NSNull(),
            "authorizedBy": rma.authorizedBy,
            "authorizedAt": rma.authorizedAt.rfc3339String,
            "updatedAt": rma.updatedAt.rfc3339String,
            "refund": rma.refund.map { ["amount": $0.amount.description, "currency": $0.currency.rawValue] }
                ?? NSNull(),
            "exchangeOrderId": rma.exchangeOrderID?.rawValue ?? NSNull(),
        ]
    }

    /// The summary plus `receipts`: `[{receiptNumber, locationId, receivedAt, lines: [{lineNumber, sku, quantity,
    /// condition, restocked}]}]`.
    static func detail(_ rma: ReturnRecord, receipts: [ReturnReceiptRecord], shipFrom: Address?, shipTo: Address?)
        -> [String: Any]
    {
        var body = summary(rma, shipFrom: shipFrom, shipTo: shipTo)
        body["receipts"] = receipts.map { receipt -> [String: Any] in
            [
                "receiptNumber": receipt.receiptNumber,
                "locationId": receipt.locationID,
                "receivedAt": receipt.receivedAt.rfc3339String,
                "lines": receipt.lines.map {
                    [
                        "lineNumber": $0.lineNumber, "sku": $0.sku, "quantity": $0.quantity,
                        "condition": $0.condition.rawValue, "restocked": $0.restocked,
                    ] as [String: Any]
                },
            ]
        }
        return body
    }

    /// An address as the canonical order writes it.
    static func json(_ address: Address) -> Any {
        guard let data = try? CanonicalJSON.encode(address),
            let object = try? JSONSerialization.jsonObject(with: data)
        else { return NSNull() }
        return object
    }
}

extension ReturnViews {
    /// What an order's detail shows of returns: `returns` (its RMAs, newest first) and `exchangeOf` (`{orderId,
    /// rmaNumber}` of the order this one replaces in an exchange, else `null`).
    static func ofOrder(_ orderID: OrderID, store: any ReturnStore) async throws -> [String: Any] {
        let returns = try await store.returnAuthorizations(orderID: orderID, status: nil, limit: 500)
        let origin = try await store.returnAuthorization(exchangeOrderID: orderID)
        return [
            "returns": returns.map { summary($0) },
            "exchangeOf": origin.map { ["orderId": $0.orderID.rawValue, "rmaNumber": $0.rmaNumber] } ?? NSNull(),
        ]
    }
}
