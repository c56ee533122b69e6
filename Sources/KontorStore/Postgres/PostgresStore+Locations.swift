import KontorModel
import Logging
import PostgresNIO

extension PostgresStore: LocationStore {
    public func upsertLocations(_ locations: [Location]) async throws {
        guard !locations.isEmpty else { return }
        try await transaction { connection in
            for location in locations {
                let address = location.address
                try await connection.execute(
                    """
                    INSERT INTO locations (id, name, kind, street, street2, city, postal_code, country, latitude,
                        longitude, daily_capacity, can_ship, can_pickup, active)
                    VALUES (\(location.id), \(location.name), \(location.kind.rawValue), \(address.street),
                        \(address.street2), \(address.city), \(address.postalCode), \(address.country.rawValue),
                        \(location.latitude), \(location.longitude), \(location.dailyCapacity), \(location.canShip),
                        \(location.canPickup), \(location.active))
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                        street = excluded.street, street2 = excluded.street2, city = excluded.city,
                        postal_code = excluded.postal_code, country = excluded.country,
                        latitude = excluded.latitude, longitude = excluded.longitude,
                        daily_capacity = excluded.daily_capacity, can_ship = excluded.can_ship,
                        can_pickup = excluded.can_pickup, active = excluded.active
                    """,
                    logger: logger
                )
            }
        }
    }

    public func location(id: String) async throws -> Location? {
        try await fetch("SELECT * FROM locations WHERE id = \(id)", PostgresRows.location).first
    }

    public func locations(activeOnly: Bool) async throws -> [Location] {
        try await fetch(
            "SELECT * FROM locations \(unescaped: activeOnly ? "WHERE active" : "") ORDER BY id",
            PostgresRows.location
        )
    }
}
