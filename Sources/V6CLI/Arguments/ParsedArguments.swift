/// The arguments of one command line after parsing against its `CommandSpec`.
public struct ParsedArguments: Sendable {
    public var command: CommandSpec
    public var values: [String: [String]] = [:]
    public var flags: Set<String> = []
    public var positionals: [String] = []

    public func flag(_ name: String) -> Bool { flags.contains(name) }
    public func value(_ name: String) -> String? { values[name]?.last }
    public func all(_ name: String) -> [String] { values[name] ?? [] }

    /// An integer option, with a usage error that names the option when it is not one.
    public func integer(_ name: String, in range: ClosedRange<Int>) throws(CLIError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let n = Int(text), range.contains(n) else {
            throw .usage("\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not \(quotedArgument(text))", command)
        }
        return n
    }

    /// A word from a closed list, with the list in the error.
    public func word<W: RawRepresentable & CaseIterable>(_ name: String, _ type: W.Type) throws(CLIError) -> W? where W.RawValue == String {
        guard let text = value(name) else { return nil }
        guard let w = W(rawValue: text) else {
            throw .usage("\(name) takes one of \(W.allCases.map(\.rawValue).joined(separator: ", ")), not \(quotedArgument(text))", command)
        }
        return w
    }
}

func quotedArgument(_ s: String) -> String { "'\(s)'" }

/// Parses `arguments` for a command: `--opt VALUE`, `--opt=VALUE`, flags, `--` to end options, `-h`/`--help`.
enum ArgumentParser {
    /// Finds the deepest subcommand named by the leading words.
    static func resolve(_ root: CommandSpec, _ arguments: [String]) -> (CommandSpec, [String]) {
        var command = root
        var rest = arguments[...]
        while let word = rest.first, let sub = command.subcommands.first(where: { $0.name == word }) {
            command = sub
            rest = rest.dropFirst()
        }
        return (command, Array(rest))
    }

    static func parse(_ command: CommandSpec, _ arguments: [String]) throws(CLIError) -> ParsedArguments {
        var parsed = ParsedArguments(command: command)
        var i = 0
        var optionsEnded = false
        while i < arguments.count {
            let arg = arguments[i]
            i += 1
            if optionsEnded || !arg.hasPrefix("-") || arg == "-" {
                parsed.positionals.append(arg)
                continue
            }
            if arg == "--" { optionsEnded = true; continue }
            if arg == "-h" || arg == "--help" { throw .help(command) }
            var name = arg
            var inlineValue: String?
            if let eq = arg.firstIndex(of: "="), arg.hasPrefix("--") {
                name = String(arg[..<eq])
                inlineValue = String(arg[arg.index(after: eq)...])
            }
            guard let option = command.options.first(where: { $0.name == name || $0.short == name }) else {
                let suggestion = command.options.map(\.name).min { editDistance($0, name) < editDistance($1, name) }
                let hint = suggestion.map { editDistance($0, name) <= 3 ? " (did you mean \($0)?)" : "" } ?? ""
                throw .usage("unknown option \(quotedArgument(name))\(hint)", command)
            }
            if let valueName = option.valueName {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else if i < arguments.count {
                    value = arguments[i]
                    i += 1
                } else {
                    throw .usage("\(option.name) needs a value (\(option.name) \(valueName))", command)
                }
                if !option.repeatable, parsed.values[option.name] != nil {
                    throw .usage("\(option.name) is given twice", command)
                }
                parsed.values[option.name, default: []].append(value)
            } else {
                if inlineValue != nil { throw .usage("\(option.name) takes no value", command) }
                parsed.flags.insert(option.name)
            }
        }
        let required = command.positionals.filter { !$0.optional }
        if parsed.positionals.count < required.count {
            let missing = required[parsed.positionals.count]
            throw .usage("missing \(missing.name): \(missing.help.prefix(1).lowercased() + missing.help.dropFirst())", command)
        }
        if !(command.positionals.last?.repeating ?? false), parsed.positionals.count > command.positionals.count {
            let extra = parsed.positionals[command.positionals.count]
            if command.run == nil, !command.subcommands.isEmpty {
                throw .usage("unknown command \(quotedArgument(extra)); commands: \(command.subcommands.map(\.name).joined(separator: ", "))", command)
            }
            throw .usage("unexpected argument \(quotedArgument(extra))", command)
        }
        return parsed
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}
