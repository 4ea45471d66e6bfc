import Foundation
import Testing
import V6Core
import V6System

/// The built `v6ready` executable, next to the test binary (the test target depends on it).
/// Not finding it is a failure, never a skip.
func v6readyPath() throws -> String {
    let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    var directory = URL(fileURLWithPath: testBinary).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent("v6ready").path
        if FileManager.default.isExecutableFile(atPath: candidate), !FileSystem.isDirectory(candidate) { return candidate }
        directory.deleteLastPathComponent()
    }
    throw CLIProcessError(description: "the v6ready executable was not found near \(testBinary)")
}

struct CLIProcessError: Error, CustomStringConvertible { let description: String }

/// A finished run of the real executable.
struct ProcessRun {
    var status: Int32
    var out: String
    var err: String

    /// The JSON Lines on stdout, parsed.
    func results() throws -> [ProbeResult] {
        try out.split(separator: "\n").map { line in
            guard let result = ProbeResult(json: try JSONParser.parse(String(line)).value) else {
                throw CLIProcessError(description: "not a result line: \(line)")
            }
            return result
        }
    }
}

/// Runs `v6ready` with `arguments` in `directory` and waits for it (at most `deadline` seconds, then kills it).
/// Output goes through temporary files, not pipes: pipes read on Dispatch threads crashed Foundation in parallel
/// tests (seen with the lab's tests).
func runV6ready(_ arguments: [String], in directory: String? = nil, deadline: Double = 120) throws -> ProcessRun {
    let scratch = try FileSystem.makeTemporaryDirectory(prefix: "v6ready-run")
    defer { try? FileSystem.removeRecursively(scratch) }
    let outPath = scratch + "/out", errPath = scratch + "/err"
    FileManager.default.createFile(atPath: outPath, contents: nil)
    FileManager.default.createFile(atPath: errPath, contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try v6readyPath())
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let started = Date()
    while process.isRunning {
        if Date().timeIntervalSince(started) > deadline {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw CLIProcessError(description: "v6ready \(arguments.joined(separator: " ")) did not finish in \(deadline) s")
        }
        Thread.sleep(forTimeInterval: 0.01)
    }
    try? out.close()
    try? err.close()
    return ProcessRun(status: process.terminationStatus,
                      out: String(decoding: try FileSystem.readFile(outPath), as: UTF8.self),
                      err: String(decoding: try FileSystem.readFile(errPath), as: UTF8.self))
}

/// Whether raw ICMP sockets can be opened here (root or CAP_NET_RAW), and if not, why.
let rawSocketsAvailable: (Bool, String) = {
    do {
        let s = try Socket(.ipv4, .raw, protocol: .icmp)
        try? s.close()
        return (true, "")
    } catch {
        return (false, "raw sockets are not permitted here (\(error)); run the tests as root")
    }
}()
