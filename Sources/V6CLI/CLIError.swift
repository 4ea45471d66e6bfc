import V6Core

/// Why a command stopped, and so which exit code it ends with.
public enum CLIError: Error, Sendable {
    /// `--help` was asked for: print the help of this command, exit 0.
    case help(CommandSpec)
    /// The command line was wrong: print the message and a pointer to `--help`, exit 2.
    case usage(String, CommandSpec?)
    /// The command line of the running command was wrong (thrown from `validate()` and `run()`, which need not name
    /// their own command): shown like `usage` with that command's usage line, exit 2.
    case argument(String)
    /// An input file was wrong: print every diagnostic, exit 2.
    case invalid([Diagnostic])
    /// Something outside v6ready prevents the work (permissions, a held lock, no raw sockets), exit 3.
    case environment(String)
    /// A bug, exit 4.
    case internalError(String)

    var exitCode: ExitCode {
        switch self {
        case .help: return .success
        case .usage, .argument, .invalid: return .usage
        case .environment: return .environment
        case .internalError: return .internalError
        }
    }

    /// `argument` becomes a `usage` of `command`.
    func naming(_ command: CommandSpec) -> CLIError {
        if case let .argument(message) = self { return .usage(message, command) }
        return self
    }
}
