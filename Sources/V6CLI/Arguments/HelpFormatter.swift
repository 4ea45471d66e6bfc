/// Renders a command's help: what it does, how to call it, every option, and examples to copy.
public enum HelpFormatter {
    public static func help(_ c: CommandSpec) -> String {
        var lines: [String] = []
        lines.append("OVERVIEW: \(c.abstract)")
        if let discussion = c.discussion {
            lines.append("")
            lines.append(contentsOf: discussion.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        }
        lines.append("")
        lines.append("USAGE: \(usage(c))")
        if !c.positionals.isEmpty {
            lines.append("")
            lines.append("ARGUMENTS:")
            lines.append(contentsOf: table(c.positionals.map { ($0.name, $0.help) }))
        }
        if !c.subcommands.isEmpty {
            lines.append("")
            lines.append("COMMANDS:")
            lines.append(contentsOf: table(c.subcommands.map { ($0.name, $0.abstract) }))
            lines.append("")
            lines.append("  See '\(c.fullName) COMMAND --help' for the options of each.")
        }
        lines.append("")
        lines.append("OPTIONS:")
        var rows = c.options.map { o -> (String, String) in
            let names = (o.short.map { "\($0), " } ?? "") + o.name + (o.valueName.map { " \($0)" } ?? "")
            return (names, o.help + (o.repeatable ? " (repeatable)" : ""))
        }
        rows.append(("-h, --help", "Show this help."))
        lines.append(contentsOf: table(rows))
        if !c.examples.isEmpty {
            lines.append("")
            lines.append("EXAMPLES:")
            lines.append(contentsOf: c.examples.map { "  \($0)" })
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func usage(_ c: CommandSpec) -> String {
        var parts = [c.fullName]
        if !c.subcommands.isEmpty && !c.runs { parts.append("COMMAND") }
        for o in c.options {
            parts.append("[" + o.name + (o.valueName.map { " \($0)" } ?? "") + "]" + (o.repeatable ? "..." : ""))
        }
        for p in c.positionals {
            let word = p.name + (p.repeating ? "..." : "")
            parts.append(p.optional ? "[\(word)]" : word)
        }
        return parts.joined(separator: " ")
    }

    /// Two columns, the second wrapped at 100 characters and aligned.
    static func table(_ rows: [(String, String)]) -> [String] {
        let width = min(max(rows.map(\.0.count).max() ?? 0, 8), 28)
        var out: [String] = []
        for (left, right) in rows {
            let wrapped = wrap(right, width: 100 - width - 4)
            if left.count > width {
                out.append("  \(left)")
                out.append(contentsOf: wrapped.map { "  " + String(repeating: " ", count: width + 2) + $0 })
            } else {
                for (i, line) in wrapped.enumerated() {
                    let head = i == 0 ? left + String(repeating: " ", count: width - left.count) : String(repeating: " ", count: width)
                    out.append("  \(head)  \(line)")
                }
            }
        }
        return out
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, current.count + 1 + word.count > width {
                lines.append(current)
                current = String(word)
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
