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
func runV6ready(_ arguments: [String], in directory: String? = nil, deadline: Double = 120) throws -> ProcessRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try v6readyPath())
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes while the process runs, so a large output never blocks it.
    nonisolated(unsafe) var outData = Data(), errData = Data()
    let group = DispatchGroup()
    group.enter(); DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    group.enter(); DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    let finished = DispatchSemaphore(value: 0)
    DispatchQueue.global().async { process.waitUntilExit(); finished.signal() }
    if finished.wait(timeout: .now() + deadline) == .timedOut {
        process.terminate()
        kill(process.processIdentifier, SIGKILL)
        throw CLIProcessError(description: "v6ready \(arguments.joined(separator: " ")) did not finish in \(deadline) s")
    }
    group.wait()
    return ProcessRun(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                      err: String(decoding: errData, as: UTF8.self))
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
