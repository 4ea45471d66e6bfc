import Foundation
import Testing
@testable import V6CLI
import V6Core
import V6System

/// One rule for "the scan": every command that reads scans without being told which chooses the same ones.
@Suite("Workflows: the scan store's one rule")
struct ScanStoreTests {
    /// A whole-inventory scan and, a day later, a site scan in which a district's devices went silent on IPv6,
    /// under a reports folder that is not the default, so that `--reports` is exercised everywhere.
    static func sandbox() throws -> Sandbox {
        let box = try Sandbox()
        try box.copyExample(to: "inv")
        let whole = OperationsScans.recorded
        let site = whole.split(separator: "\n").filter { $0.contains("\"record\":\"huyen-an-binh-") }.map { line -> String in
            line.contains("\"family\":6") ? line.replacingOccurrences(of: "\"status\":\"reachable\"", with: "\"status\":\"timeout\"") : String(line)
        }.joined(separator: "\n") + "\n"
        try box.write("elsewhere/scans/20240515T020000Z.jsonl", whole)
        try box.write("elsewhere/scans/20240515T020000Z.summary.json", OperationsScans.summary("20240515T020000Z"))
        try box.write("elsewhere/scans/20240516T010000Z.jsonl", site)
        try box.write("elsewhere/scans/20240516T010000Z.summary.json", OperationsScans.summary("20240516T010000Z", site: "huyen-an-binh-hq"))
        return box
    }

    static let chosen = ["elsewhere/scans/20240515T020000Z.jsonl", "elsewhere/scans/20240516T010000Z.jsonl"]

    @Test("assess, plan, check and drift choose the whole scan and the newer site scan, and count the same")
    func sameScansEverywhere() throws {
        let box = try Self.sandbox()
        let assess = box.run("assess", "--inventory", "inv", "--reports", "elsewhere", "--json")
        #expect(assess.code == .success, "\(assess.err)")
        let assessed = try JSONParser.parse(assess.out).value
        #expect(assessed["scans"] == .array(Self.chosen.map(JSONValue.string)))
        let dualStack = try #require(assessed["summary"]?["counts"]?["dual-stack"]?.doubleValue)

        let plan = box.run("plan", "--inventory", "inv", "--reports", "elsewhere", "-o", "out", "--json")
        #expect(plan.code == .success, "\(plan.err)")
        #expect(try JSONParser.parse(plan.out).value["scans"] == .array(Self.chosen.map(JSONValue.string)))
        let planned = try JSONParser.parse(box.read("out/plan.json")).value
        #expect(planned["summary"]?["counts"]?["dual-stack"]?.doubleValue == dualStack)

        let check = box.run("check", "--inventory", "inv", "--reports", "elsewhere", "--date", "2024-06-30", "--json", "--prometheus", "m.prom")
        #expect(check.code != .usage, "\(check.err)")
        #expect(try JSONParser.parse(check.out).value["scans"] == .array(Self.chosen.map(JSONValue.string)))
        let metrics = String(decoding: try box.read("m.prom"), as: UTF8.self)
        let checkedDualStack = metrics.split(separator: "\n").filter { $0.hasPrefix("v6ready_agency_records{") && $0.contains("status=\"dual-stack\"") }
            .compactMap { Double($0.split(separator: " ").last ?? "") }.reduce(0, +)
        #expect(checkedDualStack == dualStack)

        let drift = box.run("drift", "--inventory", "inv", "--reports", "elsewhere", "--json")
        let drifted = try JSONParser.parse(drift.out).value
        #expect(drifted["to"] == .string("20240515T020000Z.jsonl + 20240516T010000Z.jsonl"), "\(drift.err)")
        #expect(drifted["from"] == .string("20240515T020000Z.jsonl"))
        #expect(drift.code == .findings, "the site's devices stopped answering over IPv6: \(drift.out)")

        // The site scan made the district's devices silent on IPv6: fewer dual-stack records than the whole scan alone.
        let wholeOnly = box.run("assess", "--inventory", "inv", "--scan", Self.chosen[0], "--json")
        let wholeDualStack = try #require(try JSONParser.parse(wholeOnly.out).value["summary"]?["counts"]?["dual-stack"]?.doubleValue)
        #expect(dualStack < wholeDualStack)
    }

