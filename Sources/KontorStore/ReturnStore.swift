import KontorModel

/// Returns (RMAs): their numbers, lines and status, the receipts of returned goods, what the returns stage learned of
/// an order's shipments, and the quarantined stock of damaged or defective returns.
///
/// Creating an RMA and recording a receipt are atomic against concurrent callers in any process: two RMAs for the
/// last returnable piece never both succeed, and numbers are unique and sequential per year.
public protocol ReturnStore: Sendable {
    /// Records an order's shipment; the same shipment id again changes nothing.
    func recordShipment(_ shipment: ShipmentRecord) async throws

    /// The order's shipments, oldest first.
    func shipments(orderID: OrderID) async throws -> [ShipmentRecord]

    /// Creates an RMA numbered `RMA-<year of authorizedAt>-<6 digits>` when every line fits into what is left to
    /// return (``ReturnRequest/returnable`` minus the lines of the order's earlier RMAs); otherwise refuses the lines
    /// that do not fit and creates nothing.
    func authorizeReturn(_ request: ReturnRequest) async throws -> ReturnAuthorizationOutcome

    /// The RMA with this number.
    func returnAuthorization(rmaNumber: String) async throws -> ReturnRecord?

    /// RMAs, newest first, filtered by order and status when given.
    func returnAuthorizations(orderID: OrderID?, status: ReturnStatus?, limit: Int) async throws -> [ReturnRecord]

    /// The RMA whose exchange created `orderID`, if any.
    func returnAuthorization(exchangeOrderID: OrderID) async throws -> ReturnRecord?

    /// Records a receipt in one transaction: resalable pieces back on hand at the location (with a stock-journal
    /// entry, so waiting backorders are served), damaged and defective pieces into quarantine, the RMA `received`.
    /// A receipt id recorded before answers its stored receipt and changes nothing. Refused (nothing changes) for an
    /// unknown RMA, a line not on it, or more pieces than are still outstanding on a line.
    func recordReturnReceipt(_ receipt: ReturnReceiptRecord) async throws -> ReturnReceiptOutcome

    /// The RMA's receipts, in order.
    func returnReceipts(rmaNumber: String) async throws -> [ReturnReceiptRecord]

    /// Marks a refund issued (adding `refund` to the RMA's refunded amount once per `eventID`) or an exchange created.
    func settleReturn(rmaNumber: String, eventID: String, refund: Money?, exchangeOrderID: OrderID?) async throws

    /// Quarantined stock, at one location or all, ordered by location and SKU.
    func quarantineStock(locationID: String?) async throws -> [QuarantineStock]
}
