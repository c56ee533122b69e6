import Foundation

/// Reads topics with `kcat`, a real Kafka client outside Kontor.
enum Kcat {
    struct Record: Sendable {
        var topic: String
        var partition: Int
        var offset: Int64
        var key: String?
        var payload: String
        var headers: [String: String]

        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(payload.utf8))) as? [String: Any] ?? [:]
        }
    }

    /// Every record of `topic` from the beginning, as kcat's JSON envelope (`-J`).
    static func read(_ bootstrapServers: String, topic: String) throws -> [Record] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/kcat")
        process.arguments = ["-b", bootstrapServers, "-C", "-t", topic, "-o", "beginning", "-e", "-q", "-J"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw E2EError("kcat exited with \(process.terminationStatus) reading \(topic)")
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            guard
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let partition = object["partition"] as? Int,
                let offset = object["offset"] as? Int
            else { return nil }
            var headers: [String: String] = [:]
            let flat = object["headers"] as? [String] ?? []
            for index in stride(from: 0, to: flat.count - 1, by: 2) { headers[flat[index]] = flat[index + 1] }
            return Record(
                topic: object["topic"] as? String ?? topic,
                partition: partition,
                offset: Int64(offset),
                key: object["key"] as? String,
                payload: object["payload"] as? String ?? "",
                headers: headers
            )
        }
    }

    /// Reads `topic` until `condition` holds for the records or `timeout` passes.
    static func waitFor(
        _ bootstrapServers: String,
        topic: String,
        timeout: Duration = .seconds(30),
        until condition: ([Record]) -> Bool
    ) async throws -> [Record] {
        let deadline = ContinuousClock.now + timeout
        var records: [Record] = []
        repeat {
            records = try read(bootstrapServers, topic: topic)
            if condition(records) { return records }
            try await Task.sleep(for: .milliseconds(250))
        } while ContinuousClock.now < deadline
        return records
    }
}
