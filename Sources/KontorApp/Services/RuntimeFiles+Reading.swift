import Foundation

extension RuntimeFiles {
    /// The bootstrap servers in `runtime.json`, when the process that wrote it still runs.
    func runningBootstrapServers() -> String? {
        guard let data = try? Data(contentsOf: runtimeFile),
            let runtime = try? JSONDecoder().decode([String: String].self, from: data),
            let servers = runtime["bootstrapServers"], !servers.isEmpty,
            let pid = runtime["pid"].flatMap({ Int32($0) }), kill(pid, 0) == 0
        else { return nil }
        return servers
    }
}

extension KontorConfiguration {
    /// The Kafka a tool beside `kontor run` publishes to: that of the `kontor run` that wrote the state folder's
    /// runtime files, while it runs; else `kafka.brokers`; nil when neither is there.
    public func runningBootstrapServers() -> String? {
        RuntimeFiles(directory: URL(fileURLWithPath: stateDirectory)).runningBootstrapServers() ?? kafkaBrokers
    }
}
