/// Why ``AllocationPlanner`` refused its input: the field at fault (a path such as `request.lines[2].quantity` or
/// `policy.maxShipments`) and what is wrong with it.
public struct AllocationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is, as a path into the planner's arguments.
    public var field: String

    /// What is wrong, naming the offending value.
    public var message: String

    /// An error.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// `field: message`.
    public var description: String { "\(field): \(message)" }
}
