import KontorModel

/// Pick tasks and what the warehouses report about them. Applying a confirmation changes stock in the same
/// transaction: shipped units leave on hand and consume their reservations; short units release their reservations
/// and are written off at the location. Both write the stock journal (so a stock-changed event follows).
public protocol FulfillmentStore: Sendable {
    /// Saves new pick tasks in one transaction; a task whose id is stored already is left as it is.
    func savePickTasks(_ tasks: [PickTaskRecord]) async throws

    /// The pick task with this id.
    func pickTask(id: String) async throws -> PickTaskRecord?

    /// The order's pick tasks, ordered by location, then sequence.
    func pickTasks(orderID: OrderID) async throws -> [PickTaskRecord]

    /// Applies a warehouse's confirmation to its task, once per ``WarehouseConfirmation/confirmationId``: the same
    /// confirmation again returns the first outcome (``FulfillmentOutcome/replayed``) and changes nothing.
    ///
    /// - Throws: ``StoreError/notFound(kind:id:)`` for an unknown task, ``StoreError/invalidValue(field:value:reason:)``
    ///   naming the field for a confirmation that does not fit the task (another order, unknown line, more pieces
    ///   than the task has open).
    func applyConfirmation(_ confirmation: WarehouseConfirmation) async throws -> FulfillmentOutcome

    /// Keeps the order's cancellation request; the first request of an order stays, and is what this returns.
    func requestCancellation(_ cancellation: FulfillmentCancellation) async throws -> FulfillmentCancellation

    /// The order's cancellation request, if any.
    func cancellation(orderID: OrderID) async throws -> FulfillmentCancellation?
}
