import Foundation
import KontorModel

/// How a warehouse confirmation changes a pick task and the order's reservations, shared by both backends: the
/// backends load the rows, apply these rules and write the results in one transaction.
enum FulfillmentRules {
    /// Units of one reservation line at one location that shipped or were short.
    struct Units: Sendable, Hashable {
        var reservationLine: Int
        var sku: String
        var quantity: Int
    }

    /// The task after a confirmation and the units it moved.
    struct Applied: Sendable {
        var task: PickTaskRecord
        var shipped: [ConfirmedLine]
        var short: [ConfirmedLine]
        var cancelled: [ConfirmedLine]
        var shippedUnits: [Units]
        var shortUnits: [Units]
        var cancelledUnits: [Units]
    }

    /// A change to one reservation row: its quantity lowered (the rest stays active) or its status set, plus the
    /// split-off part inserted with the new status.
    enum ReservationChange: Sendable {
        case setStatus(id: String, status: Reservation.Status)
        case lowerQuantity(id: String, to: Int)
        case insert(Reservation)
    }

    /// Applies `confirmation` to `task`, or names the field that does not fit the task.
    static func apply(_ confirmation: WarehouseConfirmation, to task: PickTaskRecord) throws -> Applied {
        let field = "confirmation[\(confirmation.confirmationId)]"
        guard confirmation.orderId == task.orderID else {
            throw StoreError.invalidValue(
                field: field + ".orderId",
                value: confirmation.orderId.rawValue,
                reason: "is not the order of task \(task.taskID) (\(task.orderID))"
            )
        }
        var updated = task
        let picked = try resolve(confirmation.lines, field: field + ".lines", task: task)
        let short = try resolve(confirmation.shortLines, field: field + ".shortLines", task: task)
        if confirmation.kind == .shortPicked && short.isEmpty {
            throw StoreError.invalidValue(
                field: field + ".shortLines",
                value: "[]",
                reason: "must name the missing pieces of a short-picked confirmation"
            )
        }
        // Short pieces first: a shipped confirmation may ship what was found and report the rest short.
        for (index, line) in short {
            guard line.quantity <= updated.lines[index].open else {
                throw tooMany(line, open: updated.lines[index].open, field: field + ".shortLines", task: task)
            }
            updated.lines[index].short += line.quantity
        }
        var shipped: [(Int, ConfirmedLine)] = []
        var cancelled: [(Int, ConfirmedLine)] = []
        switch confirmation.kind {
        case .cancelled:
            // Without lines, the warehouse put back everything the task still has open.
            cancelled = picked.isEmpty ? openPieces(of: updated) : picked
            for (index, line) in cancelled {
                guard line.quantity <= updated.lines[index].open else {
                    throw tooMany(line, open: updated.lines[index].open, field: field + ".lines", task: task)
                }
                updated.lines[index].cancelled += line.quantity
            }
            if cancelled.isEmpty && short.isEmpty {
                throw StoreError.invalidValue(
                    field: field + ".lines",
                    value: "[]",
                    reason: "task \(task.taskID) has nothing open left to cancel"
                )
            }
        case .picked, .packed, .shortPicked:
            for (index, line) in picked {
                updated.lines[index].picked = min(
                    updated.lines[index].quantity,
                    updated.lines[index].picked + line.quantity
                )
            }
        case .shipped:
            // Without lines, a shipped confirmation ships everything the task still has open.
            shipped = picked.isEmpty ? openPieces(of: updated) : picked
            for (index, line) in shipped {
                guard line.quantity <= updated.lines[index].open else {
                    throw tooMany(line, open: updated.lines[index].open, field: field + ".lines", task: task)
                }
                updated.lines[index].shipped += line.quantity
                updated.lines[index].picked = max(updated.lines[index].picked, updated.lines[index].shipped)
            }
            if shipped.isEmpty && short.isEmpty {
                throw StoreError.invalidValue(
                    field: field + ".lines",
                    value: "[]",
                    reason: "task \(task.taskID) has nothing open left to ship"
                )
            }
        }
        if !confirmation.parcels.isEmpty {
            updated.parcels = keepingTrackingNumbers(confirmation.parcels, from: task.parcels)
        }
        if let carrier = confirmation.carrier { updated.carrier = carrier }
        if let service = confirmation.carrierService { updated.carrierService = service }
        updated.status = status(of: updated, after: confirmation.kind)
        updated.updatedAt = confirmation.occurredAt
        return Applied(
            task: updated,
            shipped: shipped.map(\.1),
            short: short.map(\.1),
            cancelled: cancelled.map(\.1),
            shippedUnits: units(shipped, task),
            shortUnits: units(short, task),
            cancelledUnits: units(cancelled, task)
        )
    }

