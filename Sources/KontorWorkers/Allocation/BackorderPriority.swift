import KontorModel

/// The order in which backordered orders are served when stock arrives: faster service levels first (same-day,
/// next-day, express), then standard (also orders without a service level), then economy; among equal priorities
/// the older order first.
enum BackorderPriority {
    /// Lower is served first.
    static func of(_ order: CanonicalOrder) -> Int {
        switch order.delivery?.serviceLevel {
        case ServiceLevel.sameDay?: 0
        case ServiceLevel.nextDay?: 1
        case ServiceLevel.express?: 2
        case ServiceLevel.economy?: 4
        default: 3
        }
    }
}
