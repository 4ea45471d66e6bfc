import Foundation
import Testing
@testable import V6CLI
import V6Core
import V6System
import V6TestSupport

/// Issue 13 items 3, 5, 7 and 8 rerun through the tool: no exit outside 0–4, file:line: path: VALUE messages, no
/// formula cell, no control character on the terminal, no raw HTML in plan.md, no endless input.
@Suite("Input hardening on the command line (issue 13)")
struct InputHardeningTests {
    static let badPort = "{\"target\":\"x\",\"address\":\"198.51.100.9\",\"family\":4,\"method\":\"tcp\",\"port\":1e19,\"status\":\"reachable\"}\n"

    func box(extraScanLine: String? = nil) throws -> Sandbox {
        let recorded = OperationsScans.recorded
        var scans = [(OperationsScans.recordedName, recorded)]
        if let extraScanLine { scans.append((OperationsScans.brokenName, recorded + extraScanLine)) }
        let box = try OperationsScans.sandbox(scans: scans)
        try box.write("policy.json", OperationsScans.lenientPolicy)
        return box
    }

    /// Puts `prefix` (JSON-escaped already) before the name of the first device of so-tttt.
    func renameFirstDevice(in box: Sandbox, prefix: String) throws {
        let path = "inv/agencies/so-tttt.json"
        var text = String(decoding: try box.read(path), as: UTF8.self)
        let devices = try #require(text.range(of: "\"devices\""))
        let name = try #require(text.range(of: "\"name\": \"", range: devices.upperBound..<text.endIndex))
        text.replaceSubrange(name, with: "\"name\": \"" + prefix)
        try box.write(path, text)
    }

    @Test("\"port\":1e19 in a scan line: assess, plan, check and drift exit 2 naming file, line and member")
    func hugePortInScan() throws {
        let box = try box(extraScanLine: Self.badPort)
        let line = OperationsScans.recorded.split(separator: "\n").count + 1
        let scan = "reports/scans/\(OperationsScans.brokenName).jsonl"
        let expected = "\(scan):\(line): port: 1e+19 is not a whole number from 0 to 65535"
        for args in [["assess", "--inventory", "inv", "--scan", scan],
                     ["plan", "--inventory", "inv", "--scan", scan, "-o", "out"],
                     ["check", "--inventory", "inv", "--policy", "policy.json", "--scan", scan],
                     ["drift", "--inventory", "inv", "--to", scan]] {
            let run = box.run(args)
            #expect(run.code == .usage, "\(args[0]): \(run.err)")
            #expect(run.err.contains(expected), "\(args[0]): \(run.err)")
        }
    }

    @Test("the real executable exits 2, not 132, on \"port\":1e19")
    func realExecutable() throws {
        let box = try box(extraScanLine: Self.badPort)
        let run = try runV6ready(["assess", "--inventory", "inv", "--scan", "reports/scans/\(OperationsScans.brokenName).jsonl"], in: box.directory)
        #expect(run.status == 2, "\(run.err)")
        #expect(run.err.contains("port: 1e+19 is not a whole number"), "\(run.err)")
    }

    @Test("1e19 in a .summary.json count is reported and the summary skipped; check still runs")
    func hugeSummaryCount() throws {
        let box = try box()
        try box.write("reports/scans/\(OperationsScans.recordedName).summary.json",
                      "{\"schema\":1,\"site\":null,\"started\":\"2024-05-15T02:00:00Z\",\n\"statuses\":{\"reachable\":1e19}}\n")
        let run = box.run("check", "--inventory", "inv", "--policy", "policy.json", "--date", "2024-06-30")
        #expect([.success, .findings].contains(run.code), "\(run.err)")
        #expect(run.err.contains("\(OperationsScans.recordedName).summary.json:2: statuses.reachable: 1e+19 is not a whole number"), "\(run.err)")
        #expect(run.err.contains("the summary is skipped"))
    }

    @Test("catalog \"replacement_cost\": 1e19 fails validate (and so never reaches plan); two \"\" ids too")
    func catalogAndEmptyIDs() throws {
        let box = try box()
        var manifest = String(decoding: try box.read("inv/inventory.json"), as: UTF8.self)
        manifest = manifest.replacingOccurrences(of: "\"replacement_cost\": 25000000", with: "\"replacement_cost\": 1e19")
        try box.write("inv/inventory.json", manifest)
        let validate = box.run("inventory", "validate", "--inventory", "inv")
        #expect(validate.code == .usage)
        #expect(validate.err.contains("catalog[0].replacement_cost: 1e+19 is not a number from 0 to"), "\(validate.err)")
        let plan = box.run("plan", "--inventory", "inv", "-o", "out")
        #expect(plan.code == .usage, "\(plan.err)")
    }

