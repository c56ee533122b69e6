import Foundation
import KontorConnectors
import KontorHTTPClient
import KontorMapping

/// `kontor bench http`: signed webhooks per second into a `kontor run` child process (ingest role, embedded
/// cluster, SQLite store), driven by `wrk` at a fixed concurrency, with latency percentiles.
///
/// Every request goes the whole way of a partner's delivery: signature check, redelivery check (each request has
/// its own delivery id), translation through the connector's mapping, publishing with the broker's acknowledgement
/// and recording the order's progress in the store. The bodies are the connector's first mapping sample with its
/// `id` and `name` (Shopify's order id and number) varied, so that ``distinctBodies`` orders are distinct.
/// Only the ingest role runs, and the pipeline-lag limit is lifted: the benchmark measures the HTTP edge, not
/// the workers behind it.
public struct HTTPBenchmark: Sendable {
    /// The `kontor` executable to start (`kontor run`).
    public var executable: URL
    /// wrk's connections (`-c`) and threads (`-t`).
    public var connections = 64
    public var threads = 2
    /// Seconds of the measured run, after a warm-up of ``warmUpSeconds``.
    public var seconds = 20
    public var warmUpSeconds = 2
    /// The webhook connector: a file `<name>.yaml` in ``connectorsDirectory``.
    public var connector = "shopify"
    public var connectorsDirectory = "connectors"
    public var mappingsDirectory = "mappings"
    /// Distinct signed bodies that the requests cycle through.
    public var distinctBodies = 1_000
    /// The `wrk` binary; nil to look for it on `PATH`.
    public var wrk: String?

    public init(executable: URL) {
        self.executable = executable
    }

    public func run() async throws -> BenchmarkReport {
        guard connections >= threads, threads > 0, seconds > 0 else {
            throw BenchmarkError("wrk needs at least one thread, at least as many connections as threads, and 1 s")
        }
        let wrkPath = try Self.locateWrk(wrk)
        let instance = try ConnectorInstanceLoader.load(
            file: (connectorsDirectory as NSString).appendingPathComponent("\(connector).yaml")
        )
        guard instance.type == .webhook, let path = instance.path, let signature = instance.signature,
            let mappingName = instance.mapping
        else { throw BenchmarkError("connector \(connector) is not a webhook connector with a signature") }
        let secret = UUID().uuidString
        let script = try makeScript(instance: instance, mappingName: mappingName, signature: signature, secret: secret)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-bench-http-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let connectors = folder.appendingPathComponent("connectors")
        try FileManager.default.createDirectory(at: connectors, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: URL(fileURLWithPath: instance.file),
            to: connectors.appendingPathComponent("\(connector).yaml")
        )
        let scriptFile = folder.appendingPathComponent("webhooks.lua")
        try Data(script.text.utf8).write(to: scriptFile)

        let server = try BenchServerProcess(
            executable: executable,
            stateDirectory: folder.appendingPathComponent("state"),
            arguments: [
                "--role", "ingest", "--log-level", "error", "--host", "127.0.0.1",
                "--set", "connectors.directory=\(connectors.path)",
                "--set", "mappings.directory=\(URL(fileURLWithPath: mappingsDirectory).standardizedFileURL.path)",
                "--set", "ingest.maxPipelineLag=\(Int.max)",
                "--set", "auth.metricsOpen=true",
            ],
            environment: [signature.secretEnvironmentVariable: secret]
        )
        do {
            let address = try await server.start()
            let url = address + path
            _ = try runWrk(wrkPath, script: scriptFile, url: url, seconds: warmUpSeconds, run: "warm-up")
            let cpuBefore = server.cpuSeconds()
            let summary = try WrkSummary(
                parsing: try runWrk(wrkPath, script: scriptFile, url: url, seconds: seconds, run: "run")
            )
            let cpu = server.cpuSeconds() - cpuBefore
            let peak = server.peakResidentMegabytes()
            let metrics = try await Self.metrics(of: address)
            try await server.terminate()
            var report = Self.report(summary, connections: connections, threads: threads, cpuSeconds: cpu, peakMB: peak)
            // The server's own count, warm-up included: every request should be a new delivery, none a duplicate.
            for (name, counter) in [
                ("orders_accepted", "kontor_connector_orders_total"),
                ("duplicates", "kontor_connector_duplicate_deliveries_total"),
                ("rejected_signatures", "kontor_connector_rejected_signatures_total"),
            ] {
                report.add("http.server.\(name)", "\(Self.counter(counter, connector: instance.name, in: metrics))")
            }
            return report
        } catch {
            _ = try? await server.terminate()
            throw error
        }
    }

