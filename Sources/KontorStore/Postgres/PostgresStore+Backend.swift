extension PostgresStore: KontorStoreBackend {
    public func appliedMigrationNames() async throws -> [String] {
        try await PostgresSchema.appliedNames(self)
    }
}
