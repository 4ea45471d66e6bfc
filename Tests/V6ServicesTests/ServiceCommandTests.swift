import Foundation
import Testing
import V6TestSupport
import V6Core
import V6Lab
import V6System
@testable import V6Services

/// `probe --service` and `scan` through the real executable, from inside the lab's scanner namespace, with the lab's
/// name server as `--resolver`: nothing reaches a real resolver.
@Suite("Services: commands in the lab", .serialized, .enabled(if: ServiceLabGate.available))
struct ServiceCommandTests {
    @Test("probe --service web|mail|dns NAME --json: one service line each, with the verdict and its sub-checks")
    func probeService() throws {
        try ServiceLab.with([.web, .mail]) { lab in
            let common = ["--netns", lab.lab.scannerNamespace, "--resolver", "[2001:db8:53::53]:53", "--outside-scope",
                          "--service-timeout", "1000", "--json"]
            let web = try runV6ready(["probe", "--service", "web", "web.vidu.example", "old.vidu.example"] + common)
            #expect(web.status == 0, "\(web.err)")
            let reports = try web.serviceReports()
            #expect(reports.map(\.verdict) == [.green, .red], "\(web.out)")
            #expect(reports.first?.checks.map(\.name) == ["aaaa", "tcp-80-v6", "tcp-443-v6", "same-page", "pmtu-v6", "happy-eyeballs"])
            #expect(reports.first?.record == nil)
            #expect(reports.first?.addresses == [IPAddress("203.0.113.80")!, IPAddress("2001:db8:80::80")!])

            let mail = try runV6ready(["probe", "--service", "mail", "partial.vidu.example"] + common)
            #expect(try mail.serviceReports().map(\.verdict) == [.yellow], "\(mail.out)")
            let dns = try runV6ready(["probe", "--service", "dns", "vidu.example"] + common)
            #expect(try dns.serviceReports().map(\.verdict) == [.green], "\(dns.out)")

            // Text output: the verdict line, then each sub-check.
            let text = try runV6ready(["probe", "--service", "web", "diff.vidu.example"] + common.dropLast())
            #expect(text.out.hasPrefix("diff.vidu.example (web): yellow — IPv6 published but not working: same-page 2001:db8:80::81"), "\(text.out)")
            #expect(text.out.contains("\n  fail          same-page"), "\(text.out)")
            // --fail-unreachable: a service that is not green is a finding.
            #expect(try runV6ready(["probe", "--service", "web", "diff.vidu.example", "--fail-unreachable"] + common).status == 1)
        }
    }

    @Test("probe --service without --outside-scope probes nothing outside the inventory's scope: gray, and it says why")
    func scopeIsKept() throws {
        try ServiceLab.with([.web]) { lab in
            let directory = try FileSystem.makeTemporaryDirectory(prefix: "v6ready-svc-scope")
            defer { try? FileSystem.removeRecursively(directory) }
            let run = try runV6ready(["probe", "--service", "web", "web.vidu.example", "--netns", lab.lab.scannerNamespace,
                                      "--resolver", "2001:db8:53::53", "--json"], in: directory)
            let report = try #require(try run.serviceReports().first, "\(run.out) \(run.err)")
            #expect(report.verdict == .gray, "\(report.summary)")
            #expect(report.check("tcp-443-v6")?.explanation.hasPrefix("outside the inventory's scope") == true)
        }
    }

    @Test("scan: after the probe lines, one service line per inventory service with its verdict; the text lists them by colour")
    func scan() throws {
        try ServiceLab.with([.web, .mail]) { lab in
            let directory = try FileSystem.makeTemporaryDirectory(prefix: "v6ready-svc-scan")
            defer { try? FileSystem.removeRecursively(directory) }
            try ServiceInventory.write(to: directory + "/inv")
            let run = try runV6ready(["scan", "--inventory", "inv", "--netns", lab.lab.scannerNamespace, "--timeout", "300",
                                      "--resolver", "2001:db8:53::53", "--service-timeout", "1000"], in: directory)
            #expect(run.status == 0, "\(run.err)")
            let name = try #require(try FileSystem.listDirectory(directory + "/reports/scans").first { $0.hasSuffix(".jsonl") })
            let lines = String(decoding: try FileSystem.readFile(directory + "/reports/scans/" + name), as: UTF8.self)
                .split(separator: "\n").map(String.init)
            let values = try lines.map { try JSONParser.parse($0).value }
            let firstService = try #require(values.firstIndex { $0["type"] != nil })
            #expect(values[..<firstService].allSatisfy { ProbeResult(json: $0) != nil }, "probe lines come first")
            // Then service lines, each possibly followed by the security audit's lines (issue 19).
            let afterProbes = Set(values[firstService...].compactMap { $0["type"]?.stringValue })
            #expect(afterProbes.contains("service"))
            #expect(afterProbes.isSubset(of: ["service", "tls", "parity", "icmpv6", "management", "nat64"]), "\(afterProbes)")
            let reports = values[firstService...].compactMap(ServiceReport.init(json:))
            var verdicts: [String: ServiceColour] = [:]
            for report in reports { verdicts[report.record ?? ""] = report.verdict }
            #expect(verdicts == ServiceInventory.expected, "\(reports.map(\.summary))")
            #expect(reports.first { $0.record == "hop-thu" }?.mode == .mailDomain)
            #expect(reports.first { $0.record == "ung-dung" }?.checks.map(\.name) == ["ipv6-address", "tcp-80-v6", "tcp-80-v4", "pmtu-v6", "happy-eyeballs"])
            // The assessment reads the verdicts back from the same file.
            let scan = try ScanData.parse(Array(lines.joined(separator: "\n").utf8), name: name).get()
            #expect(scan.serviceVerdicts["cong"]?.verdict == .green)
            #expect(run.out.contains("Services over IPv6: 2 red, 1 yellow, 0 gray, 4 green"), "\(run.out)")
            #expect(run.out.contains("red      cu"), "\(run.out)")
        }
    }
}

