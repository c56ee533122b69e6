import CRdKafka
import Dispatch
import Foundation
import Synchronization

/// A thread that serves a producer's callbacks (delivery reports, errors) with `rd_kafka_poll`.
///
/// A dedicated thread rather than a task: `rd_kafka_poll` blocks, and blocking a thread of Swift's
/// cooperative pool would starve other tasks. `rd_kafka_poll` wakes as soon as an event arrives,
/// so its timeout bounds only how long `stop()` waits.
final class RDKafkaPollThread: Sendable {
    private final class Flags: Sendable {
        let running = Atomic<Bool>(true)
        let exited = DispatchSemaphore(value: 0)
    }

    private let flags = Flags()

    init(client: RDKafkaClient, name: String) {
        let flags = self.flags
        let thread = Thread {
            while flags.running.load(ordering: .acquiring) {
                rd_kafka_poll(client.pointer, 100)
            }
            flags.exited.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Stops the thread and waits until it has left its loop; safe to call more than once.
    func stop() {
        if flags.running.exchange(false, ordering: .acquiringAndReleasing) {
            flags.exited.wait()
        }
    }

    deinit {
        stop()
    }
}
