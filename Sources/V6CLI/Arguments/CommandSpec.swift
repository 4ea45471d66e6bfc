/// An option as `--help`, the man page and the completion script show it. `valueName == nil` makes it a flag.
public struct OptionSpec: Sendable {
    public var name: String
    public var short: String?
    public var valueName: String?
    public var help: String
    public var repeatable: Bool

    public init(_ name: String, short: String? = nil, value valueName: String? = nil, repeatable: Bool = false, _ help: String) {
        self.name = name; self.short = short; self.valueName = valueName; self.help = help; self.repeatable = repeatable
    }
}

/// A positional argument as `--help` shows it.
public struct PositionalSpec: Sendable {
    public var name: String
    public var help: String
    public var optional: Bool
    public var repeating: Bool
    public init(_ name: String, optional: Bool = false, repeating: Bool = false, _ help: String) {
        self.name = name; self.help = help; self.optional = optional; self.repeating = repeating
    }
}

/// Everything `--help`, the parser, the man page and the completion script know about one command. It is derived
/// from the command's type (its configuration and its declared properties), never written by hand, so the help
/// cannot disagree with what the command reads.
public struct CommandSpec: Sendable {
    public var path: [String]
    public var abstract: String
    public var discussion: String?
    public var options: [OptionSpec]
    public var positionals: [PositionalSpec]
    public var examples: [String]
    public var subcommands: [CommandSpec]
    /// False for a group such as `inventory`, which only has subcommands.
    public var runs: Bool
    /// The type that parses and runs it.
    let commandType: any ParsableCommand.Type

    init<C: ParsableCommand>(_ type: C.Type) {
        let configuration = C.configuration
        let declared = Declarations.collect(from: C())
        path = configuration.path
        abstract = configuration.abstract
        discussion = configuration.discussion
        options = declared.compactMap(\.optionSpec)
        positionals = declared.compactMap(\.positionalSpec)
        examples = configuration.examples
        subcommands = configuration.subcommands.map { CommandSpec($0) }
        runs = C.self is any RunnableCommand.Type
        commandType = type
    }

    public var name: String { path.last ?? "v6ready" }
    public var fullName: String { (["v6ready"] + path).joined(separator: " ") }
}
