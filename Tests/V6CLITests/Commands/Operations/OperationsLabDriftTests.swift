import Foundation
import Testing
import V6TestSupport
@testable import V6CLI
import V6Core
import V6Lab
import V6System

/// Drift on a real network: a lab host serves HTTPS over both families, is scanned, then its IPv6 return path is
/// black-holed (what a wrong firewall or route change does) and it is scanned again.
@Suite("Operations: drift on the lab", .serialized)
struct OperationsLabDriftTests {
    static let gate: (Bool, String) = {
        let support = Lab.isSupported()
        if !support.supported {
            print("OperationsLabDriftTests: skipping the lab drift test: \(support.reason)")
            return (false, support.reason)
        }
        if !rawSocketsAvailable.0 {
            print("OperationsLabDriftTests: skipping the lab drift test: \(rawSocketsAvailable.1)")
            return (false, rawSocketsAvailable.1)
        }
        return (true, "")
    }()

    @Test("a service that loses IPv6 between two scans is the first regression drift and check report",
          .enabled(if: gate.0, Comment(rawValue: gate.1)))
    func serviceBreaksBetweenScans() throws {
        let v4 = IPAddress("192.0.2.10")!, v6 = IPAddress("2001:db8:10::10")!
        try Lab.with(LabSpec(hosts: [LabHost("web", addresses: [v4, v6], openTCPPorts: [443])])) { lab in
            let box = try Sandbox()
            _ = box.run("init", "inv", "--agency-id", "p")
            var manifest = String(decoding: try box.read("inv/inventory.json"), as: UTF8.self)
            manifest = manifest.replacingOccurrences(of: "\"2001:db8::/48\"\n", with: "\"2001:db8::/32\"\n")
            try box.write("inv/inventory.json", manifest)
            var agency = String(decoding: try box.read("inv/agencies/p.json"), as: UTF8.self)
            agency = agency.replacingOccurrences(of: "\"2001:db8:0:1::/64\"", with: "\"2001:db8:10::/64\"")
            try box.write("inv/agencies/p.json", agency)
            #expect(box.run("inventory", "add", "device", "--inventory", "inv", "--agency", "p", "--id", "web-srv", "--name", "Máy chủ web",
                            "--role", "server", "--vendor", "Dell", "--model", "R740", "--segment", "p-lan",
                            "--ipv4", v4.description, "--ipv6", v6.description).code == .success)
            #expect(box.run("inventory", "add", "service", "--inventory", "inv", "--agency", "p", "--id", "portal", "--name", "Cổng thông tin",
                            "--kind", "web", "--ports", "443", "--ipv4", v4.description, "--ipv6", v6.description,
                            "--audience", "public", "--device", "web-srv").code == .success)
            let scan = ["scan", "--inventory", "inv", "--netns", lab.scannerNamespace, "--timeout", "300", "--retries", "1"]
            let first = try runV6ready(scan, in: box.directory)
            #expect(first.status == 0, "\(first.err)")

            // The host's replies to the scanner over IPv6 now go nowhere.
            let scanner6 = try #require(lab.scannerAddress(.v6))
            let web = try #require(lab.namespace(of: "web"))
            let broke = try lab.run(in: web, .ip, ["-6", "route", "add", "blackhole", "\(scanner6)/128"])
            #expect(broke.succeeded, "\(broke.standardError)")
            Thread.sleep(forTimeInterval: 1.1)  // scans are named by the second they start
            let second = try runV6ready(scan, in: box.directory)
            #expect(second.status == 0, "\(second.err)")

            let drift = box.run("drift", "--inventory", "inv")
            #expect(drift.code == .findings, "\(drift.out)\(drift.err)")
            let lines = drift.out.split(separator: "\n").map(String.init)
            #expect(lines.count > 2 && lines[1] == "  REGRESSION: service portal lost IPv6: no port answers over IPv6 any more (IPv4 still works)")
            #expect(lines.contains("      tcp [2001:db8:10::10]:443: reachable → timeout"))
            #expect(lines.contains("  REGRESSION: web-srv stopped answering over IPv6 (still answers over IPv4)"))
            #expect(lines.last == "  2 regressions, 0 new hosts")

            let check = box.run("check", "--inventory", "inv", "--date", "2022-06-30")
            #expect(check.code == .findings)
            #expect(check.out.contains("  FAIL drift: 2 regressions since "))
        }
    }
}
