import KontorModel
import KontorStore

/// Works out the pick tasks an allocation adds: per location, the units the order holds there (active or shipped
/// reservations) that no earlier task covers. A task covers its pieces except those reported short (their
/// reservations were released, so a re-allocation reserves them again and they need a new task).
struct PickTaskPlanner: Sendable {
    /// The pieces of one order line newly to pick at one location.
    struct NewLine: Sendable, Hashable {
        var line: OrderDemandLines.Line
        var quantity: Int
    }

    /// New pieces per location (locations sorted, lines in order line order); locations with nothing new left out.
    static func uncovered(
        demand: OrderDemandLines,
        reservations: [Reservation],
        tasks: [PickTaskRecord]
    ) -> [(locationID: String, lines: [NewLine])] {
        var held: [String: [Int: Int]] = [:]
        for reservation in reservations where reservation.status != .released {
            held[reservation.locationID, default: [:]][reservation.lineNumber, default: 0] += reservation.quantity
        }
        var covered: [String: [Int: Int]] = [:]
        for task in tasks {
            for line in task.lines {
                covered[task.locationID, default: [:]][line.reservationLine, default: 0] += line.quantity - line.short
            }
        }
        return held.keys.sorted().compactMap { locationID in
            let lines = demand.lines.compactMap { line -> NewLine? in
                let new =
                    (held[locationID]?[line.reservationLine] ?? 0) - (covered[locationID]?[line.reservationLine] ?? 0)
                return new > 0 ? NewLine(line: line, quantity: new) : nil
            }
            return lines.isEmpty ? nil : (locationID, lines)
        }
    }

    /// The next task number at `locationID` (1 for the first).
    static func nextSequence(at locationID: String, tasks: [PickTaskRecord]) -> Int {
        (tasks.filter { $0.locationID == locationID }.map(\.sequence).max() ?? 0) + 1
    }
}
