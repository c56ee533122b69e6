/// Why a pick task got its carrier service, kept with the task (``PickTask/carrierSelection``) so operations can see
/// the decision on the order's timeline: the chosen service's price and estimated delivery, and one line per other
/// candidate saying why it lost or could not carry the parcels.
public struct CarrierSelectionNote: Sendable, Hashable, Codable {
    /// One line, e.g. `dhl/dhl-paket: cheapest on time for 2025-03-05 (4.99 EUR, delivers 2025-03-04)`.
    public var summary: String

    /// The chosen service's price for all parcels.
    public var price: Money?

    /// The chosen service's estimated delivery date.
    public var estimatedDelivery: KontorDate?

    /// True when no service delivers by the promised date and the fastest was chosen.
    public var missesPromisedDate: Bool

    /// Every candidate as `carrier/service: reasons`, in the rate table's order.
    public var candidates: [String]

    /// Creates a note.
    public init(
        summary: String,
        price: Money? = nil,
        estimatedDelivery: KontorDate? = nil,
        missesPromisedDate: Bool = false,
        candidates: [String] = []
    ) {
        self.summary = summary
        self.price = price
        self.estimatedDelivery = estimatedDelivery
        self.missesPromisedDate = missesPromisedDate
        self.candidates = candidates
    }
}
