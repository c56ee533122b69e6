/// A librdkafka handle that may cross threads.
///
/// Only for handles librdkafka documents as thread-safe (client instances, the mock cluster,
/// consumer-group metadata read by one call at a time); the owner still frees it exactly once.
struct SendablePointer: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }
}
