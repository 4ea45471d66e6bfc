/// What a command says about itself: where it sits in the tree and how its help reads. Its options are not listed
/// here: they are the command's own properties (`@Option`, `@Flag`, `@Argument`, `@OptionGroup`), found by reflection.
public struct CommandConfiguration: Sendable {
    public var path: [String]
    public var abstract: String
    public var discussion: String?
    public var examples: [String]
    public var subcommands: [any ParsableCommand.Type]

    public init(_ path: [String], abstract: String, discussion: String? = nil, examples: [String] = [],
                subcommands: [any ParsableCommand.Type] = []) {
        self.path = path; self.abstract = abstract; self.discussion = discussion; self.examples = examples
        self.subcommands = subcommands
    }
}

/// A set of command-line declarations that can be parsed: a command, or an option group shared by commands.
/// `init()` gives the defaults; the parser fills in what the command line says.
public protocol ParsableArguments: SendableMetatype {
    init()
    /// Checks the parsed values together (conflicts, options that need others) before anything runs. Throw
    /// `CLIError.argument` for a usage error of this command.
    mutating func validate() throws(CLIError)
}

extension ParsableArguments {
    public mutating func validate() throws(CLIError) {}
}

/// A node of the command tree. A type that is only this (not `RunnableCommand`) is a group: it prints its help.
public protocol ParsableCommand: ParsableArguments {
    static var configuration: CommandConfiguration { get }
}

/// A command that does something.
public protocol RunnableCommand: ParsableCommand {
    /// Runs after parsing and `validate()`; results go to `console`, the exit code is the answer.
    func run(_ console: Console) throws(CLIError) -> ExitCode
}

extension ParsableCommand {
    /// This command's derived description (help, usage, completion).
    public static var spec: CommandSpec { CommandSpec(Self.self) }
}
