import Foundation
import V6Core

/// The real servers a lab can run: an authoritative DNS server, a web server and the SMTP listener's socat from
/// Debian, each looked up in the lab's fixed system directories (never through `$PATH`).
public enum LabServerProgram: String, Sendable, CaseIterable {
    /// NSD, NLnet Labs' authoritative DNS server (Debian package `nsd`).
    case nsd
    /// nginx (Debian package `nginx-light`).
    case nginx
    /// radvd, the router advertisement daemon (Debian package `radvd`).
    case radvd
    /// dnsmasq, here as a DHCPv6 server (Debian package `dnsmasq`).
    case dnsmasq
    /// socat, behind the lab's SMTP listener (`LabMailServer`).
    case socat
    /// TAYGA, a stateless NAT64 translator in user space on a TUN device (Debian package `tayga`).
    case tayga
    /// Unbound, a recursive resolver, here with its dns64 module (Debian package `unbound`).
    case unbound

    public var debianPackage: String {
        switch self {
        case .nsd: "nsd"
        case .nginx: "nginx-light"
        case .radvd: "radvd"
        case .dnsmasq: "dnsmasq"
        case .socat: "socat"
        case .tayga: "tayga"
        case .unbound: "unbound"
        }
    }

    /// The executable, or nil when it is not installed.
    public func locate() -> String? {
        for directory in LabTool.searchDirectories {
            let candidate = directory + "/" + rawValue
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Why it cannot run here, in words a skipped test prints; nil when it can.
    public static func missing(_ programs: [LabServerProgram]) -> String? {
        let absent = programs.filter { $0.locate() == nil }
        guard !absent.isEmpty else { return nil }
        return "missing " + absent.map(\.rawValue).joined(separator: ", ") + " (apt-get install "
            + absent.map(\.debianPackage).joined(separator: " ") + ")"
    }
}

/// One server process running in the foreground inside a lab namespace, with its configuration, data and logs in a
/// private temporary directory. `stop()` (or release) ends it — SIGTERM, then SIGKILL — and removes the directory;
/// the lab's own tear-down would kill it anyway, since it kills everything left in its namespaces.
public final class LabServerProcess: @unchecked Sendable {
    // @unchecked: `stopped` is guarded by `lock`; the rest is immutable.
    public let program: LabServerProgram
    public let namespace: String
    /// The server's private directory (configuration, zone files, web roots, pid and log files).
    public let directory: String
    private let process: Process
    private let lock = NSLock()
    private var stopped = false
    private var detached = false
    /// What `waitUntilReady` waits for: addresses with their TCP and UDP ports.
    private var expected: [(addresses: [String], tcpPorts: [Int], udpPorts: [Int])] = []

    private init(program: LabServerProgram, namespace: String, directory: String, process: Process) {
        self.program = program
        self.namespace = namespace
        self.directory = directory
        self.process = process
    }

    deinit {
        if !lock.withLock({ detached }) { stop() }
    }

    /// Leaves the server running when this object is released: a persistent lab's servers outlive the process
    /// that built it, and `v6ready lab down` ends them with everything else in the lab's namespaces.
    func detach() {
        lock.withLock { detached = true }
    }

    /// Says what the server will listen on once it is up, for `waitUntilReady`.
    func expect(listeningOn addresses: [IPAddress], tcpPorts: [Int], udpPorts: [Int] = []) {
        lock.withLock { expected.append((addresses.map(\.description), tcpPorts, udpPorts)) }
    }

    /// Waits until the server is ready and returns it; if it never is, stops it (removing its files) and throws.
    func ready() throws -> LabServerProcess {
        do {
            try waitUntilReady()
        } catch {
            stop()
            throw error
        }
        return self
    }

    /// Waits until everything `expect` named listens (see `waitUntilListening`).
    public func waitUntilReady(seconds: Double = 10) throws {
        for expectation in lock.withLock({ expected }) {
            try waitUntilListening(on: expectation.addresses, tcpPorts: expectation.tcpPorts,
                                   udpPorts: expectation.udpPorts, seconds: seconds)
        }
    }

    /// A fresh world-readable directory for a server's files (the web server's workers run as `nobody`), inside the
    /// lab's registry directory, so the lab's tear-down — or the sweep of a crashed test's stale lab — removes it too.
    public static func makeDirectory(for program: LabServerProgram, namespace: String) throws -> String {
        let base = LabNames.labID(ofNamespace: namespace).map { LabRegistry.directory(of: $0) + "/servers" }
            ?? FileManager.default.temporaryDirectory.path
        let path = base + "/\(namespace)-\(program.rawValue)-\(UUID().uuidString.prefix(8).lowercased())"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        return path
    }

    /// Writes `text` to `name` in `directory`, readable by everyone.
    public static func write(_ text: String, to name: String, in directory: String) throws {
        let path = directory + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o644])
        else { throw LabError.unsupported("cannot write \(path)") }
    }

