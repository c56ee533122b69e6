import Foundation

/// A `kontor run` child process with its own state folder, for end-to-end tests.
final class KontorProcess: @unchecked Sendable {
    let process = Process()
    let stateDirectory: URL
    let logFile: URL
    private(set) var httpAddress = ""
    private(set) var bootstrapServers = ""

    /// The built `kontor` executable: beside the test bundle in SwiftPM's build folder.
    static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["KONTOR_BINARY"] {
            return URL(fileURLWithPath: path)
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("kontor")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/kontor")
    }

    init(stateDirectory: URL? = nil, arguments: [String] = [], environment: [String: String] = [:]) throws {
        self.stateDirectory =
            stateDirectory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("kontor-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.stateDirectory, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: self.stateDirectory.appendingPathComponent("runtime.json"))
        logFile = self.stateDirectory.appendingPathComponent("kontor-\(UUID().uuidString.prefix(6)).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        process.executableURL = Self.executable
        process.arguments = ["run", "--port", "0", "--state-dir", self.stateDirectory.path] + arguments
        var env = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("KONTOR_") && $0.key != "KAFKA_BROKERS"
        }
        env.merge(environment) { _, new in new }
        process.environment = env
        let log = try FileHandle(forWritingTo: logFile)
        process.standardOutput = log
        process.standardError = log
    }

    /// Starts the process and waits until it wrote its runtime file (it is serving then).
    func start(timeout: Duration = .seconds(60)) async throws {
        try process.run()
        let runtimeFile = stateDirectory.appendingPathComponent("runtime.json")
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let data = try? Data(contentsOf: runtimeFile),
                let runtime = try? JSONDecoder().decode([String: String].self, from: data),
                runtime["pid"] == "\(process.processIdentifier)"
            {
                httpAddress = runtime["httpAddress"] ?? ""
                bootstrapServers = runtime["bootstrapServers"] ?? ""
                if let token = adminToken, !httpAddress.isEmpty {
                    HTTPClient.register(token: token, for: httpAddress)
                }
                return
            }
            guard process.isRunning else {
                throw E2EError("kontor exited with \(process.terminationStatus) before it was ready:\n\(log)")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw E2EError("kontor did not become ready in time:\n\(log)")
    }

    /// Sends SIGTERM and waits for the exit status.
    func terminate(timeout: Duration = .seconds(30)) async throws -> Int32 {
        kill(process.processIdentifier, SIGTERM)
        return try await waitForExit(timeout: timeout)
    }

    func waitForExit(timeout: Duration) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                kill(process.processIdentifier, SIGKILL)
                throw E2EError("kontor did not exit within \(timeout):\n\(log)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationStatus
    }

    /// The admin token `kontor run` created in the state folder (none when tokens are configured).
    var adminToken: String? {
        (try? String(contentsOf: stateDirectory.appendingPathComponent("admin.token"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

struct E2EError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
