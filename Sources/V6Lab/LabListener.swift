import Foundation

/// The TCP listener behind an open lab port: `socat` (Debian package `socat`) in the host's namespace, dual-stack,
/// a child per connection that discards what it reads and closes. Chosen over `nc -lk` because one socat serves
/// IPv4 and IPv6 with `ipv6only=0` and forks per connection, so it never stops answering after the first client.
enum LabListener {
    /// Starts the listener in the background; its messages go to a log file in the lab's registry directory.
    static func start(namespace: String, port: Int, lab: LabID) throws -> Process {
        let arguments = ["netns", "exec", namespace, try LabTool.socat.path()] + LabPlan.listenerArguments(port: port)
        for argument in arguments { try LabCommand.validate(argument: argument) }
        let log = logPath(namespace: namespace, port: port, lab: lab)
        guard FileManager.default.createFile(atPath: log, contents: nil),
              let logHandle = FileHandle(forWritingAtPath: log) else {
            throw LabError.unsupported("cannot create \(log)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try LabTool.ip.path())
        process.arguments = arguments
        process.environment = LabCommand.environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = logHandle
        do {
            try process.run()
        } catch {
            throw LabError.commandFailed(LabCommandFailure(
                commandLine: (["ip"] + arguments).joined(separator: " "), status: nil,
                standardError: "could not start: \(error)"))
        }
        try? logHandle.close()
        return process
    }

    /// Waits (up to 5 s) until `ss` shows the port listening in the namespace; throws with the listener's log if it
    /// exited or never listened.
    static func waitUntilListening(_ process: Process, namespace: String, port: Int, lab: LabID) throws {
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            let sockets = try LabCommand.run(inNamespace: namespace, .ss, ["-H", "-l", "-t", "-n", "sport", "=",
                                                                          ":\(port)"])
            if sockets.succeeded && !sockets.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                return
            }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        let log = FileManager.default.contents(atPath: logPath(namespace: namespace, port: port, lab: lab))
            .map { String(decoding: $0, as: UTF8.self) } ?? ""
        throw LabError.commandFailed(LabCommandFailure(
            commandLine: (["ip", "netns", "exec", namespace, "socat"] + LabPlan.listenerArguments(port: port))
                .joined(separator: " "),
            status: process.isRunning ? nil : process.terminationStatus,
            standardError: "not listening on port \(port): " + log.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    static func logPath(namespace: String, port: Int, lab: LabID) -> String {
        LabRegistry.directory(of: lab) + "/listener-\(namespace)-\(port).log"
    }
}
