import Foundation
import V6System

/// Why a test could not run the built executable.
public struct ExecutableRunError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A finished run of the built `v6ready` executable.
public struct ExecutableRun: Sendable {
    /// The exit status, or the signal number when `killedBySignal`.
    public var status: Int32
    public var killedBySignal = false
    public var out: String
    public var err: String
}

/// The built `v6ready` executable, next to the test binary (test targets depend on it).
/// Not finding it is a failure, never a skip.
public func v6readyPath() throws -> String {
    let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    var directory = URL(fileURLWithPath: testBinary).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent("v6ready").path
        if FileManager.default.isExecutableFile(atPath: candidate), !FileSystem.isDirectory(candidate) { return candidate }
        directory.deleteLastPathComponent()
    }
    throw ExecutableRunError("the v6ready executable was not found near \(testBinary)")
}

/// Runs the built `v6ready` with `arguments` in `directory` and waits for it (at most `deadline` seconds).
public func runV6ready(_ arguments: [String], in directory: String? = nil, deadline: Double = 120,
                       environment: [String: String]? = nil) throws -> ExecutableRun {
    try runProgram(try v6readyPath(), arguments, in: directory, deadline: deadline, environment: environment)
}

/// Runs `executable` with `arguments` in `directory` and waits for it (at most `deadline` seconds, then kills it).
/// Output goes through temporary files, not pipes: pipes read on Dispatch threads crashed Foundation in
/// parallel tests.
/// `environment` replaces the test's environment when given; `whileRunning` is called once with the child's pid
/// after it started (to read its /proc status during the run).
public func runProgram(_ executable: String, _ arguments: [String], in directory: String? = nil,
                       deadline: Double = 120, environment: [String: String]? = nil,
                       whileRunning: ((Int32) -> Void)? = nil) throws -> ExecutableRun {
    let scratch = try FileSystem.makeTemporaryDirectory(prefix: "v6ready-run")
    defer { try? FileSystem.removeRecursively(scratch) }
    let outPath = scratch + "/out", errPath = scratch + "/err"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    if let environment { process.environment = environment }
    try process.run()
    let started = Date()
    whileRunning?(process.processIdentifier)
    while process.isRunning {
        if Date().timeIntervalSince(started) > deadline {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw ExecutableRunError("\(executable) \(arguments.joined(separator: " ")) did not finish in \(deadline) s")
        }
        Thread.sleep(forTimeInterval: 0.01)
    }
    try? out.close()
    try? err.close()
    return ExecutableRun(status: process.terminationStatus, killedBySignal: process.terminationReason == .uncaughtSignal,
                         out: String(decoding: try FileSystem.readFile(outPath), as: UTF8.self),
                         err: String(decoding: try FileSystem.readFile(errPath), as: UTF8.self))
}
