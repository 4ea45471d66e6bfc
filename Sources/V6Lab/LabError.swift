/// Why a lab could not be planned, built or removed. Every case carries enough text to act on without a debugger:
/// the spec problem, the refused argument, or the full command line with the tool's own error output.
public enum LabError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The spec asks for something the lab cannot build or that would break the safety rules (an address outside
    /// the lab ranges, a duplicate host name, a behaviour that contradicts the host's addresses).
    case invalidSpec(String)
    /// An argument for an external command was refused before anything ran (a name or character the lab never
    /// generates; seeing this is a bug or a hostile caller).
    case invalidArgument(String)
    /// A tool the lab needs is not installed; `package` is the Debian package that provides it.
    case toolNotFound(tool: String, package: String)
    /// An external command failed or timed out.
    case commandFailed(LabCommandFailure)
    /// The machine cannot do what was asked: not root, no network namespaces, a kernel without TUN devices.
    case unsupported(String)
    /// Tear-down ran every step but some failed; each string names one namespace, process or file left behind.
    case teardownIncomplete([String])

    public var description: String {
        switch self {
        case .invalidSpec(let message): "invalid lab spec: \(message)"
        case .invalidArgument(let message): "refused lab command argument: \(message)"
        case .toolNotFound(let tool, let package):
            "\(tool) not found in /usr/sbin, /sbin, /usr/bin or /bin (install the Debian package \(package))"
        case .commandFailed(let failure): failure.description
        case .unsupported(let message): "lab not supported here: \(message)"
        case .teardownIncomplete(let leftovers): "lab tear-down incomplete: " + leftovers.joined(separator: "; ")
        }
    }
}

/// A failed external command: the exact argument vector, how it ended, and what it wrote to standard error.
public struct LabCommandFailure: Sendable, Equatable, CustomStringConvertible {
    /// The command line as run, arguments separated by spaces (no argument ever contains one).
    public let commandLine: String
    /// The exit status, or nil when the command was killed after its time limit.
    public let status: Int32?
    /// Standard error, trimmed.
    public let standardError: String

    public init(commandLine: String, status: Int32?, standardError: String) {
        self.commandLine = commandLine
        self.status = status
        self.standardError = standardError
    }

    public var description: String {
        let ending = status.map { "exit status \($0)" } ?? "timed out"
        let detail = standardError.isEmpty ? "" : ": \(standardError)"
        return "`\(commandLine)` failed (\(ending))\(detail)"
    }
}
