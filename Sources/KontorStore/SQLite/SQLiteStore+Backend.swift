import GRDB

extension SQLiteStore: KontorStoreBackend {
    public func appliedMigrationNames() async throws -> [String] {
        try appliedMigrations()
    }

    public func close() async {
        // Closing fails only while statements are still running, and then the file closes when the pool goes away.
        try? pool.close()
    }
}
