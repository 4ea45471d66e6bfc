import Foundation
import Testing
@testable import V6CLI
import V6Core
import V6System

@Suite("PlanCommand: assess, plan and addrplan on the command line")
struct PlanCommandTests {
    static let scan = "examples/recorded-scan/20240515T020000Z.jsonl"

    func box() throws -> Sandbox {
        let box = try Sandbox()
        try box.copyExample(to: "inv")
        try FileSystem.createDirectory(box.path("scans"), recursive: true)
        try AtomicFile.write(FileSystem.readFile(Sandbox.repositoryRoot + "/" + Self.scan), to: box.path("scans/20240515T020000Z.jsonl"))
        return box
    }

    @Test("assess prints a table per agency and category; --json carries evidence; no scan is said on stderr")
    func assess() throws {
        let box = try box()
        let run = box.run("assess", "--inventory", "inv", "--scan", "scans/20240515T020000Z.jsonl", "--date", "2024-06-30")
        #expect(run.code == .success, "\(run.err)")
        #expect(run.out.contains("AGENCY") && run.out.contains("so-tttt") && run.out.contains("CATEGORY") && run.out.contains("internet-edge"))
        #expect(run.out.contains("20240515T020000Z.jsonl, 2024-05-15T02:00:00Z"))
        let vi = box.run("assess", "--inventory", "inv", "--scan", "scans/20240515T020000Z.jsonl", "--lang", "vi")
        #expect(vi.out.contains("Sẵn sàng IPv6") && vi.out.contains("CƠ QUAN"))
        let json = box.run("assess", "--inventory", "inv", "--scan", "scans/20240515T020000Z.jsonl", "--json")
        let value = try JSONParser.parse(json.out).value
        let items = try #require(value["items"]?.arrayValue)
        let broken = try #require(items.first { $0["status"]?.stringValue == "ipv6-broken" })
        let probe = try #require(broken["evidence"]?.arrayValue?.first { $0["type"]?.stringValue == "probe" })
        #expect(probe["scan"]?.stringValue == "20240515T020000Z.jsonl")
        #expect(probe["time"]?.stringValue == "2024-05-15T02:00:00Z")
        #expect((probe["line"]?.doubleValue ?? 0) > 0)

        let noScan = box.run("assess", "--inventory", "inv")
        #expect(noScan.code == .success)
        #expect(noScan.err.contains("No scan found under reports/scans/"))
        #expect(noScan.out.contains("no scan"))
    }

    @Test("assess picks the newest reports/scans/*.jsonl by default")
    func newestScan() throws {
        let box = try box()
        try FileSystem.createDirectory(box.path("reports/scans"), recursive: true)
        try box.write("reports/scans/20230101T000000Z.jsonl", "")
        try AtomicFile.write(FileSystem.readFile(box.path("scans/20240515T020000Z.jsonl")), to: box.path("reports/scans/20240515T020000Z.jsonl"))
        let run = box.run("assess", "--inventory", "inv", "--json")
        #expect(run.err.contains("reports/scans/20240515T020000Z.jsonl"))
        #expect(try JSONParser.parse(run.out).value["scan"]?["file"]?.stringValue == "20240515T020000Z.jsonl")
    }

    @Test("plan writes five reports and an item list per agency, says where, and the same input rewrites the same bytes")
    func plan() throws {
        let box = try box()
        let args = ["plan", "--inventory", "inv", "--scan", "scans/20240515T020000Z.jsonl", "--date", "2024-06-30", "--lang", "vi"]
        let run = box.run(args)
        #expect(run.code == .success, "\(run.err)")
        #expect(run.out.contains("reports/inv/plan.html"))
        let first = try box.snapshot("reports/inv")
        let agencies = try FileSystem.listDirectory(box.path("inv/agencies")).filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
        let perAgency = agencies.flatMap { id in ["md", "html", "csv"].map { "reports/inv/agencies/\(id).\($0)" } }
        #expect(Set(first.keys) == Set(PlanReports.fileNames.map { "reports/inv/" + $0 } + perAgency))
        #expect(run.out.contains("reports/inv/agencies/ (\(perAgency.count))"))
        let tttt = String(decoding: first["reports/inv/agencies/so-tttt.md"]!, as: UTF8.self)
        #expect(tttt.contains("so-tttt-rt-bien-01") && !tttt.contains("xa-an-thanh-"), "an agency's file holds its own items")
        #expect(String(decoding: first["reports/inv/plan.md"]!, as: UTF8.self).contains("Kế hoạch chuyển đổi"))
        #expect(box.run(args).code == .success)
        #expect(try box.snapshot("reports/inv") == first)
        let other = box.run(args + ["-o", "out/x", "--json"])
        #expect(other.code == .success)
        #expect(try JSONParser.parse(other.out).value["files"]?.arrayValue?.count == 5)
        #expect(try JSONParser.parse(other.out).value["agency_files"]?.doubleValue == Double(perAgency.count))
        #expect(FileSystem.isRegularFile(box.path("out/x/plan.json")))
    }