    /// Starts `program` with `arguments` inside lab namespace `namespace`, output to `server.log` in `directory`
    /// (which the process then owns and removes when stopped). Arguments pass the lab's argument check.
    public static func start(_ program: LabServerProgram, arguments: [String], namespace: String,
                             directory: String) throws -> LabServerProcess {
        try LabNames.validateNamespace(namespace)
        guard let path = program.locate() else {
            throw LabError.toolNotFound(tool: program.rawValue, package: program.debianPackage)
        }
        let vector = ["netns", "exec", namespace, path] + arguments
        for argument in vector { try LabCommand.validate(argument: argument) }
        let logPath = directory + "/server.log"
        guard FileManager.default.createFile(atPath: logPath, contents: nil),
              let log = FileHandle(forWritingAtPath: logPath) else {
            throw LabError.unsupported("cannot create \(logPath)")
        }
        defer { try? log.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try LabTool.ip.path())
        process.arguments = vector
        process.environment = LabCommand.environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        do {
            try process.run()
        } catch {
            throw LabError.commandFailed(LabCommandFailure(commandLine: (["ip"] + vector).joined(separator: " "),
                                                           status: nil, standardError: "could not start: \(error)"))
        }
        return LabServerProcess(program: program, namespace: namespace, directory: directory, process: process)
    }

    /// The server's own log so far (its start-up errors, for failure messages).
    public var log: String {
        let text = ["server.log", "nsd.log", "error.log", "dnsmasq.log"].compactMap {
            FileManager.default.contents(atPath: directory + "/" + $0).map { String(decoding: $0, as: UTF8.self) }
        }.joined(separator: "\n")
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public var isRunning: Bool { process.isRunning }
    public var processIdentifier: Int32 { process.processIdentifier }

    /// Waits (up to `seconds`) until `ss` in the namespace shows every `(port, protocol)` listening on each address,
    /// so a test never races the server's start-up. Throws with the server's log if it exits or never listens.
    public func waitUntilListening(on addresses: [String], tcpPorts: [Int], udpPorts: [Int] = [],
                                   seconds: Double = 10) throws {
        let deadline = Date().addingTimeInterval(seconds)
        var missing: [String] = []
        repeat {
            missing = []
            for (flag, ports) in [("-t", tcpPorts), ("-u", udpPorts)] where !ports.isEmpty {
                let listing = try LabCommand.run(inNamespace: namespace, .ss, ["-H", "-l", "-n", flag]).standardOutput
                for port in ports {
                    for address in addresses {
                        let shown = address.contains(":") ? "[\(address)]:\(port)" : "\(address):\(port)"
                        let wildcard = address.contains(":") ? "[::]:\(port)" : "0.0.0.0:\(port)"
                        if !listing.contains(shown + " ") && !listing.contains("*:\(port) ") && !listing.contains(wildcard + " ") {
                            missing.append("\(flag == "-t" ? "tcp" : "udp") \(shown)")
                        }
                    }
                }
            }
            if missing.isEmpty { return }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.02)
        } while Date() < deadline
        let status = process.isRunning ? "still running" : "exited with status \(process.terminationStatus)"
        throw LabError.unsupported("\(program.rawValue) in \(namespace) is not listening on "
                                   + missing.joined(separator: ", ") + " (\(status)): \(log)")
    }

    /// Ends the server (SIGTERM, then SIGKILL after 3 s) and removes its directory. Safe to call twice.
    public func stop() {
        let first: Bool = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(3)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            if process.isRunning, let kill = LabTool.kill.locate() {
                _ = try? LabCommand.execute(path: kill, arguments: ["-KILL", String(process.processIdentifier)],
                                            input: nil, timeout: .seconds(5))
                process.waitUntilExit()
            }
        }
        try? FileManager.default.removeItem(atPath: directory)
    }
}
