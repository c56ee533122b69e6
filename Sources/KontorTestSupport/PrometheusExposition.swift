/// A strict reader of the Prometheus text exposition format (version 0.0.4), for tests that scrape `/metrics`.
///
/// Every line is checked: `# TYPE` / `# HELP` comments, sample lines `name{label="value",…} value`, metric and
/// label names, escaped label values, numbers (`+Inf`, `-Inf`, `NaN` included), one `# TYPE` per family before its
/// samples, and for histograms cumulative buckets ending in `le="+Inf"` equal to `_count`, beside `_sum`.
/// A violation throws, naming the line.
public struct PrometheusExposition: Sendable {
    public struct Sample: Sendable, Hashable {
        public var name: String
        public var labels: [String: String]
        public var value: Double
    }

    public struct FormatError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The families' types by name (`counter`, `gauge`, `histogram`, `summary`, `untyped`).
    public private(set) var types: [String: String] = [:]
    public private(set) var samples: [Sample] = []

    public init(_ text: String) throws {
        var seenSampleFamilies = Set<String>()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            func fail(_ what: String) -> FormatError { FormatError(description: "line \(number): \(what): \(line)") }
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
                guard parts.count >= 3, parts[1] == "TYPE" || parts[1] == "HELP" else { continue }
                let family = String(parts[2])
                guard Self.isMetricName(family) else { throw fail("bad metric name in \(parts[1])") }
                if parts[1] == "TYPE" {
                    guard parts.count == 4,
                        ["counter", "gauge", "histogram", "summary", "untyped"].contains(String(parts[3]))
                    else { throw fail("bad TYPE") }
                    guard types[family] == nil else { throw fail("second TYPE for \(family)") }
                    guard !seenSampleFamilies.contains(family) else { throw fail("TYPE after samples of \(family)") }
                    types[family] = String(parts[3])
                }
                continue
            }
            let sample = try Self.sample(String(line), fail: fail)
            seenSampleFamilies.insert(family(of: sample.name))
            samples.append(sample)
        }
        try checkHistograms()
    }

    /// The family a sample belongs to (`x` for `x_bucket`, `x_sum`, `x_count` of a histogram `x`).
    public func family(of name: String) -> String {
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if types[base] == "histogram" || types[base] == "summary" { return base }
        }
        return name
    }

    /// The samples named `name` whose labels include `labels`.
    public func samples(_ name: String, _ labels: [String: String] = [:]) -> [Sample] {
        samples.filter { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }
    }

    /// The value of the one sample named `name` with exactly these labels, if present.
    public func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    private func checkHistograms() throws {
        for (family, type) in types where type == "histogram" {
            var series: [[String: String]: [(le: Double, value: Double)]] = [:]
            for sample in samples where sample.name == family + "_bucket" {
                guard let le = sample.labels["le"], let bound = Self.number(le) else {
                    throw FormatError(description: "\(family)_bucket without a numeric le label: \(sample.labels)")
                }
                var key = sample.labels
                key["le"] = nil
                series[key, default: []].append((bound, sample.value))
            }
            for (labels, buckets) in series {
                let sorted = buckets.sorted { $0.le < $1.le }
                guard sorted.last?.le == .infinity else {
                    throw FormatError(description: "\(family)\(labels) has no le=\"+Inf\" bucket")
                }
                for (lower, upper) in zip(sorted, sorted.dropFirst()) where upper.value < lower.value {
                    throw FormatError(description: "\(family)\(labels): buckets are not cumulative")
                }
                guard value(family + "_count", labels) == sorted.last?.value else {
                    throw FormatError(description: "\(family)\(labels): _count differs from the +Inf bucket")
                }
                guard value(family + "_sum", labels) != nil else {
                    throw FormatError(description: "\(family)\(labels) has no _sum")
                }
            }
        }
    }

    private static func sample(_ line: String, fail: (String) -> FormatError) throws -> Sample {
        var rest = Substring(line)
        let name = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" })
        guard isMetricName(name) else { throw fail("bad metric name") }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let label = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
                guard isLabelName(label) else { throw fail("bad label name") }
                rest = rest.dropFirst(label.count)
                guard rest.hasPrefix("=\"") else { throw fail("label \(label) without =\"") }
                rest = rest.dropFirst(2)
                var value = ""
                while let character = rest.first, character != "\"" {
                    rest = rest.dropFirst()
                    if character == "\\" {
                        switch rest.first {
                        case "\\": value.append("\\")
                        case "\"": value.append("\"")
                        case "n": value.append("\n")
                        default: throw fail("bad escape in label \(label)")
                        }
                        rest = rest.dropFirst()
                    } else {
                        value.append(character)
                    }
                }
                guard rest.first == "\"" else { throw fail("unterminated value of label \(label)") }
                rest = rest.dropFirst()
                guard labels.updateValue(value, forKey: label) == nil else { throw fail("label \(label) twice") }
                if rest.first == "," {
                    rest = rest.dropFirst()
                } else if rest.first != "}" {
                    throw fail("expected , or } after label \(label)")
                }
            }
            rest = rest.dropFirst()
        }
        let fields = rest.split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 2 || fields.count == 3, fields[0].isEmpty, let value = number(String(fields[1])) else {
            throw fail("expected one space and a number after the name and labels")
        }
        if fields.count == 3, Int64(fields[2]) == nil { throw fail("bad timestamp") }
        return Sample(name: name, labels: labels, value: value)
    }

    static func number(_ text: String) -> Double? {
        switch text {
        case "+Inf", "Inf": .infinity
        case "-Inf": -.infinity
        case "NaN": .nan
        default: Double(text)
        }
    }

    static func isMetricName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_" || first == ":" else {
            return false
        }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" || $0 == ":" }
    }

    static func isLabelName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" }
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
