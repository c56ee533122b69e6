import Foundation

/// Runs one of the selenium scripts in `Browser/` (headless Chromium) and collects what it printed: the screenshot
/// paths on stdout, what went wrong on stderr.
enum BrowserCheck {
    struct Result {
        var status: Int32
        var printed: String
        var complaints: String

        /// The PNG paths the script printed.
        var screenshots: [String] {
            printed.split(separator: "\n").map(String.init).filter { $0.hasSuffix(".png") }
        }
    }

    /// `python3 Browser/<script> <arguments>`, run from the `Browser` folder (the scripts import each other).
    static func run(_ script: String, _ arguments: [String]) throws -> Result {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Browser")
        let output = Pipe()
        let errors = Pipe()
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", folder.appendingPathComponent(script).path] + arguments
        check.currentDirectoryURL = folder
        check.standardOutput = output
        check.standardError = errors
        try check.run()
        // Read before waiting, so a full pipe cannot block the script.
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let complaints = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        return Result(status: check.terminationStatus, printed: printed, complaints: complaints)
    }
}
