/// The Lua script that `wrk` runs for `kontor bench http`: it posts precomputed signed bodies in turn (each thread
/// starting at its own), gives every request its own delivery id so that the webhook's redelivery check never
/// short-circuits the work, and prints its figures as `wrk.*=value` lines when done (read by ``WrkSummary``).
///
/// The delivery id is `<run>-<thread>-<n>`, where `<run>` is the script's first argument (`wrk … -- <run>`), so a
/// warm-up run and the measured run do not share ids.
public struct WrkScript: Sendable {
    /// A request body and the signature header's value for it.
    public struct SignedBody: Sendable {
        public var body: [UInt8]
        public var signature: String

        public init(body: [UInt8], signature: String) {
            self.body = body
            self.signature = signature
        }
    }

    public var bodies: [SignedBody]
    public var signatureHeader: String
    /// The header carrying the delivery id; nil when the connector does not deduplicate.
    public var deliveryHeader: String?
    public var contentType = "application/json"
    /// wrk's thread count (`-t`), so that threads start at different bodies.
    public var threads: Int

    public init(bodies: [SignedBody], signatureHeader: String, deliveryHeader: String?, threads: Int) {
        precondition(!bodies.isEmpty, "wrk needs at least one body")
        self.bodies = bodies
        self.signatureHeader = signatureHeader
        self.deliveryHeader = deliveryHeader
        self.threads = max(1, threads)
    }

    public var text: String {
        var lines = ["-- kontor bench http: signed webhooks, one delivery id per request.", "local bodies = {"]
        lines += bodies.map { "  \(Self.quoted($0.body))," }
        lines += ["}", "local signatures = {"]
        lines += bodies.map { "  \(Self.quoted(Array($0.signature.utf8)))," }
        lines += [
            "}",
            "local threads = {}",
            "local sent = 0",
            "thread_number = 1",
            "run = \"run\"",
            "",
            "function setup(thread)",
            "  table.insert(threads, thread)",
            "  thread:set(\"thread_number\", #threads)",
            "end",
            "",
            "function init(args)",
            "  if args[1] then run = args[1] end",
            "end",
            "",
            "function request()",
            "  local i = (sent * \(threads) + thread_number - 1) % #bodies + 1",
            "  sent = sent + 1",
            "  wrk.headers[\"Content-Type\"] = \(Self.quoted(Array(contentType.utf8)))",
            "  wrk.headers[\(Self.quoted(Array(signatureHeader.utf8)))] = signatures[i]",
        ]
        if let deliveryHeader {
            lines.append(
                "  wrk.headers[\(Self.quoted(Array(deliveryHeader.utf8)))] = run .. \"-\" .. thread_number .. \"-\" .. sent"
            )
        }
        lines += [
            "  return wrk.format(\"POST\", nil, nil, bodies[i])",
            "end",
            "",
            "function done(summary, latency, requests)",
            "  local function put(name, value) io.write(string.format(\"wrk.%s=%.0f\\n\", name, value)) end",
            "  put(\"requests\", summary.requests)",
            "  put(\"duration_us\", summary.duration)",
            "  put(\"bytes\", summary.bytes)",
            "  for _, kind in ipairs({\"connect\", \"read\", \"write\", \"status\", \"timeout\"}) do",
            "    put(\"errors.\" .. kind, summary.errors[kind])",
            "  end",
            "  for _, p in ipairs({50, 95, 99}) do put(\"latency_p\" .. p .. \"_us\", latency:percentile(p)) end",
            "  put(\"latency_max_us\", latency.max)",
            "end",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A Lua string literal of `bytes`, exact for any byte: printable ASCII as is, the rest as `\ddd`.
    static func quoted(_ bytes: [UInt8]) -> String {
        var text = "\""
        for byte in bytes {
            if (0x20...0x7E).contains(byte), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                text += "\\" + String(byte).leftPadded(to: 3)
            }
        }
        return text + "\""
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
