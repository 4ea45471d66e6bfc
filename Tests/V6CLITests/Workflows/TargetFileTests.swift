import Foundation
import Testing
@testable import V6CLI
import V6Core
import V6System
import V6TestSupport

@Suite("Target files: read as a stream, counted before sending; text output that streams")
struct TargetFileTests {
    /// A file of `n` lines over several read chunks: addresses, a comment, a blank line, a small prefix.
    static func write(_ n: Int) throws -> (path: String, expected: [IPAddress]) {
        let dir = try FileSystem.makeTemporaryDirectory(prefix: "v6ready-targets")
        var lines = ["# a target file", ""]
        var expected: [IPAddress] = []
        for i in 0..<n {
            let address = IPAddress("2001:db8:\(i >> 16):\(String(i & 0xffff, radix: 16))::1")!
            lines.append(i % 3 == 0 ? "  \(address)  # host \(i)" : "\(address)")
            expected.append(address)
        }
        lines.append("192.0.2.0/30")
        expected += (0..<4).map { IPAddress("192.0.2.\($0)")! }
        let path = dir + "/targets.txt"
        try AtomicFile.write(Array(lines.joined(separator: "\r\n").utf8), to: path)  // CRLF, no final newline
        return (path, expected)
    }

    @Test("a file longer than a read chunk is checked, counted and then read back target by target, in order")
    func readsInChunks() throws {
        let (path, expected) = try Self.write(20_000)
        #expect(try FileSystem.readFile(path).count > 4 * TargetFile.chunkSize)
        var outside = 0
        let file = try TargetFile.check("targets.txt", path: path, maxTargets: 1_000_000) { _ in outside += 1 }.get()
        #expect(file.count == expected.count)
        #expect(outside == 20_001, "every address and prefix is shown to the scope check")
        var stream = TargetStream([.one(ProbeTarget(label: "", address: IPAddress("::1")!)), .file(file)])
        #expect(stream.count == expected.count + 1)
        var read: [IPAddress] = []
        while let target = stream.next() { read.append(target.address) }
        #expect(read == [IPAddress("::1")!] + expected)
        #expect(stream.notices.isEmpty)
    }

    @Test("more targets than --max-targets, or a bad line, fail the check with the file and line")
    func refusesBeforeSending() throws {
        let (path, _) = try Self.write(100)
        guard case let .failure(f) = TargetFile.check("targets.txt", path: path, maxTargets: 50, outside: { _ in }) else {
            Issue.record("accepted 104 targets with --max-targets 50"); return
        }
        #expect(f.diagnostics.count == 1)
        #expect(f.diagnostics.first?.description.contains("targets.txt:53") == true, "\(f.diagnostics)")
        #expect(f.diagnostics.first?.message.contains("more than 50 targets") == true)
        try AtomicFile.write(Array("2001:db8::1\nnot_an address\n2001:db8::2\n".utf8), to: path)
        guard case let .failure(bad) = TargetFile.check("targets.txt", path: path, maxTargets: 50, outside: { _ in }) else {
            Issue.record("accepted a bad line"); return
        }
        #expect(bad.diagnostics.map(\.line) == [2])
    }

    @Test("probe @FILE over --max-targets exits 2 and sends nothing")
    func maxTargetsExit() throws {
        let (path, _) = try Self.write(10)
        let run = try runV6ready(["probe", "@" + path, "--max-targets", "5", "--outside-scope", "--json"], in: NSTemporaryDirectory())
        #expect(run.status == 2)
        #expect(run.err.contains("more than 5 targets"))
        #expect(run.out.isEmpty, "no result line: nothing was probed")
    }

    static func result(_ i: Int) -> ProbeResult {
        ProbeResult(target: "", address: IPAddress("2001:db8::\(String(i, radix: 16))")!, method: .icmp,
                    status: i % 4 == 3 ? .timeout : .reachable, rttMilliseconds: i % 4 == 3 ? nil : 1.25)
    }

    @Test("the text table: sorted for a small run; streamed, holding nothing, for a large one")
    func textOutput() {
        var small = ""
        var table = ProbeResultTable { small += $0 }
        for i in (0..<10).reversed() { table.add(Self.result(i)) }
        #expect(small.isEmpty, "a small run is printed sorted at the end")
        table.finish()
        let lines = small.split(separator: "\n")
        #expect(lines.first?.hasPrefix("TARGET") == true)
        #expect(lines.dropFirst().first?.hasPrefix("2001:db8::  ") == true, "sorted by address")
        var chunks: [String] = []
        var large = ProbeResultTable { chunks.append($0) }
        let n = ProbeResultTable.sortedLimit + 50_000
        for i in 0..<n { large.add(Self.result(i)) }
        #expect(!chunks.isEmpty, "rows are written while the run goes on")
        large.finish()
        let all = chunks.joined().split(separator: "\n")
        #expect(all.count == n + 1)
        #expect(all[1].hasPrefix("2001:db8::  ") && all.last!.contains("timeout") == ((n - 1) % 4 == 3))
    }
}
