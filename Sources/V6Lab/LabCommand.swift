import Foundation

/// How one external command ended: its exit status (nil when it was killed after its time limit) and its output.
public struct LabCommandResult: Sendable, Equatable {
    /// The command line as run, for messages.
    public let commandLine: String
    /// The exit status, or nil when the command ran past its time limit and was killed.
    public let status: Int32?
    public let standardOutput: String
    public let standardError: String

    /// True when the command exited with status 0.
    public var succeeded: Bool { status == 0 }
}

/// Runs the lab's external commands: always an argument vector handed to `Process` (never a shell string), always an
/// executable from the `LabTool` allow-list, every argument checked against a small alphabet first, and a time limit
/// on each run so a wedged tool cannot hang a test.
public enum LabCommand {
    /// The default time limit for one command.
    public static let defaultTimeout: Duration = .seconds(20)

    /// The floor for creating or deleting a namespace: the kernel serialises both behind the teardown of namespaces
    /// deleted earlier, which on a loaded two-core machine running parallel labs took longer than `defaultTimeout`.
    public static let namespaceTimeout: Duration = .seconds(120)

    /// The limit a command gets: `requested`, raised to `namespaceTimeout` for `ip netns add|del`.
    static func timeLimit(for path: String, _ arguments: [String], requested: Duration) -> Duration {
        let namespaceChange = path.hasSuffix("/ip") && arguments.count >= 2 && arguments[0] == "netns"
            && (arguments[1] == "add" || arguments[1] == "del" || arguments[1] == "delete")
        return namespaceChange ? max(requested, namespaceTimeout) : requested
    }

    /// Runs `tool` with `arguments` in the root namespace and returns how it ended; a non-zero exit is not an error
    /// here (tests look at failures on purpose). `input`, when given, becomes the command's standard input.
    public static func run(_ tool: LabTool, _ arguments: [String], input: String? = nil,
                           timeout: Duration = defaultTimeout) throws -> LabCommandResult {
        try execute(path: tool.path(), arguments: arguments, input: input, timeout: timeout)
    }

    /// Runs `tool` inside the lab namespace `namespace` (`ip netns exec NAMESPACE /path/to/tool ...`). Only lab
    /// namespace names (`v6r-xxxxxx-...`) are accepted, so this can never run something in another namespace.
    public static func run(inNamespace namespace: String, _ tool: LabTool, _ arguments: [String],
                           input: String? = nil, timeout: Duration = defaultTimeout) throws -> LabCommandResult {
        try LabNames.validateNamespace(namespace)
        return try execute(path: LabTool.ip.path(),
                           arguments: ["netns", "exec", namespace, tool.path()] + arguments,
                           input: input, timeout: timeout)
    }

    /// Runs `tool` in the root namespace with `directory` as its working directory (key generators write there).
    @discardableResult
    public static func check(_ tool: LabTool, _ arguments: [String], workingDirectory directory: String,
                             timeout: Duration = defaultTimeout) throws -> LabCommandResult {
        try requireSuccess(execute(path: tool.path(), arguments: arguments, input: nil, timeout: timeout,
                                   workingDirectory: directory))
    }

    /// Like `run`, but a non-zero exit or a timeout throws `LabError.commandFailed` with the command line and stderr.
    @discardableResult
    public static func check(_ tool: LabTool, _ arguments: [String], input: String? = nil,
                             timeout: Duration = defaultTimeout) throws -> LabCommandResult {
        try requireSuccess(run(tool, arguments, input: input, timeout: timeout))
    }

    /// Like `run(inNamespace:)`, but a non-zero exit or a timeout throws `LabError.commandFailed`.
    @discardableResult
    public static func check(inNamespace namespace: String, _ tool: LabTool, _ arguments: [String],
                             input: String? = nil, timeout: Duration = defaultTimeout) throws -> LabCommandResult {
        try requireSuccess(run(inNamespace: namespace, tool, arguments, input: input, timeout: timeout))
    }

    /// Characters an argument may hold: enough for names, addresses, prefixes, `key=value` settings, `socat`
    /// addresses (`TCP6-LISTEN:80,fork`, `[2001:db8::1]:80`) and percentages (`10%`); no spaces, quotes, `$`, `;`,
    /// newlines or anything else a confused caller might hope a shell would interpret.
    public static func validate(argument: String) throws {
        guard !argument.isEmpty, argument.utf8.count <= 256 else {
            throw LabError.invalidArgument("argument \"\(argument)\" is empty or longer than 256 bytes")
        }
        for byte in argument.utf8 where !isAllowedArgumentByte(byte) {
            throw LabError.invalidArgument("argument \"\(argument)\" holds the character \(Character(Unicode.Scalar(byte)).debugDescription)")
        }
    }

