/// A strict reader of the Prometheus text exposition format (0.0.4), written from its specification and made
/// stricter where node_exporter's textfile collector is: every family has `# HELP` and `# TYPE` before its samples,
/// families are not interleaved, no series appears twice, no timestamps (the collector refuses them), names and
/// label names match their grammars, label values and help text use only the escapes the format defines, and every
/// line, the last included, ends with a line feed. It is test code, independent of the writer it checks.
struct StrictPrometheusParser {
    struct Family: Equatable {
        var name: String
        var help: String?
        var type: String?
        var samples: [Sample] = []
    }

    struct Sample: Equatable {
        var labels: [String: String]
        var value: Double
    }

    struct ParseError: Error, CustomStringConvertible, Equatable {
        var line: Int
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    static let types: Set<String> = ["counter", "gauge", "histogram", "summary", "untyped"]

    /// Reads a whole file; the first violation is thrown with its line number.
    static func parse(_ text: String) throws -> [Family] {
        guard !text.isEmpty else { return [] }
        guard text.hasSuffix("\n") else { throw ParseError(line: text.split(separator: "\n", omittingEmptySubsequences: false).count, message: "the last line does not end with a line feed") }
        var families: [Family] = []
        var finished = Set<String>()
        var series = Set<String>()
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        for (i, raw) in lines.enumerated() {
            let n = i + 1
            let line = String(raw)
            if line.contains("\r") { throw ParseError(line: n, message: "carriage return in a line") }
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
                guard parts.count >= 3, parts[0] == "#", parts[1] == "HELP" || parts[1] == "TYPE" else { continue }  // a comment
                let name = parts[2]
                guard isMetricName(name) else { throw ParseError(line: n, message: "invalid metric name \(name)") }
                if finished.contains(name) { throw ParseError(line: n, message: "\(name) appears again after another family") }
                if families.last?.name != name {
                    if let previous = families.last?.name { finished.insert(previous) }
                    families.append(Family(name: name))
                }
                var family = families.removeLast()
                if !family.samples.isEmpty { throw ParseError(line: n, message: "\(parts[1]) for \(name) after its samples") }
                if parts[1] == "HELP" {
                    guard family.help == nil else { throw ParseError(line: n, message: "second HELP for \(name)") }
                    family.help = try unescape(parts.count > 3 ? parts[3] : "", quote: false, line: n)
                } else {
                    guard family.type == nil else { throw ParseError(line: n, message: "second TYPE for \(name)") }
                    guard parts.count == 4, types.contains(parts[3]) else { throw ParseError(line: n, message: "invalid TYPE line") }
                    family.type = parts[3]
                }
                families.append(family)
                continue
            }
            // A sample: name, optional labels, value; nothing else (no timestamp for the textfile collector).
            var rest = Substring(line)
            let name = String(rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") })
            guard isMetricName(name) else { throw ParseError(line: n, message: "invalid metric name in a sample") }
            rest = rest.dropFirst(name.count)
            guard var family = families.last, family.name == name else {
                throw ParseError(line: n, message: "sample of \(name) without its HELP and TYPE just before")
            }
            guard family.help != nil, family.type != nil else { throw ParseError(line: n, message: "\(name) has no HELP or no TYPE before its samples") }
            var labels: [String: String] = [:]
            if rest.first == "{" {
                rest = rest.dropFirst()
                while rest.first != "}" {
                    let labelName = String(rest.prefix { $0 != "=" })
                    guard isLabelName(labelName) else { throw ParseError(line: n, message: "invalid label name \(labelName)") }
                    rest = rest.dropFirst(labelName.count)
                    guard rest.hasPrefix("=\"") else { throw ParseError(line: n, message: "label \(labelName) without =\"value\"") }
                    rest = rest.dropFirst(2)
                    var value = ""
                    var closed = false
                    while let c = rest.first {
                        rest = rest.dropFirst()
                        if c == "\\" {
                            guard let e = rest.first else { break }
                            rest = rest.dropFirst()
                            switch e {
                            case "\\": value.append("\\")
                            case "\"": value.append("\"")
                            case "n": value.append("\n")
                            default: throw ParseError(line: n, message: "invalid escape \\\(e) in a label value")
                            }
                        } else if c == "\"" {
                            closed = true
                            break
                        } else {
                            value.append(c)
                        }
                    }
                    guard closed else { throw ParseError(line: n, message: "unterminated label value") }
                    guard labels[labelName] == nil else { throw ParseError(line: n, message: "label \(labelName) twice") }
                    labels[labelName] = value
                    if rest.first == "," { rest = rest.dropFirst() } else if rest.first != "}" {
                        throw ParseError(line: n, message: "expected , or } after a label")
                    }
                }
                rest = rest.dropFirst()
            }
            guard rest.first == " " else { throw ParseError(line: n, message: "expected one space before the value") }
            rest = rest.dropFirst()
            let fields = rest.split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 1 else { throw ParseError(line: n, message: fields.count == 2 ? "a timestamp (the textfile collector refuses them)" : "extra text after the value") }
            guard let value = parseValue(String(fields[0])) else { throw ParseError(line: n, message: "invalid value \(fields[0])") }
            if family.type == "gauge" || family.type == "counter" {
                if family.type == "counter", value < 0 { throw ParseError(line: n, message: "negative counter") }
            }
            let key = name + "{" + labels.keys.sorted().map { "\($0)=\(labels[$0]!)" }.joined(separator: "\u{0}") + "}"
            guard series.insert(key).inserted else { throw ParseError(line: n, message: "duplicate series \(key)") }
            family.samples.append(Sample(labels: labels, value: value))
            families[families.count - 1] = family
        }
        if let empty = families.first(where: { $0.samples.isEmpty }) {
            throw ParseError(line: lines.count, message: "\(empty.name) has HELP/TYPE but no sample")
        }
        return families
    }

    static func isMetricName(_ s: String) -> Bool {
        guard let f = s.unicodeScalars.first, f.isASCIILetter || f == "_" || f == ":" else { return false }
        return s.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" || $0 == ":" }
    }

    static func isLabelName(_ s: String) -> Bool {
        guard let f = s.unicodeScalars.first, f.isASCIILetter || f == "_", !s.hasPrefix("__") else { return false }
        return s.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// Go's ParseFloat as Prometheus uses it: decimal or exponent forms, NaN, +Inf, -Inf.
    static func parseValue(_ s: String) -> Double? {
        switch s {
        case "NaN": return .nan
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        default:
            let allowed = Set("0123456789+-.eE")
            guard !s.isEmpty, s.allSatisfy({ allowed.contains($0) }) else { return nil }
            return Double(s)
        }
    }

    /// HELP text escapes only `\\` and `\n`.
    static func unescape(_ s: String, quote: Bool, line: Int) throws -> String {
        var out = ""
        var iterator = s.makeIterator()
        while let c = iterator.next() {
            if c == "\\" {
                switch iterator.next() {
                case "\\": out.append("\\")
                case "n": out.append("\n")
                default: throw ParseError(line: line, message: "invalid escape in HELP text")
                }
            } else {
                out.append(c)
            }
        }
        return out
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
