extension PostgresSchema {
    /// `v19-timeline-by-type`: timeline entries by event type and time (see the SQLite migration of that name).
    static let timelineIndex = Migration(
        name: "v19-timeline-by-type",
        statements: ["CREATE INDEX order_timeline_by_type_time ON order_timeline (event_type, at)"]
    )
}