    @Test("scan and nmap-import write into --reports; a second scan in the same second gets _2")
    func namesAndWriting() throws {
        let box = try Sandbox()
        let store = ScanStore(reports: "r", console: Console.capturing(workingDirectory: box.directory))
        let t = try #require(ScanTimestamp(epochSeconds: 1_715_738_400))
        #expect(store.newScanName(started: t) == "20240515T020000Z.jsonl")
        try store.write(name: store.newScanName(started: t), lines: Array("{}\n".utf8), summary: .object([("site", .null)]))
        #expect(store.newScanName(started: t) == "20240515T020000Z_2.jsonl")
        #expect(store.shownPath("x.jsonl") == "r/scans/x.jsonl")
        #expect(FileSystem.isRegularFile(box.path("r/scans/20240515T020000Z.summary.json")))
        #expect(store.latest() == ["r/scans/20240515T020000Z.jsonl"])
    }

    @Test("nmap-import refuses a start time in the future (year 5138) and writes nothing: --keep would have deleted the real scans")
    func futureImportRefused() throws {
        let box = try Sandbox()
        try box.write("future.xml", """
        <?xml version="1.0"?>
        <nmaprun scanner="nmap" args="nmap -sn 203.0.113.0/24" start="99999999999" version="7.93" xmloutputversion="1.05">
        <host><status state="up" reason="echo-reply" reason_ttl="63"/><address addr="203.0.113.20" addrtype="ipv4"/></host>
        <runstats><finished time="99999999999" elapsed="1" exit="success"/><hosts up="1" down="0" total="1"/></runstats>
        </nmaprun>
        """)
        let run = box.run("inventory", "nmap-import", "future.xml")
        #expect(run.code == .usage && run.err.contains("in the future"), "\(run.err)")
        let written = (try? FileSystem.listDirectory(box.path("reports/scans"))) ?? []
        #expect(written.isEmpty, "\(written)")
    }

    @Test("prune keeps the scans being evaluated and goes by the summaries' start times")
    func pruneProtectsEvaluatedScans() throws {
        let box = try Sandbox()
        let store = ScanStore(reports: "r", console: Console.capturing(workingDirectory: box.directory))
        for (name, started) in [("20240101T000000Z.jsonl", "2024-01-01T00:00:00Z"), ("20240102T000000Z.jsonl", "2024-01-02T00:00:00Z"),
                                ("20240103T000000Z.jsonl", "2024-01-03T00:00:00Z")] {
            try store.write(name: name, lines: Array("{}\n".utf8), summary: .object([("site", .null), ("started", .string(started))]))
        }
        let removed = try store.prune(keep: 1, protecting: ["r/scans/20240101T000000Z.jsonl"])
        #expect(removed == ["20240102T000000Z.jsonl", "20240102T000000Z.summary.json"])
        #expect(ScanHistory.scanNames(store.names()) == ["20240101T000000Z.jsonl", "20240103T000000Z.jsonl"])
    }

    @Test("retention waits while a reader holds the scans folder's shared lock, and readers wait for a writer")
    func scanFolderLock() throws {
        let box = try Sandbox()
        let store = ScanStore(reports: "r", console: Console.capturing(workingDirectory: box.directory))
        let line = #"{"target":"192.0.2.1","address":"192.0.2.1","method":"icmp","status":"reachable"}"# + "\n"
        for name in ["20240101T000000Z.jsonl", "20240102T000000Z.jsonl"] {
            try store.write(name: name, lines: Array(line.utf8), summary: .object([("site", .null)]))
        }
        let lockPath = box.path("r/scans/" + ScanStore.lockFileName)
        let reader = try FileLock.acquire(path: lockPath, wait: false, shared: true)
        let started = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { try? reader.release() }
        #expect(try store.prune(keep: 1) == ["20240101T000000Z.jsonl", "20240101T000000Z.summary.json"])
        #expect(Date().timeIntervalSince(started) >= 0.4, "retention deleted a scan while a reader held the folder")
        #expect(!ScanHistory.scanNames(store.names()).contains(ScanStore.lockFileName))

        let writer = try FileLock.acquire(path: lockPath, wait: false)
        let again = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { try? writer.release() }
        let console = Console.capturing(workingDirectory: box.directory)
        let loaded = try store.load(["r/scans/20240102T000000Z.jsonl"], console: console)
        #expect(loaded.count == 1)
        #expect(Date().timeIntervalSince(again) >= 0.4, "a reader read while a writer held the folder")
    }
}
