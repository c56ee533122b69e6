import Logging
import ServiceLifecycle

/// The loop of `kontor run`'s periodic services (delay detection, pickups, the tokens file): `tick` now and then
/// every `interval` until graceful shutdown. A failed tick is logged as `failure` and tried again at the next one.
enum PeriodicTask {
    static func run(
        every interval: Duration,
        logger: Logger,
        failure: Logger.Message,
        _ tick: @escaping @Sendable () async throws -> Void
    ) async {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await tick()
                } catch {
                    logger.warning(failure, metadata: ["kontor.error": "\(error)"])
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}
