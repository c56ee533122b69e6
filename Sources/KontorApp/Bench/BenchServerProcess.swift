import Foundation

/// A `kontor run` child process on the embedded stack, in its own state folder, for benchmarks that drive it
/// from outside (HTTP). Its output goes to `kontor.log` in the state folder.
final class BenchServerProcess: @unchecked Sendable {
    private let process = Process()
    let stateDirectory: URL
    var logFile: URL { stateDirectory.appendingPathComponent("kontor.log") }

    /// - Parameters:
    ///   - executable: the `kontor` binary.
    ///   - arguments: after `run --port 0 --state-dir <state>`.
    ///   - environment: added to this process's, from which `KONTOR_*` and `KAFKA_BROKERS` are left out so that
    ///     the benchmark runs on defaults (and the embedded cluster) whatever the shell has set.
    init(executable: URL, stateDirectory: URL, arguments: [String], environment: [String: String]) throws {
        self.stateDirectory = stateDirectory
        try FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        process.executableURL = executable
        process.arguments = ["run", "--port", "0", "--state-dir", stateDirectory.path] + arguments
        // Away from any ./kontor.yaml of the caller's folder.
        process.currentDirectoryURL = stateDirectory
        process.environment = ProcessInfo.processInfo.environment
            .filter { !$0.key.hasPrefix("KONTOR_") && $0.key != "KAFKA_BROKERS" }
            .merging(environment) { _, new in new }
        let log = try FileHandle(forWritingTo: logFile)
        process.standardOutput = log
        process.standardError = log
    }

    var processIdentifier: Int32 { process.processIdentifier }

    /// Starts the process and returns its HTTP address once it wrote its runtime file (it serves then).
    func start(timeout: Duration = .seconds(120)) async throws -> String {
        try process.run()
        let runtimeFile = stateDirectory.appendingPathComponent("runtime.json")
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let data = try? Data(contentsOf: runtimeFile),
                let runtime = try? JSONDecoder().decode([String: String].self, from: data),
                runtime["pid"] == "\(process.processIdentifier)", let address = runtime["httpAddress"], !address.isEmpty
            {
                return address
            }
            guard process.isRunning else {
                throw BenchmarkError(
                    "kontor run exited with \(process.terminationStatus) before it served:\n\(logTail)"
                )
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchmarkError("kontor run did not serve within \(timeout):\n\(logTail)")
    }

    /// CPU seconds (user and system) the process used so far, from `/proc/<pid>/stat`.
    func cpuSeconds() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(processIdentifier)/stat", encoding: .utf8),
            let afterName = stat.lastIndex(of: ")")
        else { return .nan }
        // Fields after the command name: state is field 3; utime and stime are fields 14 and 15.
        let fields = stat[stat.index(after: afterName)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return .nan }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// The process's peak resident set size in MiB.
    func peakResidentMegabytes() -> Double {
        KontorApp.peakResidentMegabytes(process: "\(processIdentifier)")
    }

    /// Sends SIGTERM and waits for the exit (SIGKILL after `timeout`); returns the exit status.
    @discardableResult
    func terminate(timeout: Duration = .seconds(30)) async throws -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, SIGTERM)
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationStatus
    }

    /// The last lines of the process's log, for error messages.
    var logTail: String {
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(20).joined(separator: "\n")
    }
}
