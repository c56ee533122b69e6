extension RoutingPolicy {
    /// Checks the policy as ``AllocationPlanner/plan(_:candidates:availability:inbound:policy:)`` would, so that a
    /// bad policy file is refused at start-up rather than with the first order.
    /// - Throws: ``AllocationError`` naming the field, e.g. `policy.maxShipments`.
    public func validate() throws(AllocationError) {
        try AllocationInputValidation.validate(self)
    }
}
