import KontorModel
import Logging
import ServiceLifecycle

/// Runs the ``PickupScheduler`` every `interval` in `kontor run` (`shipping.pickups.enabled`), until graceful
/// shutdown.
public struct PickupService: Service {
    let scheduler: PickupScheduler
    let interval: Duration
    let logger: Logger
    let now: @Sendable () -> Timestamp

    /// Creates the service; `now` is the clock the scheduler is asked at.
    public init(
        scheduler: PickupScheduler,
        interval: Duration = .seconds(60),
        logger: Logger,
        now: @escaping @Sendable () -> Timestamp = { .now() }
    ) {
        self.scheduler = scheduler
        self.interval = interval
        self.logger = logger
        self.now = now
    }

    public func run() async throws {
        await PeriodicTask.run(every: interval, logger: logger, failure: "cannot book pickups; trying again") {
            try await scheduler.tick(at: now())
        }
    }
}