    // MARK: - Internals

    static func isAllowedArgumentByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: ","),
             UInt8(ascii: "="), UInt8(ascii: "%"), UInt8(ascii: "-"), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "+"):
            true
        default:
            false
        }
    }

    /// Standard input text (an nftables ruleset) may span lines but holds printable ASCII only.
    static func validate(input: String) throws {
        for byte in input.utf8 where !(byte == UInt8(ascii: "\n") || (0x20...0x7e).contains(byte)) {
            throw LabError.invalidArgument("command input holds the byte \(byte)")
        }
    }

    static func requireSuccess(_ result: LabCommandResult) throws -> LabCommandResult {
        guard result.succeeded else {
            throw LabError.commandFailed(LabCommandFailure(commandLine: result.commandLine, status: result.status,
                                                           standardError: result.standardError))
        }
        return result
    }

    /// The fixed environment of every lab command: a known PATH for the tools' own children and the C locale, so
    /// messages such as "Connection refused" read the same on every machine.
    static let environment = ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C"]

    static func execute(path: String, arguments: [String], input: String?, timeout: Duration,
                        workingDirectory: String? = nil) throws -> LabCommandResult {
        for argument in arguments { try validate(argument: argument) }
        let commandLine = ([path] + arguments).joined(separator: " ")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        // Output goes to temporary files rather than pipes: nothing has to drain them while the command runs
        // (no reader threads), and a tool that exits without reading its input cannot raise SIGPIPE here.
        let files = try CommandFiles(input: input)
        defer { files.remove() }
        process.standardInput = files.input ?? FileHandle.nullDevice
        process.standardOutput = files.output
        process.standardError = files.errors

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw LabError.commandFailed(LabCommandFailure(commandLine: commandLine, status: nil,
                                                           standardError: "could not start: \(error)"))
        }
        var timedOut = false
        let limit = timeLimit(for: path, arguments, requested: timeout)
        if finished.wait(timeout: .now() + limit.timeInterval) == .timedOut {
            timedOut = true
            process.terminate()
            if finished.wait(timeout: .now() + 1) == .timedOut {
                // SIGTERM was ignored; SIGKILL through the kill tool (this module never calls libc itself).
                if let kill = LabTool.kill.locate() {
                    _ = try? execute(path: kill, arguments: ["-KILL", String(process.processIdentifier)],
                                     input: nil, timeout: .seconds(5))
                }
                _ = finished.wait(timeout: .now() + 5)
            }
        }
        return LabCommandResult(
            commandLine: commandLine,
            status: timedOut ? nil : process.terminationStatus,
            standardOutput: files.readOutput(),
            standardError: files.readErrors().trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// The temporary files of one command: optional standard input, standard output and standard error.
private struct CommandFiles {
    let paths: [String]
    let input: FileHandle?
    let output: FileHandle
    let errors: FileHandle

    init(input text: String?) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("v6r-cmd-\(UUID().uuidString)").path
        var paths: [String] = []
        func create(_ suffix: String, _ contents: String?, reading: Bool) throws -> FileHandle {
            let path = base + suffix
            guard FileManager.default.createFile(atPath: path, contents: contents.map { Data($0.utf8) }),
                  let handle = reading ? FileHandle(forReadingAtPath: path) : FileHandle(forWritingAtPath: path)
            else {
                for made in paths { try? FileManager.default.removeItem(atPath: made) }
                throw LabError.unsupported("cannot create a temporary file \(path)")
            }
            paths.append(path)
            return handle
        }
        if let text {
            try LabCommand.validate(input: text)
            input = try create(".in", text, reading: true)
        } else {
            input = nil
        }
        output = try create(".out", nil, reading: false)
        errors = try create(".err", nil, reading: false)
        self.paths = paths
    }

    func readOutput() -> String { read(paths[paths.count - 2]) }
    func readErrors() -> String { read(paths[paths.count - 1]) }

    private func read(_ path: String) -> String {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    func remove() {
        for handle in [input, output, errors].compactMap({ $0 }) { try? handle.close() }
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }
}

extension Duration {
    /// The duration in seconds, for Dispatch deadlines.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
