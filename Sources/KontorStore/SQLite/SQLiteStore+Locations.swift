import GRDB
import KontorModel

extension SQLiteStore: LocationStore {
    public func upsertLocations(_ locations: [Location]) async throws {
        guard !locations.isEmpty else { return }
        try await pool.write { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO locations (id, name, kind, street, street2, city, postal_code, country, latitude,
                        longitude, daily_capacity, can_ship, can_pickup, active)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                        street = excluded.street, street2 = excluded.street2, city = excluded.city,
                        postal_code = excluded.postal_code, country = excluded.country,
                        latitude = excluded.latitude, longitude = excluded.longitude,
                        daily_capacity = excluded.daily_capacity, can_ship = excluded.can_ship,
                        can_pickup = excluded.can_pickup, active = excluded.active
                    """
            )
            for location in locations {
                let address = location.address
                try statement.execute(arguments: [
                    location.id, location.name, location.kind.rawValue, address.street, address.street2,
                    address.city, address.postalCode, address.country.rawValue, location.latitude,
                    location.longitude, location.dailyCapacity, location.canShip, location.canPickup,
                    location.active,
                ])
            }
        }
    }

    public func location(id: String) async throws -> Location? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM locations WHERE id = ?", arguments: [id]).map(SQLiteRows.location)
        }
    }

    public func locations(activeOnly: Bool) async throws -> [Location] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM locations" + (activeOnly ? " WHERE active = 1" : "") + " ORDER BY id"
            ).map(SQLiteRows.location)
        }
    }
}
