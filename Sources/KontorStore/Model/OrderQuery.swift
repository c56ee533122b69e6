import KontorModel

/// Filters and paging for ``OrderReadModelStore/searchOrders(_:)``. Results come newest first (by creation time,
/// then by order id), so a cursor from one page stays valid while orders arrive.
public struct OrderQuery: Sendable, Hashable {
    /// Only these statuses; empty for any.
    public var statuses: [String]

    /// Only these channels; empty for any.
    public var channels: [SalesChannel]

    /// Only orders created at or after this instant.
    public var createdFrom: Timestamp?

    /// Only orders created before this instant.
    public var createdBefore: Timestamp?

    /// Only this customer's orders.
    public var customerID: String?

    /// Case-insensitive substring of the order number or the customer's name.
    public var text: String?

    /// The most records on one page (1...1000).
    public var limit: Int

    /// Continue after this cursor (``OrderPage/nextCursor`` of the previous page).
    public var after: String?

    /// Only orders carrying this flag (``OrderFlag``: `delayed`, `exception`).
    public var flag: String?

    /// Creates a query.
    public init(
        statuses: [String] = [],
        channels: [SalesChannel] = [],
        createdFrom: Timestamp? = nil,
        createdBefore: Timestamp? = nil,
        customerID: String? = nil,
        text: String? = nil,
        limit: Int = 50,
        after: String? = nil,
        flag: String? = nil
    ) {
        self.statuses = statuses
        self.channels = channels
        self.createdFrom = createdFrom
        self.createdBefore = createdBefore
        self.customerID = customerID
        self.text = text
        self.limit = limit
        self.after = after
        self.flag = flag
    }
}

/// One page of search results.
public struct OrderPage: Sendable, Hashable {
    /// The orders, newest first.
    public var records: [OrderRecord]

    /// The cursor for the next page; `nil` on the last page.
    public var nextCursor: String?

    /// Creates a page.
    public init(records: [OrderRecord], nextCursor: String?) {
        self.records = records
        self.nextCursor = nextCursor
    }
}

/// How many orders match a query's filters, by status and by channel.
public struct OrderCounts: Sendable, Hashable {
    /// Orders per status.
    public var byStatus: [String: Int]

    /// Orders per channel.
    public var byChannel: [SalesChannel: Int]

    /// All matching orders.
    public var total: Int { byStatus.values.reduce(0, +) }

    /// Creates counts.
    public init(byStatus: [String: Int], byChannel: [SalesChannel: Int]) {
        self.byStatus = byStatus
        self.byChannel = byChannel
    }
}

extension OrderPage {
    /// A page from up to `limit + 1` records fetched newest first: the extra one only tells that more follow.
    init(records fetched: [OrderRecord], limit: Int) {
        let records = Array(fetched.prefix(limit))
        self.init(
            records: records,
            nextCursor: fetched.count > limit ? records.last.map { OrderCursor(after: $0).text } : nil
        )
    }
}

extension OrderCounts {
    /// Adds the count of one (status, channel) group.
    mutating func add(status: String, channel: SalesChannel, count: Int) {
        byStatus[status, default: 0] += count
        byChannel[channel, default: 0] += count
    }
}
