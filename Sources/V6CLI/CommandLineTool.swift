import V6Core
import V6System

/// Entry point of the `v6ready` executable: finds the command, parses its arguments into the command's typed
/// properties, validates them, runs it, and turns every error into a plain message and its exit code.
public enum CommandLineTool {
    public static let version = "0.1.0"

    /// The command tree, derived once from the command types.
    static let root = RootCommand.spec

    /// Runs one command line and returns its exit code; output goes to the real stdout/stderr.
    public static func run(arguments: [String]) -> ExitCode {
        PrivilegeModel.enforce()
        return run(arguments: arguments, console: Console.standard)
    }

    public static func run(arguments: [String], console: Console) -> ExitCode {
        if arguments == ["--version"] {
            console.out("v6ready \(version)")
            return .success
        }
        let (command, rest) = CommandLineParser.resolve(root, arguments)
        do throws(CLIError) {
            return try execute(command.commandType, spec: command, arguments: rest, wholeLine: arguments, console: console)
        } catch {
            return report(error.naming(command), console: console)
        }
    }

    private static func execute<C: ParsableCommand>(_ type: C.Type, spec: CommandSpec, arguments: [String], wholeLine: [String],
                                                    console: Console) throws(CLIError) -> ExitCode {
        var command = C()
        try CommandLineParser.parse(arguments, into: Declarations.collect(from: command), command: spec)
        try Declarations.validateGroups(of: command)
        try command.validate()
        try PrivilegeModel.prepare(for: command)
        guard let runnable = command as? any RunnableCommand else {
            console.outRaw(HelpFormatter.help(spec))
            return spec.path.isEmpty && wholeLine.isEmpty ? .usage : .success
        }
        return try runnable.run(console)
    }

    static func report(_ error: CLIError, console: Console) -> ExitCode {
        switch error {
        case let .help(command):
            console.outRaw(HelpFormatter.help(command))
        case let .usage(message, command):
            let name = command?.fullName ?? "v6ready"
            console.error("\(name): \(message)")
            if let command {
                console.error("Usage: \(HelpFormatter.usage(command))")
                console.error("See '\(command.fullName) --help'.")
            }
        case let .argument(message):
            console.error("v6ready: \(message)")
        case let .invalid(diagnostics):
            for d in diagnostics { console.error(d.description) }
            if diagnostics.count > 1 { console.error("\(diagnostics.count) problems; nothing was changed.") }
        case let .environment(message):
            console.error("v6ready: \(message)")
        case let .internalError(message):
            console.error("v6ready: internal error: \(message) (please report this)")
        }
        return error.exitCode
    }
}
