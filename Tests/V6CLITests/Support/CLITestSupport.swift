import Foundation
import Testing
@testable import V6CLI
import V6System

/// Runs the tool in-process with captured output, in a temporary working directory.
struct CLIRun {
    var code: ExitCode
    var out: String
    var err: String
}

final class Sandbox {
    let directory: String

    init() throws {
        directory = try FileSystem.makeTemporaryDirectory(prefix: "v6ready-cli-test")
    }

    deinit { try? FileSystem.removeRecursively(directory) }

    func run(_ arguments: String...) -> CLIRun { run(arguments) }

    func run(_ arguments: [String]) -> CLIRun {
        let console = Console.capturing(workingDirectory: directory)
        let code = CommandLineTool.run(arguments: arguments, console: console)
        return CLIRun(code: code, out: console.capturedOut, err: console.capturedErr)
    }

    func path(_ relative: String) -> String { directory + "/" + relative }

    func read(_ relative: String) throws -> [UInt8] { try FileSystem.readFile(path(relative)) }

    func write(_ relative: String, _ text: String) throws {
        try FileSystem.createDirectory(FileSystem.directoryName(of: path(relative)), recursive: true)
        try AtomicFile.write(Array(text.utf8), to: path(relative))
    }

    /// Every file under `relative` with its bytes (the lock file aside), to prove that a failed command changed nothing.
    func snapshot(_ relative: String) throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        func walk(_ dir: String) throws {
            for name in try FileSystem.listDirectory(path(dir)) where name != ".v6ready.lock" {
                let child = dir + "/" + name
                if FileSystem.isDirectory(path(child)) { try walk(child) } else { result[child] = try read(child) }
            }
        }
        try walk(relative)
        return result
    }

    /// Copies the repository's example inventory into the sandbox.
    func copyExample(to relative: String) throws {
        let source = Self.repositoryRoot + "/inventories/example"
        try FileSystem.createDirectory(path(relative + "/agencies"), recursive: true)
        try AtomicFile.write(FileSystem.readFile(source + "/inventory.json"), to: path(relative + "/inventory.json"))
        for name in try FileSystem.listDirectory(source + "/agencies") {
            try AtomicFile.write(FileSystem.readFile(source + "/agencies/" + name), to: path(relative + "/agencies/" + name))
        }
    }

    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()
}