    /// The `http.*` lines of a run.
    static func report(
        _ summary: WrkSummary,
        connections: Int,
        threads: Int,
        cpuSeconds: Double,
        peakMB: Double
    ) -> BenchmarkReport {
        var report = BenchmarkReport()
        report.add("http.connections", "\(connections)")
        report.add("http.threads", "\(threads)")
        report.add("http.duration_s", summary.seconds, decimals: 1)
        report.add("http.requests", "\(summary.requests)")
        report.add("http.webhooks_per_s", summary.successesPerSecond, decimals: 0)
        report.add("http.latency_p50_ms", summary.latencyP50Milliseconds, decimals: 2)
        report.add("http.latency_p95_ms", summary.latencyP95Milliseconds, decimals: 2)
        report.add("http.latency_p99_ms", summary.latencyP99Milliseconds, decimals: 2)
        report.add("http.latency_max_ms", summary.latencyMaxMilliseconds, decimals: 2)
        report.add("http.non_2xx", "\(summary.non2xx)")
        report.add("http.socket_errors", "\(summary.socketErrors)")
        let accepted = summary.requests - summary.non2xx
        report.add(
            "http.server_cpu_s_per_1000_webhooks",
            accepted > 0 ? cpuSeconds / Double(accepted) * 1000 : .nan,
            decimals: 2
        )
        report.add("http.server_peak_rss_mb", peakMB, decimals: 0)
        return report
    }

    /// The Prometheus text the server's `/metrics` serves.
    private static func metrics(of address: String) async throws -> String {
        let response = try await CurlHTTPClient().execute(HTTPClientRequest(url: address + "/metrics"))
        guard response.status == 200 else { throw BenchmarkError("GET /metrics answered \(response.status)") }
        return String(decoding: response.body, as: UTF8.self)
    }

    /// The value of counter `name` for `connector` in Prometheus text; 0 when the counter is not there (yet).
    static func counter(_ name: String, connector: String, in metrics: String) -> Int {
        for line in metrics.split(separator: "\n") where line.hasPrefix("\(name){") {
            guard line.contains("connector=\"\(connector)\""), let value = line.split(separator: " ").last else {
                continue
            }
            return Int(Double(value) ?? 0)
        }
        return 0
    }

    /// Signed variants of the connector's first sample; the first is checked to translate.
    private func makeScript(
        instance: ConnectorInstance,
        mappingName: String,
        signature: ConnectorInstance.Signature,
        secret: String
    ) throws -> WrkScript {
        let catalog = try MappingCatalog(directory: mappingsDirectory)
        guard let mapping = catalog.mapping(named: mappingName),
            let sample = try MappingBenchmark.samples(of: mapping, in: mappingsDirectory).first,
            let document = try JSONSerialization.jsonObject(with: Data(sample)) as? [String: Any]
        else { throw BenchmarkError("mapping \(mappingName) has no JSON object sample to post") }
        let signer = WebhookSignature(configuration: signature, secret: secret)
        let bodies = try (0..<max(1, distinctBodies)).map { index in
            var variant = document
            if let id = variant["id"] as? Int { variant["id"] = id + index }
            if let name = variant["name"] as? String { variant["name"] = "\(name)-B\(index)" }
            let body = Array(try JSONSerialization.data(withJSONObject: variant, options: [.sortedKeys]))
            return WrkScript.SignedBody(body: body, signature: signer.sign(body))
        }
        _ = try mapping.translate(bodies[0].body)
        return WrkScript(
            bodies: bodies,
            signatureHeader: signature.header,
            deliveryHeader: instance.deduplicationHeader,
            threads: threads
        )
    }

    /// Runs wrk to the end and returns its standard output.
    private func runWrk(_ wrkPath: String, script: URL, url: String, seconds: Int, run: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrkPath)
        process.arguments = [
            "-t", "\(threads)", "-c", "\(connections)", "-d", "\(seconds)s", "-s", script.path, url, "--", run,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw BenchmarkError("wrk exited with \(process.terminationStatus):\n\(text)")
        }
        return text
    }

    /// `path` when given, else `wrk` on `PATH`; throws naming the package to install.
    static func locateWrk(_ path: String?, searchPath: String? = ProcessInfo.processInfo.environment["PATH"]) throws
        -> String
    {
        let candidates =
            path.map { [$0] }
            ?? (searchPath ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/wrk" }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw BenchmarkError(
                "wrk not found (\(path ?? "on PATH")): install it with `apt-get install wrk` (Debian package wrk)"
            )
        }
        return found
    }
}
