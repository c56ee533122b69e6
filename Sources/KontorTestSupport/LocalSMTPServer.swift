import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// Test support: a real SMTP server (Debian's python3-aiosmtpd, run by /usr/bin/python3) on a free loopback port,
// standing in for a customer-facing mail relay. Each message it accepts is written to a folder, raw and as Python's
// `email` package reads it (decoded headers and parts, parser defects), so tests check the MIME structure with an
// independent parser.

/// A running aiosmtpd for tests; stopped and cleaned up by ``stop()`` or when released.
public final class LocalSMTPServer: @unchecked Sendable {  // immutable after init except `process`, behind `lock`
    /// Debian's Python, where `python3-aiosmtpd` is installed (the `python3` on PATH may be another one).
    public static let pythonPath = "/usr/bin/python3"

    public let port: Int
    /// `smtp://127.0.0.1:<port>`.
    public var url: String { "smtp://127.0.0.1:\(port)" }
    /// Where received messages are written.
    public let mailDirectory: String

    private let directory: String
    private let logPath: String
    private let lock = NSLock()
    private var process: ChildProcess?

    /// Starts the server; with `refuseFirst` > 0 it answers the first that many messages with `451` (try later).
    public init(refuseFirst: Int = 0) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kontor-smtp-\(UUID().uuidString.prefix(8))").path
        self.directory = directory
        mailDirectory = directory + "/mail"
        logPath = directory + "/server.log"
        try FileManager.default.createDirectory(atPath: mailDirectory, withIntermediateDirectories: true)
        let script = directory + "/smtp_sink.py"
        try Self.script.write(toFile: script, atomically: true, encoding: .utf8)
        do {
            (port, process) = try Self.launch(
                script: script,
                mailDirectory: mailDirectory,
                refuseFirst: refuseFirst,
                logPath: logPath
            )
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    deinit { stop() }

    /// The messages received so far, oldest first.
    public func messages() throws -> [ReceivedMail] {
        let names = try FileManager.default.contentsOfDirectory(atPath: mailDirectory).filter { $0.hasSuffix(".json") }
        return try names.sorted().map { name in
            let data = try Data(contentsOf: URL(fileURLWithPath: mailDirectory + "/" + name))
            return try JSONDecoder().decode(ReceivedMail.self, from: data)
        }
    }

    /// Waits until at least `count` messages arrived (checking every 50 ms, up to `limit`) and returns them all.
    public func waitForMessages(_ count: Int, limit: Duration = .seconds(30)) async throws -> [ReceivedMail] {
        let deadline = ContinuousClock.now + limit
        while true {
            let received = try messages()
            if received.count >= count || ContinuousClock.now >= deadline { return received }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// What the server logged (refusals, errors).
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Stops the server and removes its folder; safe to call twice.
    public func stop() {
        let running = lock.withLock {
            defer { process = nil }
            return process
        }
        guard let running else { return }
        running.terminate()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Starts the server on a free port, trying again with another port when something else took it first.
    private static func launch(script: String, mailDirectory: String, refuseFirst: Int, logPath: String) throws
        -> (Int, ChildProcess)
    {
        var lastFailure: any Error = LocalSMTPServerError("the SMTP server did not start")
        for _ in 0..<5 {
            guard let port = LoopbackPort.free() else { throw LocalSMTPServerError("cannot find a free port") }
            let process = try ChildProcess(
                pythonPath,
                [script, String(port), mailDirectory, String(refuseFirst)],
                outputPath: logPath
            )
            do {
                try waitUntilAccepting(port: port, process: process, logPath: logPath)
                return (port, process)
            } catch {
                lastFailure = error
                if process.exitStatusIfEnded() == nil { process.terminate() }
            }
        }
        throw lastFailure
    }

    private static func waitUntilAccepting(port: Int, process: ChildProcess, logPath: String) throws {
        guard FileManager.default.isExecutableFile(atPath: pythonPath) else {
            throw LocalSMTPServerError("\(pythonPath) is missing (apt-get install python3-aiosmtpd)")
        }
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if let status = process.exitStatusIfEnded() {
                let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
                throw LocalSMTPServerError(
                    "the SMTP server exited with status \(status) (is python3-aiosmtpd installed?): \(log)"
                )
            }
            if LoopbackPort.accepts(port) { return }
            usleep(20_000)
        }
        throw LocalSMTPServerError("the SMTP server did not accept connections on port \(port) within 15 seconds")
    }

    private static let script = #"""
        import json, os, signal, sys, time, email, email.policy
        from aiosmtpd.controller import Controller

        # The test process may start this one with SIGTERM blocked or ignored (inherited); stop() needs it.
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})

        port, folder, refuse_first = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])

        class Sink:
            def __init__(self):
                self.seen = 0

            async def handle_DATA(self, server, session, envelope):
                self.seen += 1
                if self.seen <= refuse_first:
                    print(f"refused message {self.seen} with 451", flush=True)
                    return "451 4.3.0 try again later"
                raw = envelope.original_content or envelope.content
                message = email.message_from_bytes(raw, policy=email.policy.default)
                def body(kind):
                    part = message.get_body(preferencelist=(kind,))
                    return part.get_content() if part is not None else None
                summary = {
                    "mailFrom": envelope.mail_from,
                    "recipients": list(envelope.rcpt_tos),
                    "raw": raw.decode("utf-8", "replace"),
                    "headers": {key.lower(): str(value) for key, value in message.items()},
                    "contentType": message.get_content_type(),
                    "partTypes": [part.get_content_type() for part in message.iter_parts()]
                        if message.is_multipart() else [],
                    "text": body("plain"),
                    "html": body("html"),
                    "defects": [repr(defect) for part in message.walk() for defect in part.defects],
                }
                name = f"{time.time_ns():020d}-{self.seen:04d}"
                path = os.path.join(folder, name)
                with open(path + ".tmp", "w", encoding="utf-8") as file:
                    json.dump(summary, file)
                os.rename(path + ".tmp", path + ".json")
                return "250 2.0.0 OK"

        controller = Controller(Sink(), hostname="127.0.0.1", port=port)
        controller.start()
        print(f"listening on {port}", flush=True)
        while True:
            time.sleep(3600)
        """#
}

/// One message the test SMTP server accepted, as Python's `email` package read it.
public struct ReceivedMail: Sendable, Decodable {
    /// `MAIL FROM`.
    public var mailFrom: String
    /// `RCPT TO`s.
    public var recipients: [String]
    /// The message as received.
    public var raw: String
    /// Headers by lower-case name, encoded words decoded.
    public var headers: [String: String]
    /// The top-level content type, e.g. `multipart/alternative`.
    public var contentType: String
    /// The content types of the top-level parts.
    public var partTypes: [String]
    /// The decoded text/plain body.
    public var text: String?
    /// The decoded text/html body.
    public var html: String?
    /// What the parser found wrong (empty for a well-formed message).
    public var defects: [String]

    /// A header's decoded value.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// The test SMTP server could not be set up; the message says why and what to install.
public struct LocalSMTPServerError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }
}
