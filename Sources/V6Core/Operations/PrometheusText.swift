/// The Prometheus text exposition format (version 0.0.4), as node_exporter's textfile collector reads it:
/// for each metric family a `# HELP` and a `# TYPE` line, then its samples, one per line, label values escaped.
/// `check --prometheus FILE` writes one such file atomically after every run.
public enum PrometheusText {
    public enum MetricType: String, Sendable { case gauge, counter, untyped }

    /// One sample: label pairs in order, and the value.
    public struct Sample: Sendable, Equatable {
        public var labels: [(String, String)]
        public var value: Double
        public init(_ labels: [(String, String)] = [], _ value: Double) { self.labels = labels; self.value = value }
        public static func == (a: Sample, b: Sample) -> Bool {
            a.value == b.value && a.labels.count == b.labels.count && zip(a.labels, b.labels).allSatisfy { $0 == $1 }
        }
    }

    /// A metric: its name, help, type and samples.
    public struct Family: Sendable, Equatable {
        public var name: String
        public var help: String
        public var type: MetricType
        public var samples: [Sample]
        public init(_ name: String, _ type: MetricType, help: String, _ samples: [Sample]) {
            self.name = name; self.type = type; self.help = help; self.samples = samples
        }
    }

    /// The whole file. Families without samples are left out (a HELP line with nothing under it helps nobody);
    /// a family name given twice, an invalid name, or two samples with the same labels are programming errors.
    public static func render(_ families: [Family]) -> String {
        var out = ""
        var seen = Set<String>()
        for family in families where !family.samples.isEmpty {
            precondition(isValidMetricName(family.name), "invalid metric name \(family.name)")
            precondition(seen.insert(family.name).inserted, "metric family \(family.name) given twice")
            out += "# HELP \(family.name) \(escapeHelp(family.help))\n"
            out += "# TYPE \(family.name) \(family.type.rawValue)\n"
            var series = Set<String>()
            for sample in family.samples {
                var line = family.name
                if !sample.labels.isEmpty {
                    line += "{" + sample.labels.map { name, value in
                        precondition(isValidLabelName(name), "invalid label name \(name)")
                        return "\(name)=\"\(escapeLabelValue(value))\""
                    }.joined(separator: ",") + "}"
                }
                precondition(series.insert(line).inserted, "duplicate series \(line)")
                out += line + " " + formatValue(sample.value) + "\n"
            }
        }
        return out
    }

    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`
    public static func isValidMetricName(_ name: String) -> Bool {
        guard let first = name.utf8.first else { return false }
        func letter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x3A }
        return letter(first) && name.utf8.allSatisfy { letter($0) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    /// `[a-zA-Z_][a-zA-Z0-9_]*`, and not starting with `__` (reserved).
    public static func isValidLabelName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !name.hasPrefix("__") else { return false }
        func letter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F }
        return letter(first) && name.utf8.allSatisfy { letter($0) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    /// In label values: backslash, double quote and line feed are escaped (`\\`, `\"`, `\n`).
    public static func escapeLabelValue(_ value: String) -> String {
        var out = ""
        for c in value.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// In HELP text: backslash and line feed are escaped.
    public static func escapeHelp(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Go's float syntax as Prometheus parses it: integers without a fraction, `NaN`, `+Inf`, `-Inf`.
    public static func formatValue(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        return JSONWriter.formatNumber(value)
    }
}
