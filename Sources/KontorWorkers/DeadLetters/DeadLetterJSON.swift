import Foundation
import KontorModel
import KontorStore

/// Dead letters and audit entries as JSON objects, the same for `kontor dlq` and the `/v1/dlq` routes.
public enum DeadLetterJSON {
    /// The index fields: id, stage, event id, origin, error, attempts, failure times, status, replay count and the
    /// key (text when UTF-8, else base64 with `keyEncoding: base64`).
    public static func summary(_ record: DeadLetterRecord) -> [String: Any] {
        var object: [String: Any] = [
            "id": record.id,
            "stage": record.stage,
            "eventId": record.eventID ?? NSNull(),
            "originalTopic": record.originalTopic,
            "originalPartition": record.originalPartition,
            "originalOffset": record.originalOffset,
            "errorClass": record.errorClass,
            "errorMessage": record.errorMessage,
            "attempts": record.attempts,
            "firstFailure": record.firstFailure.rfc3339String,
            "lastFailure": record.lastFailure.rfc3339String,
            "status": record.status.rawValue,
            "replayCount": record.replayCount,
        ]
        let key = record.key.map(text)
        object["key"] = key?.value ?? NSNull()
        object["keyEncoding"] = key?.encoding ?? NSNull()
        return object
    }

    /// ``summary(_:)`` plus the headers (`{key, value, encoding}`) and the payload: `payload` as text when it is
    /// UTF-8 (`payloadEncoding: utf-8`), else base64 (`payloadEncoding: base64`).
    public static func detail(_ record: DeadLetterRecord) -> [String: Any] {
        var object = summary(record)
        object["headers"] = record.headers.map { header -> [String: Any] in
            let value = header.value.map(text)
            return ["key": header.key, "value": value?.value ?? NSNull(), "encoding": value?.encoding ?? NSNull()]
        }
        let payload = text(record.payload)
        object["payload"] = payload.value
        object["payloadEncoding"] = payload.encoding
        return object
    }

    /// An audit entry: sequence, actor, at, action, filter, count.
    public static func audit(_ entry: AuditEntry) -> [String: Any] {
        [
            "sequence": entry.sequence, "actor": entry.actor, "at": entry.at.rfc3339String, "action": entry.action,
            "filter": entry.filter, "count": entry.count,
        ]
    }

    /// Bytes as UTF-8 text when they are valid UTF-8, else base64.
    static func text(_ bytes: [UInt8]) -> (value: String, encoding: String) {
        if let string = String(validating: bytes, as: UTF8.self) {
            return (string, "utf-8")
        }
        return (Data(bytes).base64EncodedString(), "base64")
    }
}