    /// The changes that take `quantity` units of `line` at `locationID` out of `active` (the order's active
    /// reservations) into `status`: whole reservations change status, a partly taken one is split. Takes at most
    /// what is reserved.
    static func take(
        _ quantity: Int,
        line: Int,
        locationID: String,
        from active: [Reservation],
        into status: Reservation.Status,
        at now: Timestamp
    ) -> (changes: [ReservationChange], taken: Int) {
        var left = quantity
        var changes: [ReservationChange] = []
        for reservation in active
        where left > 0 && reservation.lineNumber == line && reservation.locationID == locationID
            && reservation.status == .active
        {
            let part = min(left, reservation.quantity)
            left -= part
            if part == reservation.quantity {
                changes.append(.setStatus(id: reservation.id, status: status))
            } else {
                changes.append(.lowerQuantity(id: reservation.id, to: reservation.quantity - part))
                var split = reservation
                split.id = "res_" + UUIDString.randomLowercaseHex()
                split.quantity = part
                split.status = status
                split.createdAt = now
                changes.append(.insert(split))
            }
        }
        return (changes, quantity - left)
    }

    /// Pieces shipped per order line over `tasks`.
    static func shippedPerLine(_ tasks: [PickTaskRecord]) -> [String: Int] {
        var shipped: [String: Int] = [:]
        for task in tasks {
            for line in task.lines where line.shipped > 0 { shipped[line.lineNumber, default: 0] += line.shipped }
        }
        return shipped
    }

    /// JSON for the store's text columns: sorted keys, so the same value is the same text.
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// `reported` with the tracking numbers of `known` where a reported parcel has none (a `shipped` confirmation
    /// may leave out the numbers of labels Kontor booked): the known parcel with the same parcel id, else the one at
    /// the same position.
    static func keepingTrackingNumbers(_ reported: [Parcel], from known: [Parcel]) -> [Parcel] {
        reported.enumerated().map { index, parcel in
            guard parcel.trackingNumber == nil else { return parcel }
            var kept = parcel
            let sameID = parcel.parcelId.flatMap { id in known.first { $0.parcelId == id } }
            kept.trackingNumber = (sameID ?? (index < known.count ? known[index] : nil))?.trackingNumber
            return kept
        }
    }

    /// Reads JSON written by ``encode(_:)``.
    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    // MARK: Helpers.

    /// Every line's open pieces, with the line's index.
    private static func openPieces(of task: PickTaskRecord) -> [(Int, ConfirmedLine)] {
        task.lines.enumerated().compactMap { index, line in
            line.open > 0
                ? (index, ConfirmedLine(lineNumber: line.lineNumber, sku: line.sku, quantity: line.open)) : nil
        }
    }

    /// The confirmed lines with the index of the task line each one means; refuses unknown lines, other SKUs and
    /// quantities below 1.
    private static func resolve(
        _ lines: [ConfirmedLine],
        field: String,
        task: PickTaskRecord
    ) throws -> [(Int, ConfirmedLine)] {
        try lines.enumerated().map { position, line in
            let here = "\(field)[\(position)]"
            guard let index = task.lines.firstIndex(where: { $0.lineNumber == line.lineNumber }) else {
                throw StoreError.invalidValue(
                    field: here + ".lineNumber",
                    value: line.lineNumber,
                    reason: "is not a line of task \(task.taskID) (lines: "
                        + task.lines.map(\.lineNumber).joined(separator: ", ") + ")"
                )
            }
            guard line.sku == task.lines[index].sku else {
                throw StoreError.invalidValue(
                    field: here + ".sku",
                    value: line.sku,
                    reason: "is not the SKU of task \(task.taskID) line \(line.lineNumber) (\(task.lines[index].sku))"
                )
            }
            guard line.quantity >= 1 else {
                throw StoreError.invalidValue(
                    field: here + ".quantity",
                    value: String(line.quantity),
                    reason: "must be at least 1"
                )
            }
            return (index, line)
        }
    }

    private static func tooMany(_ line: ConfirmedLine, open: Int, field: String, task: PickTaskRecord) -> StoreError {
        StoreError.invalidValue(
            field: "\(field)[lineNumber=\(line.lineNumber)].quantity",
            value: String(line.quantity),
            reason: "exceeds the \(open) pieces task \(task.taskID) has open on line \(line.lineNumber)"
        )
    }

    private static func status(of task: PickTaskRecord, after kind: WarehouseConfirmationKind) -> PickTaskRecord.Status
    {
        let open = task.lines.reduce(0) { $0 + $1.open }
        let shipped = task.lines.reduce(0) { $0 + $1.shipped }
        let cancelled = task.lines.reduce(0) { $0 + $1.cancelled }
        if open == 0 { return shipped > 0 ? .shipped : cancelled > 0 ? .cancelled : .short }
        switch kind {
        case .picked: return task.status == .open ? .picked : task.status
        case .packed: return [.open, .picked].contains(task.status) ? .packed : task.status
        case .shipped, .shortPicked, .cancelled: return task.status
        }
    }

    private static func units(_ lines: [(Int, ConfirmedLine)], _ task: PickTaskRecord) -> [Units] {
        lines.map { index, line in
            Units(reservationLine: task.lines[index].reservationLine, sku: line.sku, quantity: line.quantity)
        }
    }
}
