import KontorModel

/// Format-neutral consistency checks run by every writer before it writes.
enum MessageChecks {
    /// Line statuses and quantities must agree with each other and with the overall status.
    ///
    /// - accepted line: accepted quantity = ordered quantity, nothing changed;
    /// - rejected line: accepted quantity 0, nothing changed;
    /// - changed line: accepted quantity above 0, and a different quantity, date or price;
    /// - accepted order: every line accepted; rejected order: every line rejected; changed order: some line accepted
    ///   or changed, and some line not accepted as ordered.
    static func check(_ response: OrderResponse) throws(B2BXMLError) {
        try require(response.responseNumber, at: "responseNumber")
        try require(response.order.orderNumber, at: "order.orderNumber")
        for (index, line) in response.lines.enumerated() {
            try check(line, at: "lines[\(index)]")
        }
        let statuses = Set(response.lines.map(\.status))
        switch response.status {
        case .accepted where statuses.contains(where: { $0 != .accepted }):
            throw B2BXMLError(.invalidValue, at: "status", "the order is accepted but not every line is")
        case .rejected where statuses.contains(where: { $0 != .rejected }):
            throw B2BXMLError(.invalidValue, at: "status", "the order is rejected but not every line is")
        case .changed where !response.lines.isEmpty && statuses.allSatisfy({ $0 == .accepted }):
            throw B2BXMLError(
                .invalidValue,
                at: "status",
                "the order is changed but every line is accepted as ordered: use accepted"
            )
        case .changed where !response.lines.isEmpty && statuses.allSatisfy({ $0 == .rejected }):
            throw B2BXMLError(
                .invalidValue,
                at: "status",
                "the order is changed but every line is rejected: use rejected"
            )
        default:
            break
        }
    }

    private static func check(_ line: OrderResponseLine, at path: String) throws(B2BXMLError) {
        try require(line.lineNumber, at: path + ".lineNumber")
        guard line.orderedQuantity.isPositive else {
            throw B2BXMLError(
                .invalidValue,
                at: path + ".orderedQuantity",
                "must be above 0, got \(line.orderedQuantity)"
            )
        }
        let changesSomething = line.changedDeliveryDate != nil || line.changedUnitPrice != nil
        switch line.status {
        case .accepted:
            guard line.acceptedQuantity == line.orderedQuantity else {
                throw B2BXMLError(
                    .invalidValue,
                    at: path + ".acceptedQuantity",
                    "an accepted line confirms the ordered quantity \(line.orderedQuantity), got \(line.acceptedQuantity)"
                        + "; use status changed for a different quantity"
                )
            }
            guard !changesSomething else {
                throw B2BXMLError(.invalidValue, at: path + ".status", "a line with a changed date or price is changed")
            }
        case .rejected:
            guard line.acceptedQuantity.isZero else {
                throw B2BXMLError(
                    .invalidValue,
                    at: path + ".acceptedQuantity",
                    "a rejected line confirms 0, got \(line.acceptedQuantity)"
                )
            }
            guard !changesSomething else {
                throw B2BXMLError(.invalidValue, at: path + ".status", "a rejected line cannot change date or price")
            }
        default:
            guard line.acceptedQuantity.isPositive else {
                throw B2BXMLError(
                    .invalidValue,
                    at: path + ".acceptedQuantity",
                    "a changed line confirms more than 0, got \(line.acceptedQuantity); use status rejected"
                )
            }
            guard changesSomething || line.acceptedQuantity != line.orderedQuantity else {
                throw B2BXMLError(
                    .invalidValue,
                    at: path + ".status",
                    "the line is changed but quantity, date and price are as ordered: use accepted"
                )
            }
        }
    }

    /// Ship notices: numbers present, quantities positive, package references resolve.
    static func check(_ notice: ShipmentNotice) throws(B2BXMLError) {
        try require(notice.shipmentNumber, at: "shipmentNumber")
        try require(notice.order.orderNumber, at: "order.orderNumber")
        let packageIds = Set(notice.packages.map(\.id))
        for (index, package) in notice.packages.enumerated() {
            try require(package.id, at: "packages[\(index)].id")
        }
        guard packageIds.count == notice.packages.count else {
            throw B2BXMLError(.invalidValue, at: "packages", "package ids must be unique")
        }
        for (index, line) in notice.lines.enumerated() {
            let path = "lines[\(index)]"
            try require(line.lineNumber, at: path + ".lineNumber")
            guard line.quantity.isPositive else {
                throw B2BXMLError(.invalidValue, at: path + ".quantity", "must be above 0, got \(line.quantity)")
            }
            for (position, id) in (line.packageIds ?? []).enumerated() where !packageIds.contains(id) {
                throw B2BXMLError(
                    .invalidValue,
                    at: path + ".packageIds[\(position)]",
                    "no package has the id \"\(id)\""
                )
            }
        }
    }

    /// A required text that must not be empty or blank.
    static func require(_ value: String, at path: String) throws(B2BXMLError) {
        guard value.contains(where: { !$0.isWhitespace }) else {
            throw B2BXMLError(.missingField, at: path, "must not be empty")
        }
    }
}
