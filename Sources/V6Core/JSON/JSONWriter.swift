/// Writes JSON the way `json.dumps(value, ensure_ascii=False, indent=2)` does, plus a final newline:
/// stable bytes for git diffs, UTF-8 left readable (Vietnamese stays as typed).
public enum JSONWriter {
    /// Multi-line text with two-space indentation and a trailing newline, for files people review.
    public static func pretty(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, pretty: true, into: &out)
        out.append("\n")
        return out
    }

    /// One line, for JSON Lines and `--json` output.
    public static func compact(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, pretty: false, into: &out)
        return out
    }

    private static func write(_ value: JSONValue, indent: Int, pretty: Bool, into out: inout String) {
        switch value {
        case .null: out.append("null")
        case let .bool(b): out.append(b ? "true" : "false")
        case let .number(n): out.append(formatNumber(n))
        case let .string(s): writeString(s, into: &out)
        case let .array(items):
            if items.isEmpty { out.append("[]"); return }
            out.append("[")
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(pretty ? "," : ",") }
                if pretty { newline(indent + 2, &out) }
                write(item, indent: indent + 2, pretty: pretty, into: &out)
            }
            if pretty { newline(indent, &out) }
            out.append("]")
        case let .object(members):
            if members.isEmpty { out.append("{}"); return }
            out.append("{")
            for (i, member) in members.enumerated() {
                if i > 0 { out.append(",") }
                if pretty { newline(indent + 2, &out) }
                writeString(member.key, into: &out)
                out.append(pretty ? ": " : ":")
                write(member.value, indent: indent + 2, pretty: pretty, into: &out)
            }
            if pretty { newline(indent, &out) }
            out.append("}")
        }
    }

    private static func newline(_ indent: Int, _ out: inout String) {
        out.append("\n")
        out.append(String(repeating: " ", count: indent))
    }

    /// Integers print without a fraction; other numbers in the shortest form that reads back the same.
    public static func formatNumber(_ n: Double) -> String {
        if n.isNaN || n.isInfinite { return "null" }
        if n == n.rounded(), abs(n) < 9_007_199_254_740_992 { return String(Int64(n)) }
        return "\(n)"
    }

    static func writeString(_ s: String, into out: inout String) {
        // Fast path: text without control characters, quotes or backslashes (ids, addresses, Vietnamese names) is
        // copied as it is, which is what the loop below would write.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) {
            out.append("\"")
            out.append(s)
            out.append("\"")
            return
        }
        out.append("\"")
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\u{08}": out.append("\\b")
            case "\u{0C}": out.append("\\f")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }
}
