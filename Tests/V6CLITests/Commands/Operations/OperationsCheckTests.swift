import Foundation
import Testing
import V6TestSupport
@testable import V6CLI
import V6Core
import V6System

@Suite("Operations: check exit codes", .serialized)
struct OperationsCheckTests {
    @Test("0 when compliant, with the rules it checked")
    func compliant() throws {
        let box = try OperationsScans.sandbox()
        try box.write("policy.json", OperationsScans.lenientPolicy)
        let run = box.run("check", "--inventory", "inv", "--policy", "policy.json", "--date", "2024-06-30")
        #expect(run.code == .success, "\(run.err)")
        #expect(run.out.hasPrefix("Compliance check 2024-06-30 — low bar — scan 20240515T020000Z.jsonl (2024-05-15T02:00:00Z)\n"))
        #expect(run.out.contains("  PASS dual-stack-percent: "))
        #expect(run.out.contains("  drift: no earlier scan to compare with"))
        #expect(run.out.hasSuffix("COMPLIANT\n"))
    }

    @Test("1 when a target is missed: the program's targets for the date")
    func nonCompliant() throws {
        let box = try OperationsScans.sandbox()
        let run = box.run("check", "--inventory", "inv", "--date", "2026-06-30", "--program", "ipv6-for-gov-2022-2025", "--json")
        #expect(run.code == .findings)
        let json = try JSONParser.parse(run.out).value
        #expect(json["compliant"] == .bool(false))
        #expect(json["rules"]?.arrayValue?.first?["rule"] == .string("program-targets"))
        #expect(json["rules"]?.arrayValue?.first?["status"] == .string("failed"))
        #expect(json["scans"] == .array([.string("reports/scans/20240515T020000Z.jsonl")]))
    }

    @Test("1 on a drift regression since the previous scan; 0 with --ignore-drift")
    func driftFails() throws {
        let box = try OperationsScans.sandbox(scans: [(OperationsScans.recordedName, OperationsScans.recorded),
                                                      (OperationsScans.brokenName, OperationsScans.broken)])
        try box.write("policy.json", OperationsScans.lenientPolicy)
        let run = box.run("check", "--inventory", "inv", "--policy", "policy.json", "--date", "2024-06-30")
        #expect(run.code == .findings, "\(run.out)\(run.err)")
        #expect(run.out.contains("  FAIL drift: 2 regressions since 20240515T020000Z.jsonl"))
        #expect(run.out.contains("      regression: service so-tttt-cong-ttdt lost IPv6: no port answers over IPv6 any more (IPv4 still works)"))
        #expect(run.out.contains("          tcp [2001:db8:a00:1010::20]:443: reachable → timeout"))
        #expect(run.out.contains("      regression: so-tttt-fw-dmz-01 stopped answering over IPv6 (still answers over IPv4)"))
        #expect(run.out.contains("      attention: new host 203.0.113.99 answers (icmp) and is not in the inventory"))
        let ignored = box.run("check", "--inventory", "inv", "--policy", "policy.json", "--date", "2024-06-30", "--ignore-drift")
        #expect(ignored.code == .success)
        #expect(ignored.out.contains("  IGNORED drift: 2 regressions"))
    }

