import Foundation

/// Runs Debian's document tools (poppler-utils' `pdftotext`/`pdftoppm`, zbar-tools' `zbarimg`) on files in a
/// scratch directory, to read what Kontor wrote the way other software will.
struct ExternalTool {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-shipping-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Writes `bytes` to `name` in the scratch directory and returns its path.
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Runs `/usr/bin/<tool>` and returns its standard output; output goes through files, not pipes.
    @discardableResult
    func run(_ tool: String, _ arguments: [String]) throws -> String {
        let output = directory.appendingPathComponent("\(tool)-\(UUID()).out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return String(decoding: try Data(contentsOf: output), as: UTF8.self)
    }

    /// The text of a PDF as `pdftotext -layout` reads it.
    func pdfText(_ pdf: [UInt8]) throws -> String {
        let path = try write(pdf, to: "document-\(UUID()).pdf")
        return try run("pdftotext", ["-layout", "-enc", "UTF-8", path, "-"])
    }

    /// The barcodes `zbarimg` finds on a PDF's pages rendered at 300 dpi, one string per symbol, page by page.
    func barcodes(_ pdf: [UInt8]) throws -> [String] {
        let name = "label-\(UUID())"
        let path = try write(pdf, to: "\(name).pdf")
        let prefix = directory.appendingPathComponent(name).path
        try run("pdftoppm", ["-r", "300", "-gray", "-png", path, prefix])
        let pages = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix(name) && $0.hasSuffix(".png") }.sorted()
        var symbols: [String] = []
        for page in pages {
            let output = try run(
                "zbarimg",
                ["--quiet", "--raw", "-Sdisable", "-Scode128.enable", directory.appendingPathComponent(page).path]
            )
            symbols += output.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        }
        return symbols
    }
}
