/// Parses a command line against a command's declarations: `--opt VALUE`, `--opt=VALUE`, flags, `--` to end
/// options, `-h`/`--help`. Every value is converted here, so a wrong value is a usage error before anything runs.
enum CommandLineParser {
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

    static func parse(_ arguments: [String], into declared: [DeclaredArgument], command: CommandSpec) throws(CLIError) {
        let options = declared.filter { $0.optionSpec != nil }
        var texts = Array(repeating: [String](), count: options.count)
        var positionals: [String] = []
        var i = 0
        var optionsEnded = false
        while i < arguments.count {
            let arg = arguments[i]
            i += 1
            if optionsEnded || !arg.hasPrefix("-") || arg == "-" {
                positionals.append(arg)
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
            guard let index = options.firstIndex(where: { $0.optionSpec!.name == name || $0.optionSpec!.short == name }) else {
                throw .usage("unknown option \(quotedArgument(name))\(suggestion(for: name, among: command.options.map(\.name)))", command)
            }
            let option = options[index].optionSpec!
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
                if !option.repeatable, !texts[index].isEmpty { throw .usage("\(option.name) is given twice", command) }
                texts[index].append(value)
            } else {
                if inlineValue != nil { throw .usage("\(option.name) takes no value", command) }
                texts[index] = [""]
            }
        }
        for (index, given) in texts.enumerated() where !given.isEmpty {
            do throws(ArgumentError) { try options[index].sink.receive(given) } catch {
                throw .usage(error.message, command)
            }
        }
        try assign(positionals, to: declared.filter { $0.positionalSpec != nil }, command: command)
    }

    /// Hands the positional words out in order; the last declaration may take the rest.
    private static func assign(_ words: [String], to declared: [DeclaredArgument], command: CommandSpec) throws(CLIError) {
        let specs = declared.map { $0.positionalSpec! }
        let required = specs.filter { !$0.optional }
        if words.count < required.count {
            let missing = required[words.count]
            throw .usage("missing \(missing.name): \(missing.help.prefix(1).lowercased() + missing.help.dropFirst())", command)
        }
        if !(specs.last?.repeating ?? false), words.count > specs.count {
            let extra = words[specs.count]
            if !command.runs, !command.subcommands.isEmpty {
                throw .usage("unknown command \(quotedArgument(extra)); commands: \(command.subcommands.map(\.name).joined(separator: ", "))", command)
            }
            throw .usage("unexpected argument \(quotedArgument(extra))", command)
        }
        var rest = words[...]
        for (spec, declaration) in zip(specs, declared) {
            let taken: [String] = spec.repeating ? Array(rest) : Array(rest.prefix(1))
            rest = rest.dropFirst(taken.count)
            guard !taken.isEmpty || spec.repeating else { continue }
            do throws(ArgumentError) { try declaration.sink.receive(taken) } catch { throw .usage(error.message, command) }
        }
    }

    /// " (did you mean --json?)" for a near miss.
    private static func suggestion(for name: String, among names: [String]) -> String {
        guard let best = names.min(by: { editDistance($0, name) < editDistance($1, name) }), editDistance(best, name) <= 3 else { return "" }
        return " (did you mean \(best)?)"
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in 1...b.count {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}
