import Foundation
import V6Core
import V6System

/// A server run in the foreground inside a lab namespace and spawned without Foundation: radvd and dnsmasq close
/// every descriptor they inherit, which Foundation's `Process` takes for an exit and then blocks in `waitpid` for
/// (stalling every later `Process` of the test), so they are `SpawnedProcess` children (`posix_spawn`, reaped by
/// `waitpid`). `stop()` ends the daemon (SIGTERM, then SIGKILL) and removes its directory; the lab's tear-down kills
/// whatever runs in its namespaces anyway.
final class LabDaemon: @unchecked Sendable {
    // @unchecked: immutable but for `stopped`, guarded by `lock`.
    let program: LabServerProgram
    let namespace: String
    let directory: String
    let pidFile: String
    private let child: SpawnedProcess
    private let lock = NSLock()
    private var stopped = false

    private init(program: LabServerProgram, namespace: String, directory: String, pidFile: String, child: SpawnedProcess) {
        self.program = program; self.namespace = namespace; self.directory = directory; self.pidFile = pidFile; self.child = child
    }

    deinit { stop() }

    /// Runs `program arguments` (foreground flags) in `namespace` and waits until it has written its pid file.
    static func start(_ program: LabServerProgram, _ arguments: [String], namespace: String, directory: String,
                      pidFile: String) throws -> LabDaemon {
        try LabNames.validateNamespace(namespace)
        guard let path = program.locate() else { throw LabError.toolNotFound(tool: program.rawValue, package: program.debianPackage) }
        let vector = ["netns", "exec", namespace, path] + arguments
        for argument in vector { try LabCommand.validate(argument: argument) }
        let child: SpawnedProcess
        do {
            child = try SpawnedProcess.spawn(path: try LabTool.ip.path(), arguments: vector, environment: LabCommand.environment,
                                             log: directory + "/server.log")
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw LabError.commandFailed(LabCommandFailure(commandLine: (["ip"] + vector).joined(separator: " "), status: nil,
                                                           standardError: "could not start: \(error)"))
        }
        let daemon = LabDaemon(program: program, namespace: namespace, directory: directory, pidFile: pidFile, child: child)
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if !child.isRunning { break }
            if FileManager.default.fileExists(atPath: pidFile) { return daemon }
            Thread.sleep(forTimeInterval: 0.02)
        }
        let log = daemon.log
        daemon.stop()
        throw LabError.unsupported("\(program.rawValue) in \(namespace) did not start: \(log)")
    }

    var isRunning: Bool { child.isRunning }

    var log: String {
        ["server.log", "radvd.log", "dnsmasq.log"].compactMap { FileManager.default.contents(atPath: directory + "/" + $0) }
            .map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits (up to 10 s) until `ss` in the namespace shows UDP port `port` bound.
    func waitUntilListening(udpPort port: Int) throws {
        let deadline = Date().addingTimeInterval(10)
        repeat {
            let listing = try LabCommand.run(inNamespace: namespace, .ss, ["-H", "-l", "-n", "-u"]).standardOutput
            if listing.contains(":\(port) ") { return }
            if !isRunning { break }
            Thread.sleep(forTimeInterval: 0.02)
        } while Date() < deadline
        throw LabError.unsupported("\(program.rawValue) in \(namespace) is not listening on udp \(port): \(log)")
    }

    /// Waits (up to 10 s) until `ss` in the namespace shows UDP port `port` bound on `address` (another server may
    /// hold the port on other addresses of the namespace).
    func waitUntilListening(udpPort port: Int, address: IPAddress) throws {
        let shown = (address.family == .v6 ? "[\(address)]" : "\(address)") + ":\(port) "
        let deadline = Date().addingTimeInterval(10)
        repeat {
            if try LabCommand.run(inNamespace: namespace, .ss, ["-H", "-l", "-n", "-u"]).standardOutput.contains(shown) { return }
            if !isRunning { break }
            Thread.sleep(forTimeInterval: 0.02)
        } while Date() < deadline
        throw LabError.unsupported("\(program.rawValue) in \(namespace) is not listening on udp \(shown): \(log)")
    }

    /// Ends the daemon (SIGTERM, then SIGKILL after 3 s) and removes its directory. Safe to call twice.
    func stop() {
        let first = lock.withLock { () -> Bool in defer { stopped = true }; return !stopped }
        guard first else { return }
        child.terminate(graceSeconds: 3)
        try? FileManager.default.removeItem(atPath: directory)
    }
}