/// Command-line mistakes are refused before anything is sent.
@Suite("Services: command usage")
struct ServiceCommandUsageTests {
    @Test("usage errors: an unknown kind, an address instead of a name, --no-dns with --resolver")
    func usage() throws {
        let directory = try FileSystem.makeTemporaryDirectory(prefix: "v6ready-svc-usage")
        defer { try? FileSystem.removeRecursively(directory) }
        let kind = try runV6ready(["probe", "--service", "ftp", "vidu.example"], in: directory)
        #expect(kind.status == 2)
        #expect(kind.err.contains("--service takes web, mail, dns or tcp, not 'ftp'"), "\(kind.err)")
        let address = try runV6ready(["probe", "--service", "web", "2001:db8::1"], in: directory)
        #expect(address.status == 2)
        let both = try runV6ready(["probe", "--service", "web", "vidu.example", "--no-dns", "--resolver", "::1"], in: directory)
        #expect(both.status == 2)
        let resolver = try runV6ready(["probe", "--service", "web", "vidu.example", "--resolver", "ns1.vidu.example"], in: directory)
        #expect(resolver.status == 2)
        #expect(resolver.err.contains("is not a resolver address"), "\(resolver.err)")
    }
}

/// A small inventory whose services are the lab's names.
enum ServiceInventory {
    static let expected: [String: ServiceColour] = [
        "cong": .green, "khac": .yellow, "cu": .red, "hop-thu": .green, "ten-mien": .green, "ung-dung": .green,
        "ung-dung-cu": .red,
    ]

    static func write(to path: String) throws {
        try FileSystem.createDirectory(path + "/agencies", recursive: true)
        try AtomicFile.write(Array("""
            {
              "schema": 1,
              "name": "Lab",
              "scope": { "ipv4": ["203.0.113.0/24"], "ipv6": ["2001:db8::/32"] },
              "ipv6_allocation": "2001:db8::/32"
            }

            """.utf8), to: path + "/inventory.json")
        func service(_ id: String, _ kind: String, _ hostname: String?, _ ports: [Int], _ v4: [String] = [], _ v6: [String] = []) -> String {
            let name = hostname.map { "\"hostname\": \"\($0)\", " } ?? ""
            let quoted = { (list: [String]) in list.map { "\"\($0)\"" }.joined(separator: ", ") }
            return "{ \"id\": \"\(id)\", \"name\": \"\(id)\", \"kind\": \"\(kind)\", \(name)\"ports\": [\(ports.map(String.init).joined(separator: ", "))], "
                + "\"ipv4\": [\(quoted(v4))], \"ipv6\": [\(quoted(v6))], \"audience\": \"public\", \"device\": \"may-chu\" }"
        }
        let services = [
            service("cong", "web", "web.vidu.example", [80, 443], ["203.0.113.80"], ["2001:db8:80::80"]),
            service("khac", "public-service-portal", "diff.vidu.example", [80, 443], ["203.0.113.81"], ["2001:db8:80::81"]),
            service("cu", "web", "old.vidu.example", [80, 443], ["203.0.113.82"]),
            service("hop-thu", "mail", "mail.vidu.example", [25]),
            service("ten-mien", "dns", "vidu.example", [53]),
            service("ung-dung", "app", nil, [80], ["203.0.113.80"], ["2001:db8:80::80"]),
            service("ung-dung-cu", "app", nil, [80], ["203.0.113.82"]),
        ]
        try AtomicFile.write(Array("""
            {
              "schema": 1,
              "agency": { "id": "so", "name": "Sở", "kind": "department" },
              "sites": [{ "id": "so-hq", "name": "Trụ sở" }],
              "segments": [{ "id": "so-dmz", "name": "DMZ", "site": "so-hq", "kind": "dmz",
                             "ipv4": ["203.0.113.0/24"], "ipv6": ["2001:db8::/32"] }],
              "devices": [{ "id": "may-chu", "name": "Máy chủ", "role": "server", "vendor": "Dell", "model": "R740",
                            "segment": "so-dmz", "ipv4": ["203.0.113.80"], "ipv6": ["2001:db8:80::80"] }],
              "services": [
                \(services.joined(separator: ",\n    "))
              ]
            }

            """.utf8), to: path + "/agencies/so.json")
    }
}

extension ExecutableRun {
    /// The service verdict lines on stdout.
    func serviceReports() throws -> [ServiceReport] {
        try out.split(separator: "\n").map { line in
            guard let report = ServiceReport(json: try JSONParser.parse(String(line)).value) else {
                throw ExecutableRunError("not a service line: \(line)")
            }
            return report
        }
    }
}
