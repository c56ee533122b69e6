import KontorModel
import KontorStore
import Testing

@Suite("Dashboard sessions shared through the store, on both backends")
struct DashboardSessionStoreTests {
    static let at = Timestamp(microsecondsSinceEpoch: 1_800_000_000_000_000)

    static func session(_ hash: String, _ name: String, minutes: Int64) -> DashboardSession {
        DashboardSession(
            idHash: hash,
            name: name,
            scopes: ["operate", "read"],
            expiresAt: Timestamp(microsecondsSinceEpoch: at.microsecondsSinceEpoch + minutes * 60_000_000)
        )
    }

    @Test("Saved, read until it expires, ended one by one or by the tokens kept", arguments: StoreBackend.allCases)
    func lifecycle(backend: StoreBackend) async throws {
        try await withTestStore(backend) { store, _ async throws in
            let ops = Self.session("aa01", "ops", minutes: 60)
            try await store.saveDashboardSession(ops)
            try await store.saveDashboardSession(Self.session("aa02", "dashboard", minutes: 60))
            try await store.saveDashboardSession(Self.session("aa03", "ci", minutes: 60))
            try await store.saveDashboardSession(Self.session("aa04", "ops", minutes: 1))
            #expect(try await store.dashboardSession(idHash: "aa01", now: Self.at) == ops)
            #expect(try await store.dashboardSession(idHash: "ffff", now: Self.at) == nil)
            let later = Timestamp(microsecondsSinceEpoch: Self.at.microsecondsSinceEpoch + 120_000_000)
            #expect(try await store.dashboardSession(idHash: "aa04", now: later) == nil)

            try await store.deleteDashboardSession(idHash: "aa01")
            #expect(try await store.dashboardSession(idHash: "aa01", now: Self.at) == nil)
            // ci was revoked; the expired ops session goes too.
            try await store.deleteDashboardSessions(keepingOnly: ["ops", "dashboard"], now: later)
            #expect(try await store.dashboardSession(idHash: "aa02", now: Self.at)?.name == "dashboard")
            #expect(try await store.dashboardSession(idHash: "aa03", now: Self.at) == nil)
            #expect(try await store.dashboardSession(idHash: "aa04", now: Self.at) == nil)
            try await store.deleteDashboardSessions(keepingOnly: [], now: Self.at)
            #expect(try await store.dashboardSession(idHash: "aa02", now: Self.at) == nil)
        }
    }
}
