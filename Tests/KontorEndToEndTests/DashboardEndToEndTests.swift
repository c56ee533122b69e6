import Foundation
import Testing

/// `kontor run` (seeded store, embedded cluster) and its dashboard in a real headless Chromium: the check script
/// (`Browser/dashboard_check.py`, selenium) logs in with the admin token, finds the posted orders in the counts and the
/// list, opens one, holds it and sees it on hold; it saves screenshots under the state folder.
@Suite("End to end: dashboard in a headless browser", .serialized, .timeLimit(.minutes(5)))
struct DashboardEndToEndTests {
    /// Fails (never skips) when the browser is missing.
    static func requireBrowser() throws {
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver"]
        where !FileManager.default.isExecutableFile(atPath: tool) {
            throw E2EError("\(tool) is missing: `make test` installs chromium and chromium-driver (apt) and selenium")
        }
    }

    @Test("Log in, counts and list show the orders, open one, hold it: on-hold; screenshots saved")
    func dashboard() async throws {
        try Self.requireBrowser()
        // Without the fulfillment stage orders stay allocated: a pick task would move them to picking, where hold is
        // refused (and cancel goes through the warehouse).
        let kontor = try KontorProcess(arguments: [
            "--set", "kafka.embeddedBrokers=1", "--set", "workers.enabled=validation,allocation,projection",
        ])
        try await kontor.start()
        let base = kontor.httpAddress
        let token = try #require(kontor.adminToken, "no admin.token in \(kontor.stateDirectory.path)")
        var ids: [String] = []
        for number in ["E2E-DASH-1", "E2E-DASH-2"] {
            let accepted = try await HTTPClient.postOrder(base, SampleOrders.json(number: number))
            #expect(accepted.status == 202, "\(accepted.text)")
            ids.append(try #require(accepted.json["orderId"] as? String))
        }
        // The browser checks the counts once; wait until the projection has both orders in the read model.
        for id in ids {
            let projected = try await OrderReadModelEndToEndTests.poll("\(base)/v1/orders/\(id)") { _ in true }
            #expect(projected.status == 200, "\(projected.text)")
        }

        let screenshots = kontor.stateDirectory.appendingPathComponent("screenshots")
        let check = try BrowserCheck.run("dashboard_check.py", [base, token, screenshots.path])
        #expect(
            check.status == 0,
            "dashboard_check.py: \(check.complaints)\n\(check.printed)\nkontor log:\n\(kontor.log)"
        )
        let paths = check.screenshots
        #expect(paths.count == 4, "\(check.printed)")
        for path in paths {
            #expect(path.hasPrefix(screenshots.path), "\(path)")
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            #expect(size > 0, "\(path) is missing or empty")
        }
        #expect(try await kontor.terminate() == 0, "\(kontor.log)")
    }
}
