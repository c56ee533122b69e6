import KontorModel

/// The carrier and service picked for a pick task.
public struct CarrierChoice: Sendable, Hashable {
    /// The carrier, e.g. `dhl`.
    public var carrier: String

    /// The carrier's service (product), e.g. `dhl-paket`.
    public var service: String?

    /// Why this service, kept on the task (``PickTask/carrierSelection``).
    public var selection: CarrierSelectionNote?

    /// Creates a choice.
    public init(carrier: String, service: String? = nil, selection: CarrierSelectionNote? = nil) {
        self.carrier = carrier
        self.service = service
        self.selection = selection
    }
}

/// Chooses a carrier for a new pick task before it goes to the warehouse (carrier selection plugs in here). Without
/// one, tasks go out without a carrier and the warehouse reports the one it used.
public protocol CarrierChoosing: Sendable {
    /// The carrier for `task` of `order`, or nil to leave the choice to the warehouse.
    func chooseCarrier(for task: PickTask, of order: CanonicalOrder) async throws -> CarrierChoice?
}