    @Test("/dev/zero and a FIFO as --scan are refused at once (not a regular file), exit 2")
    func unboundedScanInput() throws {
        let box = try box()
        let zero = box.run("assess", "--inventory", "inv", "--scan", "/dev/zero")
        #expect(zero.code == .usage)
        #expect(zero.err.contains("is a character device, not a regular file"), "\(zero.err)")
        let fifo = box.path("scan.fifo")
        let made = try runProgram("/usr/bin/mkfifo", [fifo])
        try #require(made.status == 0, "mkfifo: \(made.err)")
        let started = Date()
        let run = box.run("assess", "--inventory", "inv", "--scan", "scan.fifo")
        #expect(run.code == .usage)
        #expect(run.err.contains("is a FIFO, not a regular file"), "\(run.err)")
        #expect(Date().timeIntervalSince(started) < 30, "a FIFO with no writer must not hang the command")
    }

    @Test("--netns ../../proc/PID/ns/net is refused before anything is opened")
    func namespacePath() throws {
        let box = try Sandbox()
        let run = box.run("probe", "--netns", "../../proc/1/ns/net", "127.0.0.1")
        #expect(run.code == .usage)
        #expect(run.err.contains("--netns: \"../../proc/1/ns/net\" is not a namespace name"), "\(run.err)")
        let lan = box.run("lan", "lo", "--netns", "/proc/1/ns/net")
        #expect(lan.code == .usage, "\(lan.err)")
    }

    @Test("--max-targets counts the targets of an @FILE; a file is read only if it is a regular file")
    func maxTargetsCountsFiles() throws {
        let box = try Sandbox()
        try box.write("targets.txt", (1...20).map { "127.0.0.\($0)" }.joined(separator: "\n") + "\n")
        let run = box.run("probe", "--max-targets", "10", "@targets.txt")
        #expect(run.code == .usage, "\(run.err)")
        #expect(run.err.contains("targets.txt:11: more than 10 targets (--max-targets)"), "\(run.err)")
        let zero = box.run("probe", "@/dev/zero")
        #expect(zero.code == .usage, "\(zero.err)")
        #expect(zero.err.contains("not a regular file"), "\(zero.err)")
    }

    @Test("inventory export and plan.csv write no formula cell; import of the export gives back the same files")
    func noFormulaCells() throws {
        let box = try box()
        try renameFirstDevice(in: box, prefix: "=HYPERLINK(\\\"http://x.example\\\")")
        #expect(box.run("inventory", "validate", "--inventory", "inv").code == .success)
        let before = try box.snapshot("inv")
        for kind in ["devices", "services"] {
            let export = box.run("inventory", "export", "--inventory", "inv", "--kind", kind, "-o", "\(kind).csv")
            #expect(export.code == .success, "\(export.err)")
            for row in try CSV.parse(try box.read("\(kind).csv")) {
                for cell in row.fields { #expect(!["=", "+", "-", "@", "\t", "\r"].contains(cell.unicodeScalars.first), "\(cell)") }
            }
            let back = box.run("inventory", "import", "--inventory", "inv", "\(kind).csv")
            #expect(back.code == .success, "\(back.err)")
        }
        let after = try box.snapshot("inv")
        // The records live in the agency files; import rewrites inventory.json in its stable form (not a CSV matter).
        let changed = Set(before.keys).union(after.keys).filter { $0.contains("/agencies/") && before[$0] != after[$0] }.sorted()
        #expect(changed.isEmpty, "export then import changed \(changed)")
        let plan = box.run("plan", "--inventory", "inv", "-o", "out")
        #expect(plan.code == .success, "\(plan.err)")
        for file in ["out/plan.csv", "out/scores.csv"] {
            for row in try CSV.parse(try box.read(file)) {
                for cell in row.fields { #expect(!["=", "+", "-", "@", "\t", "\r"].contains(cell.unicodeScalars.first), "\(file): \(cell)") }
            }
        }
    }

    @Test("plan.md carries no raw HTML and a | in a name does not add a table column")
    func markdownEscaped() throws {
        let box = try box()
        try renameFirstDevice(in: box, prefix: "<img src=x onerror=alert(1)> a | b **c** ")
        let plan = box.run("plan", "--inventory", "inv", "-o", "out")
        #expect(plan.code == .success, "\(plan.err)")
        let md = String(decoding: try box.read("out/plan.md"), as: UTF8.self)
        #expect(!md.replacingOccurrences(of: "\\<", with: "").contains("<img"), "raw HTML in plan.md")
        #expect(md.contains("\\<img src=x onerror=alert(1)\\> a \\| b \\*\\*c\\*\\*"))
    }

    @Test("Console escapes controls on every text path; progress keeps its own CR and ESC [K only")
    func consoleEscapes() {
        let console = Console.capturing(workingDirectory: "/")
        console.out("name \u{1B}]0;owned\u{07} \u{202E}txt")
        console.outRaw("a\u{0}b\n")
        console.error("\u{9B}31m")
        console.progress("3 results \u{1B}[2J")
        #expect(console.capturedOut == "name \\u001B]0;owned\\u0007 \\u202Etxt\na\\u0000b\n")
        #expect(console.capturedErr == "\\u009B31m\n\r\u{1B}[K3 results \\u001B[2J")
    }
}
