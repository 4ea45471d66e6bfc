import Foundation
import Testing
import V6System

/// A fresh directory under $TMPDIR for one test, removed by `cleanUp()`.
struct ScratchDirectory {
    let path: String

    init(_ name: String = #function) throws {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        path = try FileSystem.makeTemporaryDirectory(prefix: "v6ready-sys-\(safe.prefix(40))")
    }

    func file(_ name: String) -> String {
        path + "/" + name
    }

    func cleanUp() {
        try? FileSystem.removeRecursively(path)
    }
}

/// What went wrong finding a helper program the tests need.
struct MissingHelper: Error, CustomStringConvertible {
    let description: String
}

/// The path of the `v6ready-testwriter` helper, built next to the test binary by SwiftPM
/// (the test target depends on it). Not finding it is a failure, never a skip.
func testWriterPath() throws -> String {
    let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    var directory = URL(fileURLWithPath: testBinary).deletingLastPathComponent()
    // On Linux the test binary is .build/<triple>/<config>/v6readyPackageTests.xctest; on other layouts it
    // may sit inside a bundle, so look a few levels up.
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent("v6ready-testwriter").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        directory.deleteLastPathComponent()
    }
    throw MissingHelper(description: "v6ready-testwriter not found near \(testBinary); build it with the tests")
}

/// Runs a helper and returns its process, with a pipe on standard input and output.
func startHelper(_ arguments: [String]) throws -> (process: Process, input: Pipe, output: Pipe) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try testWriterPath())
    process.arguments = arguments
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    return (process, input, output)
}

/// Reads one line from a helper's standard output (blocking).
func readLine(from pipe: Pipe) -> String {
    var bytes: [UInt8] = []
    while true {
        let data = pipe.fileHandleForReading.readData(ofLength: 1)
        if data.isEmpty || data.first == UInt8(ascii: "\n") { break }
        bytes.append(contentsOf: data)
    }
    return String(decoding: bytes, as: UTF8.self)
}
