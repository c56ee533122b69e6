import Hummingbird
import Logging

// Test support shared by the test targets: a real HTTP server on loopback that stands in for a
// partner system (Amazon, a carrier, a WMS) in tests.

/// Runs a real Hummingbird server on a free loopback port for the duration of `body`, logging to `logger` (else
/// Hummingbird's default logger).
public func withLocalServer(
    _ router: Router<BasicRequestContext>,
    logger: Logger? = nil,
    _ body: @Sendable (_ baseURL: String) async throws -> Void
) async throws {
    let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
    let app = Application(
        router: router,
        configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) },
        logger: logger
    )
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await app.runService() }
        var ports = portStream.makeAsyncIterator()
        let port = await ports.next() ?? 0
        try await body("http://127.0.0.1:\(port)")
        group.cancelAll()
    }
}
