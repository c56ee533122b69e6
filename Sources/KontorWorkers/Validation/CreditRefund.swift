import KontorModel
import KontorStore

/// Gives back the credit an on-account order took (see ``ValidationHandler``) when the order is cancelled: the
/// grand total comes off the customer's open balance, once, however often the cancellation is handled.
public struct CreditRefund: Sendable {
    private let accounts: any CustomerStore & IdempotencyStore

    static let scope = "credit-refund"

    public init(accounts: any CustomerStore & IdempotencyStore) {
        self.accounts = accounts
    }

    /// Refunds `order`'s charge if validation charged it and it was not refunded yet; returns the amount refunded
    /// now, nil when there was nothing (left) to refund.
    @discardableResult
    public func refund(_ order: CanonicalOrder) async throws -> DecimalAmount? {
        guard let customerID = order.buyer.id else { return nil }
        let key = (order.id ?? order.derivedID).rawValue
        let amount = order.totals.grandTotal
        let request = "\(customerID) \(amount)"
        let charge: IdempotentResponse?
        do {
            charge = try await accounts.storedResponse(scope: PaymentCheck.chargeScope, key: key, requestHash: request)
        } catch StoreError.idempotencyConflict {
            return nil  // charged to another account or amount: this order's content is not what was charged
        }
        guard charge?.statusCode == 200 else { return nil }
        if try await accounts.storedResponse(scope: Self.scope, key: key, requestHash: request) != nil {
            return nil
        }
        _ = try await accounts.charge(customerID: customerID, amount: -amount)
        _ = try await accounts.saveResponse(
            scope: Self.scope,
            key: key,
            requestHash: request,
            response: IdempotentResponse(statusCode: 200, body: Array(request.utf8))
        )
        return amount
    }
}