    @Test("2 for a bad policy (every problem, file:line: path), a bad option, or no scan at all")
    func badInput() throws {
        let box = try OperationsScans.sandbox()
        try box.write("policy.json", "{\"schema\": 1,\n \"rules\": [\n  {\"rule\": \"services-green\", \"agencies\": [\"so-nowhere\"]},\n  {\"rule\": \"dual-stack-percent\", \"percent\": \"lots\"}\n]}\n")
        let run = box.run("check", "--inventory", "inv", "--policy", "policy.json")
        #expect(run.code == .usage)
        #expect(run.err == """
        policy.json:3: rules[0].agencies[0]: "so-nowhere" is not an agency of this inventory
        policy.json:4: rules[1].percent: "lots" is not a percentage from 0 to 100
        2 problems; nothing was changed.

        """)
        #expect(box.run("check", "--inventory", "inv", "--deadline", "soon").code == .usage)
        #expect(box.run("check", "--inventory", "inv", "--site", "x").err.contains("--site only applies with --scan-now"))
        let empty = try Sandbox()
        try empty.copyExample(to: "inv")
        let none = empty.run("check", "--inventory", "inv")
        #expect(none.code == .usage)
        #expect(none.err.contains("reports/scans/: no scan to check: run `v6ready scan` first, or use --scan-now or --scan FILE"))
        try box.write("bad.jsonl", "{\"target\":\"x\"}\n{\"target\":\"srv\",\"address\":\"192.0.2.1\",\"family\":4,\"method\":\"icmp\",\"status\":\"reachable\"}\nnot json\n")
        let broken = box.run("check", "--inventory", "inv", "--scan", "bad.jsonl")
        #expect(broken.code == .usage)
        #expect(broken.err.hasPrefix("bad.jsonl:1: not a probe line (needs target, address, method and status; see docs/scan-format.md)\nbad.jsonl:3: "))
    }

    @Test("3 at once when another check holds the lock next to the reports; nothing is written")
    func lockHeld() throws {
        let box = try OperationsScans.sandbox()
        let lock = try FileLock.acquire(path: box.path("reports/.v6ready-check.lock"), wait: false)
        defer { try? lock.release() }
        let before = try box.snapshot("reports")
        let started = Date()
        let run = box.run("check", "--inventory", "inv", "--prometheus", "reports/v6ready.prom", "--keep", "1")
        #expect(run.code == .environment)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(run.err == "v6ready: another v6ready check is running (it holds reports/.v6ready-check.lock); this run stops without doing anything\n")
        #expect(try box.snapshot("reports") == before)
        try lock.release()
        #expect(box.run("check", "--inventory", "inv", "--date", "2022-06-30").code == .success)
    }

    @Test("a scan file that never ends (a FIFO nobody writes) is refused at once, exit 2, well inside the deadline")
    func deadline() throws {
        let box = try OperationsScans.sandbox()
        let mkfifo = Process()
        mkfifo.executableURL = URL(fileURLWithPath: "/usr/bin/mkfifo")
        mkfifo.arguments = [box.path("stuck.jsonl")]
        try mkfifo.run()
        mkfifo.waitUntilExit()
        #expect(mkfifo.terminationStatus == 0)
        let started = Date()
        let run = try runV6ready(["check", "--inventory", "inv", "--scan", "stuck.jsonl", "--deadline", "1"], in: box.directory, deadline: 30)
        let elapsed = Date().timeIntervalSince(started)
        #expect(run.status == 2)
        #expect(elapsed < 15)
        #expect(run.err.contains("is a FIFO, not a regular file"), "\(run.err)")
    }

    @Test("the --deadline passes while check waits for the scans folder (a writer holds its lock): exit 3, saying where it was")
    func deadlinePasses() throws {
        let box = try OperationsScans.sandbox()
        let writer = try FileLock.acquire(path: box.path("reports/scans/" + ScanStore.lockFileName), wait: false)
        defer { try? writer.release() }
        let started = Date()
        let run = try runV6ready(["check", "--inventory", "inv", "--deadline", "1"], in: box.directory, deadline: 30)
        #expect(run.status == 3, "\(run.err)")
        #expect(Date().timeIntervalSince(started) < 15)
        #expect(run.err.contains("the deadline of 1 s passed while reading the scans; stopped (exit 3)"), "\(run.err)")
        try writer.release()
        #expect(try runV6ready(["check", "--inventory", "inv", "--deadline", "60"], in: box.directory, deadline: 60).status <= 1)
    }

    @Test("--keep N deletes the oldest scans with their summaries, after the check")
    func retention() throws {
        let names = ["20240512T020000Z", "20240513T020000Z", "20240514T020000Z", OperationsScans.recordedName]
        let box = try OperationsScans.sandbox(scans: names.map { ($0, OperationsScans.recorded) })
        try box.write("reports/scans/notes.txt", "kept\n")
        let run = box.run("check", "--inventory", "inv", "--date", "2022-06-30", "--keep", "2")
        #expect(run.code == .success, "\(run.err)")
        #expect(run.err.contains("Removed 4 old files from reports/scans/ (keeping the 2 newest scans)."))
        #expect(try FileSystem.listDirectory(box.path("reports/scans")).sorted() == [
            "20240514T020000Z.jsonl", "20240514T020000Z.summary.json", "20240515T020000Z.jsonl", "20240515T020000Z.summary.json", "notes.txt", ScanStore.lockFileName].sorted())
        #expect(box.run("check", "--inventory", "inv", "--keep", "0").code == .usage)
    }

    @Test("--prometheus writes a file node_exporter's textfile collector accepts, atomically, readable by all")
    func prometheusFile() throws {
        let box = try OperationsScans.sandbox(scans: [(OperationsScans.recordedName, OperationsScans.recorded),
                                                      (OperationsScans.brokenName, OperationsScans.broken)])
        try FileSystem.createDirectory(box.path("textfile"), recursive: true)
        let run = box.run("check", "--inventory", "inv", "--date", "2026-06-30", "--prometheus", "textfile/v6ready.prom")
        #expect(run.code == .findings)
        #expect(try FileSystem.listDirectory(box.path("textfile")) == ["v6ready.prom"])
        #expect(try FileSystem.permissions(of: box.path("textfile/v6ready.prom")).rawValue & 0o777 == 0o644)
        let text = String(decoding: try box.read("textfile/v6ready.prom"), as: UTF8.self)
        let families = try StrictPrometheusParser.parse(text)
        let byName = Dictionary(uniqueKeysWithValues: families.map { ($0.name, $0) })
        #expect(families.allSatisfy { $0.name.hasPrefix("v6ready_") })
        #expect(byName["v6ready_check_compliant"]?.samples == [.init(labels: [:], value: 0)])
        let lastSuccess = try #require(byName["v6ready_check_last_success_timestamp_seconds"]?.samples.first?.value)
        #expect(abs(lastSuccess - Date().timeIntervalSince1970) < 120)
        #expect(byName["v6ready_agency_readiness_ratio"]?.samples.count == 25)
        #expect(byName["v6ready_agency_readiness_ratio"]?.samples.contains { $0.labels == ["agency": "so-tttt", "agency_name": "Sở Thông tin và Truyền thông"] } == true)
        #expect(byName["v6ready_category_readiness_ratio"]?.samples.count == 6)
        #expect(Set(byName["v6ready_family_answering_ratio"]?.samples.map { $0.labels["family"] ?? "" } ?? []) == ["ipv4", "ipv6"])
        #expect(byName["v6ready_scan_duration_seconds"]?.samples == [.init(labels: ["scan_site": "all"], value: 4.2)])
        #expect(byName["v6ready_scan_timestamp_seconds"]?.samples.first?.value == UTCTime.epochSeconds("2024-05-16T02:00:00Z"))
        #expect(byName["v6ready_drift_regressions"]?.samples.first?.value == 2)
        #expect(byName["v6ready_drift_new_hosts"]?.samples.first?.value == 1)
        for family in families {
            #expect(family.type == "gauge", "\(family.name)")
            #expect(!(family.help ?? "").isEmpty, "\(family.name)")
        }
        // An unwritable place is an environment problem.
        #expect(box.run("check", "--inventory", "inv", "--prometheus", "no/such/dir/v6ready.prom").code == .environment)
    }
}

@Suite("Operations: check --scan-now on loopback", .serialized)
struct OperationsScanNowTests {
    /// A one-device inventory on loopback, as the scan tests build it.
    func loopbackInventory(_ box: Sandbox, service: Bool) throws {
        _ = box.run("init", "inv", "--agency-id", "p")
        var manifest = String(decoding: try box.read("inv/inventory.json"), as: UTF8.self)
        manifest = manifest.replacingOccurrences(of: "\"192.0.2.0/24\"", with: "\"127.0.0.0/8\"").replacingOccurrences(of: "\"2001:db8::/48\"\n", with: "\"::1/128\"\n")
        try box.write("inv/inventory.json", manifest)
        var agency = String(decoding: try box.read("inv/agencies/p.json"), as: UTF8.self)
        agency = agency.replacingOccurrences(of: "\"192.0.2.0/24\"", with: "\"127.0.0.0/24\"").replacingOccurrences(of: "\"2001:db8:0:1::/64\"", with: "\"::1/128\"")
        try box.write("inv/agencies/p.json", agency)
        #expect(box.run("inventory", "add", "device", "--inventory", "inv", "--agency", "p", "--id", "srv", "--name", "Máy chủ",
                        "--role", "server", "--vendor", "Dell", "--model", "R740", "--segment", "p-lan", "--ipv4", "127.0.0.1", "--ipv6", "::1").code == .success)
        if service {
            #expect(box.run("inventory", "add", "service", "--inventory", "inv", "--agency", "p", "--id", "web", "--name", "Cổng",
                            "--kind", "web", "--ports", "1", "--ipv4", "127.0.0.1", "--audience", "public", "--device", "srv").code == .success)
        }
    }

    @Test("scans first (the scan command's own code path), then checks the new scan",
          .enabled(if: rawSocketsAvailable.0, Comment(rawValue: rawSocketsAvailable.1)))
    func scanNow() throws {
        let box = try Sandbox()
        try loopbackInventory(box, service: false)
        try box.write("policy.json", "{\"schema\": 1, \"rules\": [{\"rule\": \"dual-stack-percent\", \"percent\": 100}, {\"rule\": \"no-ipv6-broken\"}]}\n")
        let run = try runV6ready(["check", "--inventory", "inv", "--policy", "policy.json", "--scan-now", "--timeout", "300", "--deadline", "60", "--json"],
                                 in: box.directory)
        #expect(run.status == 0, "\(run.err)")
        let scans = ScanHistory.scanNames(try FileSystem.listDirectory(box.path("reports/scans")))
        #expect(scans.count == 1)
        let json = try JSONParser.parse(run.out).value
        #expect(json["scans"] == .array([.string("reports/scans/" + scans[0])]))
        #expect(json["compliant"] == .bool(true))
        #expect(run.err.contains("Scan written to reports/scans/"))
        // A second run (a second later: scans are named by the second they start) compares with the first.
        Thread.sleep(forTimeInterval: 1.1)
        let again = try runV6ready(["check", "--inventory", "inv", "--policy", "policy.json", "--scan-now", "--timeout", "300"], in: box.directory)
        #expect(again.status == 0, "\(again.err)")
        #expect(again.out.contains("  PASS drift: 0 regressions since " + scans[0]))
    }

    @Test("3 when raw sockets are missing (capability dropped) and there is nothing else to probe",
          .enabled(if: currentUserIsRoot && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
                   "needs root and setpriv to drop CAP_NET_RAW from a child"))
    func noRawSockets() throws {
        let box = try Sandbox()
        try loopbackInventory(box, service: false)
        // Without CAP_NET_RAW the engine can only use unprivileged ping sockets, which ping_group_range may forbid.
        let range = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ping_group_range", encoding: .utf8)) ?? ""
        let bounds = range.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).compactMap { Int($0) }
        try #require(bounds.count == 2)
        let pingSocketsAllowed = bounds[0] <= 0 && 0 <= bounds[1]
        let run = try runProgram("/usr/bin/setpriv", ["--inh-caps=-all", "--bounding-set=-net_raw", try v6readyPath(),
                                                      "check", "--inventory", "inv", "--scan-now", "--timeout", "300"], in: box.directory)
        if pingSocketsAllowed {
            #expect(run.status != 3, "ping sockets are allowed here, so the scan runs without raw sockets: \(run.err)")
        } else {
            #expect(run.status == 3, "\(run.err)")
            #expect(run.err.contains("v6ready: "))
            #expect((try? FileSystem.listDirectory(box.path("reports/scans"))) ?? [] == [])
        }
    }
}
