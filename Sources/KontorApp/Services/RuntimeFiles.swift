import Foundation

/// Files under the state folder that tell tools where a running Kontor is:
/// `bootstrap.servers` (for `kcat -b $(cat .kontor/bootstrap.servers)`) and `runtime.json`.
struct RuntimeFiles {
    let directory: URL

    var bootstrapFile: URL { directory.appendingPathComponent("bootstrap.servers") }
    var runtimeFile: URL { directory.appendingPathComponent("runtime.json") }

    func write(httpAddress: String?, bootstrapServers: String, embedded: Bool) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data((bootstrapServers + "\n").utf8).write(to: bootstrapFile, options: .atomic)
        let runtime: [String: String] = [
            "httpAddress": httpAddress ?? "",
            "bootstrapServers": bootstrapServers,
            "kafka": embedded ? "embedded" : "external",
            "pid": "\(ProcessInfo.processInfo.processIdentifier)",
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try encoder.encode(runtime).write(to: runtimeFile, options: .atomic)
    }
}