    @Test("bad input exits 2 with a clear message: date, language, program file, scan file")
    func badInput() throws {
        let box = try box()
        let date = box.run("plan", "--inventory", "inv", "--date", "2024-02-30")
        #expect(date.code == .usage)
        #expect(date.err.contains("--date takes a day as YYYY-MM-DD"))
        let lang = box.run("assess", "--inventory", "inv", "--lang", "fr")
        #expect(lang.code == .usage)
        #expect(lang.err.contains("--lang takes one of en, vi"))
        try box.write("p.json", "{\n  \"schema\": 1,\n  \"id\": \"x\"\n}\n")
        let program = box.run("plan", "--inventory", "inv", "--program", "p.json")
        #expect(program.code == .usage)
        #expect(program.err.contains("p.json:1: name: is missing"), "\(program.err)")
        try box.write("bad.jsonl", "{\"target\":\"x\"}\n")
        let scan = box.run("assess", "--inventory", "inv", "--scan", "bad.jsonl")
        #expect(scan.code == .usage)
        #expect(scan.err.contains("bad.jsonl:1: not a probe line"))
        let missing = box.run("assess", "--inventory", "inv", "--scan", "nope.jsonl")
        #expect(missing.code == .usage)
        #expect(missing.err.contains("nope.jsonl: cannot read the scan"))
    }

    @Test("a program file passed with --program changes the plan without code")
    func programOption() throws {
        let box = try box()
        var text = String(decoding: try FileSystem.readFile(Sandbox.repositoryRoot + "/programs/ipv6-for-gov-2022-2025.json"), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"end\": \"2025-12-31\"", with: "\"end\": \"2026-12-31\"")
        try box.write("p.json", text)
        let run = box.run("plan", "--inventory", "inv", "--scan", "scans/20240515T020000Z.jsonl", "--date", "2024-06-30", "--program", "p.json", "-o", "r")
        #expect(run.code == .success, "\(run.err)")
        let plan = try JSONParser.parse(box.read("r/plan.json")).value
        #expect(plan["phases"]?.arrayValue?.last?["end"]?.stringValue == "2026-12-31")
    }

    @Test("addrplan: stable across runs, new segments appended, --write puts them in the inventory, --csv exports")
    func addrplan() throws {
        let box = try box()
        let first = box.run("addrplan", "--inventory", "inv")
        #expect(first.code == .success, "\(first.err)\(first.out)")
        #expect(first.out.contains("2001:db8:a00::/40"))
        let state = try box.read("inv/addrplan.json")
        let second = box.run("addrplan", "--inventory", "inv")
        #expect(first.out.contains(" new ") && !second.out.contains(" new "), "the second run allocates nothing")
        #expect(try box.read("inv/addrplan.json") == state, "the second run changes nothing")
        func prefixColumns(_ text: String) -> [String] {
            text.split(separator: "\n").map { line -> String in
                let words: [Substring] = line.split(separator: " ")
                return words.prefix(3).joined(separator: " ")
            }
        }
        #expect(prefixColumns(first.out) == prefixColumns(second.out), "the same prefixes for the same records")

        let csv = box.run("addrplan", "--inventory", "inv", "--csv", "plan.csv")
        #expect(csv.code == .success)
        #expect(try box.read("plan.csv").starts(with: [0xEF, 0xBB, 0xBF]))

        let before = try box.snapshot("inv/agencies")
        let write = box.run("addrplan", "--inventory", "inv", "--write")
        #expect(write.code == .success, "\(write.err)")
        #expect(write.out.contains("Wrote"))
        #expect(try box.snapshot("inv/agencies") != before)
        #expect(box.run("inventory", "validate", "--inventory", "inv").code == .success)
        let after = box.run("addrplan", "--inventory", "inv", "--json")
        let rows = try #require(try JSONParser.parse(after.out).value["rows"]?.arrayValue)
        #expect(rows.filter { $0["level"]?.stringValue == "segment" }.allSatisfy { $0["source"]?.stringValue == "inventory" })
    }

    @Test("addrplan finds overlapping segments and exits 1; --write then refuses")
    func addrplanOverlap() throws {
        let box = try box()
        var inventory = try InventoryLoader.load(box.snapshot("inv").map { .init(path: String($0.key.dropFirst("inv/".count)), bytes: $0.value) }).get()
        // A segment without IPv6 (so none of its devices has an IPv6 address) is given its neighbour's /64.
        let f = try #require(inventory.agencyFiles.firstIndex { file in file.segments.contains { $0.ipv6.isEmpty } && file.segments.contains { !$0.ipv6.isEmpty } })
        let taken = try #require(inventory.agencyFiles[f].segments.first { !$0.ipv6.isEmpty })
        let empty = try #require(inventory.agencyFiles[f].segments.firstIndex { $0.ipv6.isEmpty })
        inventory.agencyFiles[f].segments[empty].ipv6 = taken.ipv6
        let withPrefix = [taken, inventory.agencyFiles[f].segments[empty]].sorted { a, b in
            inventory.agencyFiles[f].segments.firstIndex { $0.id == a.id }! < inventory.agencyFiles[f].segments.firstIndex { $0.id == b.id }!
        }
        for file in InventoryLoader.serialize(inventory) { try box.write("inv/" + file.path, String(decoding: file.bytes, as: UTF8.self)) }
        #expect(box.run("inventory", "validate", "--inventory", "inv").code == .success, "the inventory itself stays valid")
        let run = box.run("addrplan", "--inventory", "inv")
        #expect(run.code == .findings)
        #expect(run.out.contains("error: segments \(withPrefix[0].id) and \(withPrefix[1].id) overlap"), "\(run.out)")
        let write = box.run("addrplan", "--inventory", "inv", "--write")
        #expect(write.code == .findings)
        #expect(write.err.contains("Nothing written"))
    }

    @Test("help explains each command and shows examples")
    func help() {
        for command in ["assess", "plan", "addrplan"] {
            let console = Console.capturing(workingDirectory: "/")
            let code = CommandLineTool.run(arguments: [command, "--help"], console: console)
            #expect(code == .success)
            #expect(console.capturedOut.contains("EXAMPLES:"))
            #expect(console.capturedOut.contains("v6ready \(command)"))
        }
    }
}
