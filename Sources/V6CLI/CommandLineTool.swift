import V6Core
import V6System

/// Entry point of the `v6ready` executable: finds the command, parses its arguments, runs it, and turns
/// every error into a plain message and its exit code.
public enum CommandLineTool {
    public static let version = "0.1.0"

    /// Runs one command line and returns its exit code; output goes to the real stdout/stderr.
    public static func run(arguments: [String]) -> ExitCode {
        var console = Console.standard
        return run(arguments: arguments, console: &console)
    }

    public static func run(arguments: [String], console: inout Console) -> ExitCode {
        if arguments == ["--version"] {
            console.out("v6ready \(version)")
            return .success
        }
        let root = RootCommand.spec
        let (command, rest) = ArgumentParser.resolve(root, arguments)
        do throws(CLIError) {
            let parsed = try ArgumentParser.parse(command, rest)
            guard let run = command.run else {
                if let first = parsed.positionals.first {
                    throw .usage("unknown command \(quotedArgument(first)); commands: \(command.subcommands.map(\.name).joined(separator: ", "))", command)
                }
                console.outRaw(HelpFormatter.help(command))
                return command.path.isEmpty && arguments.isEmpty ? .usage : .success
            }
            return try run(parsed, &console)
        } catch {
            return report(error, console: &console)
        }
    }

    static func report(_ error: CLIError, console: inout Console) -> ExitCode {
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
