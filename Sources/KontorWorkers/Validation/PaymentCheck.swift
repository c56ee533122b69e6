import KontorModel
import KontorStore

/// Is the order paid for?
/// - Authorized or paid payments pass; failed or refunded ones reject.
/// - On-account orders are charged against the customer's credit limit: payment status `on-account` or method
///   `invoice`, a B2B order without payment details, and an order without payment details whose buyer id is a
///   customer account.
/// - An order without payment details of no known account and not marked B2C passes with the warning
///   `payment-not-reported` (channels such as EDI purchase orders carry no payment).
/// - Anything else (pending, a B2C order without payment) waits for review.
struct PaymentCheck: Sendable {
    /// The customer accounts, and where each order's charge is remembered so that a redelivered order is charged
    /// once. `nil`: on-account orders cannot be checked and are held.
    let accounts: (any CustomerStore & IdempotencyStore)?

    /// What the check decided.
    enum Outcome: Equatable {
        case accepted
        /// Accepted, with a warning for the validated event.
        case unreported(ValidationReason)
        case rejected(ValidationReason)
        case held(ValidationReason)
    }

    static let chargeScope = "credit-charge"

    func check(_ order: CanonicalOrder) async throws -> Outcome {
        let payment = order.payment
        switch payment?.status {
        case .authorized?, .paid?:
            return .accepted
        case .failed?, .refunded?:
            return .rejected(reason(.paymentFailed, "payment.status", "the payment is \(payment!.status)"))
        default:
            break
        }
        if isOnAccount(order) {
            return try await chargeOnAccount(order)
        }
        if payment == nil, order.customerType != .b2c {
            if let id = order.buyer.id, !id.trimmed.isEmpty, let accounts, try await accounts.customer(id: id) != nil {
                return try await chargeOnAccount(order)
            }
            return .unreported(
                reason(.paymentNotReported, "payment", "the channel reported no payment; accepted as not prepaid")
            )
        }
        if payment?.method == .cashOnDelivery {
            return .accepted
        }
        let status = payment.map { "is \($0.status)" } ?? "is missing"
        return .held(
            reason(.paymentNotAuthorized, "payment.status", "the payment \(status): neither authorized nor paid")
        )
    }

    private func isOnAccount(_ order: CanonicalOrder) -> Bool {
        guard let payment = order.payment else { return order.customerType == .b2b }
        return payment.status == .onAccount || payment.method == .invoice
            || (order.customerType == .b2b && payment.status == .pending && payment.method == nil)
    }

    private func chargeOnAccount(_ order: CanonicalOrder) async throws -> Outcome {
        guard let customerID = order.buyer.id, !customerID.trimmed.isEmpty else {
            return .held(reason(.unknownCustomer, "buyer.id", "an on-account order needs the buyer's customer id"))
        }
        guard let accounts, let customer = try await accounts.customer(id: customerID) else {
            return .held(reason(.unknownCustomer, "buyer.id", "no customer account \"\(customerID)\""))
        }
        let amount = order.totals.grandTotal
        if let currency = customer.currency, currency != order.currency {
            return .held(
                reason(
                    .creditLimitExceeded,
                    "currency",
                    "customer \(customerID)'s credit is kept in \(currency), the order is in \(order.currency)"
                )
            )
        }
        // One charge per order: a redelivered or re-driven order finds its earlier decision.
        let key = order.id?.rawValue ?? order.derivedID.rawValue
        let request = "\(customerID) \(amount)"
        if let earlier = try await accounts.storedResponse(scope: Self.chargeScope, key: key, requestHash: request) {
            return earlier.statusCode == 200 ? .accepted : overLimit(customer, amount)
        }
        let outcome = try await accounts.charge(customerID: customerID, amount: amount)
        let charged: Bool
        if case .charged = outcome { charged = true } else { charged = false }
        _ = try await accounts.saveResponse(
            scope: Self.chargeScope,
            key: key,
            requestHash: request,
            response: IdempotentResponse(statusCode: charged ? 200 : 402, body: Array(request.utf8))
        )
        return charged ? .accepted : overLimit(customer, amount)
    }

    private func overLimit(_ customer: Customer, _ amount: DecimalAmount) -> Outcome {
        let limit = customer.creditLimit.map { "\($0)" } ?? "none"
        return .held(
            reason(
                .creditLimitExceeded,
                "totals.grandTotal",
                "\(amount) on account would exceed customer \(customer.id)'s credit limit \(limit) "
                    + "(open balance \(customer.openBalance))"
            )
        )
    }

    private func reason(_ code: ValidationReason.Code, _ field: String, _ message: String) -> ValidationReason {
        ValidationReason(code: code, field: field, message: message)
    }
}
