/// An option a command accepts. `valueName == nil` makes it a flag.
public struct OptionSpec: Sendable {
    public var name: String
    public var short: String?
    public var valueName: String?
    public var help: String
    public var repeatable: Bool

    public init(_ name: String, short: String? = nil, value valueName: String? = nil, repeatable: Bool = false, _ help: String) {
        self.name = name; self.short = short; self.valueName = valueName; self.help = help; self.repeatable = repeatable
    }

    static let json = OptionSpec("--json", "Print machine-readable JSON on stdout instead of text.")
    static let inventory = OptionSpec("--inventory", value: "DIR",
        "The inventory folder (default: ./inventories, or its only subfolder).")
}

/// A positional argument of a command.
public struct PositionalSpec: Sendable {
    public var name: String
    public var help: String
    public var optional: Bool
    public var repeating: Bool
    public init(_ name: String, optional: Bool = false, repeating: Bool = false, _ help: String) {
        self.name = name; self.help = help; self.optional = optional; self.repeating = repeating
    }
}

/// Everything `--help`, the parser and the man page need to know about one command.
public struct CommandSpec: Sendable {
    public typealias Runner = @Sendable (ParsedArguments, inout Console) throws(CLIError) -> ExitCode

    public var path: [String]
    public var abstract: String
    public var discussion: String?
    public var options: [OptionSpec]
    public var positionals: [PositionalSpec]
    public var examples: [String]
    public var subcommands: [CommandSpec]
    public var run: Runner?

    public init(_ path: [String], abstract: String, discussion: String? = nil, options: [OptionSpec] = [],
                positionals: [PositionalSpec] = [], examples: [String] = [], subcommands: [CommandSpec] = [],
                run: Runner? = nil) {
        self.path = path; self.abstract = abstract; self.discussion = discussion; self.options = options
        self.positionals = positionals; self.examples = examples; self.subcommands = subcommands; self.run = run
    }

    public var name: String { path.last ?? "v6ready" }
    public var fullName: String { (["v6ready"] + path).joined(separator: " ") }
}
