import Foundation
import Testing
import V6TestSupport
import V6Core
import V6System

/// Probing loopback, through the real executable: what a user runs.
@Suite("CLI: probe on loopback", .serialized)
struct ProbeLoopbackTests {
    @Test("echo on both families, TCP open vs closed, JSON Lines with the contract's fields",
          .enabled(if: rawSocketsAvailable.0, Comment(rawValue: rawSocketsAvailable.1)))
    func loopbackStatuses() throws {
        // A listener on an ephemeral loopback port: the open port. The port after it is closed.
        let listener = try Socket(.ipv4, .stream)
        try listener.bind(to: .ipv4Loopback(port: 0))
        try listener.listen()
        defer { try? listener.close() }
        let open = Int(try listener.localAddress().port)
        let closed = open == 65535 ? open - 1 : open + 1
        let run = try runV6ready(["probe", "127.0.0.1", "::1", "--tcp", "\(open),\(closed)", "--json", "--timeout", "300"])
        #expect(run.status == 0, "\(run.err)")
        let results = try run.results()
        func find(_ address: String, _ method: ProbeMethod, _ port: Int? = nil) -> ProbeResult? {
            results.first { $0.address == IPAddress(address)! && $0.method == method && $0.port == port }
        }
        #expect(find("127.0.0.1", .icmp)?.status == .reachable)
        #expect(find("::1", .icmp)?.status == .reachable)
        #expect(find("127.0.0.1", .tcp, open)?.status == .reachable)
        #expect(find("127.0.0.1", .tcp, closed)?.status == .refused)
        #expect(find("::1", .tcp, closed)?.status == .refused)
        #expect(find("127.0.0.1", .icmp)?.rttMilliseconds ?? 99 < 50)
        let line = try #require(run.out.split(separator: "\n").first)
        let object = try JSONParser.parse(String(line)).value
        for field in ["target", "address", "family", "method", "status"] { #expect(object[field] != nil, "\(field)") }
    }

    @Test("a running probe has no effective capability left on any thread, workers included (/proc/PID/task/*/status)",
          .enabled(if: rawSocketsAvailable.0 && currentUserIsRoot, Comment(rawValue: "needs root: \(rawSocketsAvailable.1)")))
    func dropsCapabilities() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try v6readyPath())
        // 256 loopback addresses, ten packets each 200 ms apart, over three workers: the process lives about two
        // seconds with its worker threads busy, long enough to look at every thread.
        process.arguments = ["probe", "127.0.0.0/24", "--outside-scope", "--count", "10", "--interval", "200",
                             "--workers", "3", "--json"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() }; process.waitUntilExit() }
        // Capabilities are per thread. Once the main thread's CapEff is 0 (the probe's uid stays 0, no sudo),
        // every thread seen from then on — the worker threads above all — must have none either.
        let tasks = "/proc/\(process.processIdentifier)/task"
        func capEff(_ statusPath: String) -> String? {
            guard let status = try? String(contentsOfFile: statusPath, encoding: .utf8) else { return nil }
            return status.split(separator: "\n").first { $0.hasPrefix("CapEff:") }
                .map { String($0.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
        }
        var mainDropped = false
        var workersSeen: Set<String> = []
        var privilegedThreads: [String] = []
        for _ in 0..<60 where process.isRunning {
            Thread.sleep(forTimeInterval: 0.03)
            if !mainDropped { mainDropped = capEff("/proc/\(process.processIdentifier)/status") == "0000000000000000" }
            guard mainDropped else { continue }
            for task in (try? FileManager.default.contentsOfDirectory(atPath: tasks)) ?? [] {
                guard let name = try? String(contentsOfFile: "\(tasks)/\(task)/comm", encoding: .utf8)
                        .trimmingCharacters(in: .whitespacesAndNewlines),
                      let value = capEff("\(tasks)/\(task)/status") else { continue }
                if name.hasPrefix("v6ready probe") { workersSeen.insert(name) }
                if value != "0000000000000000" { privilegedThreads.append("\(name): \(value)") }
            }
        }
        #expect(mainDropped, "CapEff of the running probe never became 0")
        #expect(!workersSeen.isEmpty, "no worker thread was seen")
        #expect(privilegedThreads.isEmpty, "threads with capabilities: \(privilegedThreads)")
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test("targets outside the scope are refused with exit 2 and nothing is sent; bad targets name themselves")
    func scopeAndBadTargets() throws {
        let outside = try runV6ready(["probe", "198.51.100.7"], in: NSTemporaryDirectory())
        #expect(outside.status == 2)
        #expect(outside.err.contains("outside the inventory's scope"))
        let bad = try runV6ready(["probe", "2001:db8::zz", "192.0.2.300"], in: NSTemporaryDirectory())
        #expect(bad.status == 2)
        #expect(bad.err.contains("\"2001:db8::zz\" is not an IPv6 address"))
        #expect(bad.err.contains("\"192.0.2.300\" is not an IPv4 address"))
        let big = try runV6ready(["probe", "2001:db8::/64", "--outside-scope"], in: NSTemporaryDirectory())
        #expect(big.status == 2)
        #expect(big.err.contains("more than the limit of 65536"))
    }

    @Test("scan of a loopback inventory writes the scan file and its summary",
          .enabled(if: rawSocketsAvailable.0, Comment(rawValue: rawSocketsAvailable.1)))
    func scanWritesFiles() throws {
        let box = try Sandbox()
        _ = box.run("init", "inv", "--agency-id", "p")
        var manifest = String(decoding: try box.read("inv/inventory.json"), as: UTF8.self)
        manifest = manifest.replacingOccurrences(of: "\"192.0.2.0/24\"", with: "\"127.0.0.0/8\"").replacingOccurrences(of: "\"2001:db8::/48\"\n", with: "\"::1/128\"\n")
        try box.write("inv/inventory.json", manifest)
        var agency = String(decoding: try box.read("inv/agencies/p.json"), as: UTF8.self)
        agency = agency.replacingOccurrences(of: "\"192.0.2.0/24\"", with: "\"127.0.0.0/24\"").replacingOccurrences(of: "\"2001:db8:0:1::/64\"", with: "\"::1/128\"")
        try box.write("inv/agencies/p.json", agency)
        #expect(box.run("inventory", "add", "device", "--inventory", "inv", "--agency", "p", "--id", "srv", "--name", "Máy chủ",
                        "--role", "server", "--vendor", "Dell", "--model", "R740", "--segment", "p-lan", "--ipv4", "127.0.0.1", "--ipv6", "::1").code == .success)
        #expect(box.run("inventory", "add", "service", "--inventory", "inv", "--agency", "p", "--id", "web", "--name", "Cổng",
                        "--kind", "web", "--ports", "1", "--ipv4", "127.0.0.1", "--audience", "public", "--device", "srv").code == .success)
        let run = try runV6ready(["scan", "--inventory", "inv", "--timeout", "300"], in: box.directory)
        #expect(run.status == 0, "\(run.err)")
        let scans = try FileSystem.listDirectory(box.path("reports/scans")).filter { !$0.hasPrefix(".") }.sorted()
        #expect(scans.count == 2)
        let lines = String(decoding: try box.read("reports/scans/" + scans.first { $0.hasSuffix(".jsonl") }!), as: UTF8.self)
        let objects = try lines.split(separator: "\n").map { try JSONParser.parse(String($0)).value }
        // Probe lines have no "type"; the service verdict lines (docs/scan-format.md) come after them.
        let results = try objects.filter { $0["type"] == nil }.map { try #require(ProbeResult(json: $0)) }
        #expect(results.count == 3)
        #expect(objects.filter { $0["type"] == .string("service") }.map { $0["record"] } == [.string("web")])
        #expect(results.filter { $0.record == "srv" && $0.method == .icmp && $0.status == .reachable }.count == 2)
        #expect(results.first { $0.record == "web" }?.status == .refused)
        #expect(run.out.contains("Scan written to reports/scans/"))
    }
}
