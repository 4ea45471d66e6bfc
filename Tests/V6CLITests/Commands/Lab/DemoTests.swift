import Foundation
import Testing
import V6TestSupport
import V6Core
import V6Lab
import V6System

@Suite("CLI: demo", .serialized)
struct DemoTests {
    /// A copy of what the demo needs from the repository: the example inventory and the recorded scan.
    private func repositoryCopy() throws -> Sandbox {
        let box = try Sandbox()
        try box.copyExample(to: "inventories/example")
        let recorded = Sandbox.repositoryRoot + "/examples/recorded-scan"
        try FileSystem.createDirectory(box.path("examples/recorded-scan"), recursive: true)
        for name in try FileSystem.listDirectory(recorded) {
            try AtomicFile.write(try FileSystem.readFile(recorded + "/" + name), to: box.path("examples/recorded-scan/" + name))
        }
        return box
    }

    @Test("without the lab, the demo renders the plan from the recorded scan")
    func recorded() throws {
        let box = try repositoryCopy()
        let run = box.run("demo", "--recorded", "--lang", "en")
        #expect(run.code == .success, "\(run.err)")
        #expect(run.out.contains("recorded scan"))
        for name in ["plan.md", "plan.html", "plan.csv", "scores.csv", "plan.json"] {
            #expect(FileSystem.isRegularFile(box.path("reports/demo/" + name)), "\(name)")
        }
        let html = String(decoding: try box.read("reports/demo/plan.html"), as: UTF8.self)
        #expect(html.contains("<svg"))
    }

    @Test("the demo plans under the program in force on its day and says how 2022–2025 closed")
    func programOfToday() throws {
        let box = try repositoryCopy()
        let run = box.run("demo", "--recorded", "--lang", "en", "--date", "2026-12-03")
        #expect(run.code == .success, "\(run.err)")
        #expect(run.out.contains("planning under ipv6-only-2026-2030, the program in force on 2026-12-03"))
        #expect(run.out.contains("How ipv6-for-gov-2022-2025 ended (closed 2025-12-31): ") && run.out.contains("missed by "))
        #expect(run.out.contains("Live program ipv6-only-2026-2030: ") && run.out.contains("items carried over, scheduled 2026-Q4 – "))
        let plan = try JSONParser.parse(box.read("reports/demo/plan.json")).value
        #expect(plan["program"]?.stringValue == "ipv6-only-2026-2030")
        #expect(plan["close_out"]?["program"]?.stringValue == "ipv6-for-gov-2022-2025")
        let then = box.run("demo", "--recorded", "--lang", "en", "--date", "2024-06-30", "-o", "then")
        #expect(then.code == .success && then.out.contains("planning under ipv6-for-gov-2022-2025") && !then.out.contains("ended (closed"))
    }

    @Test("outside the repository the demo says where to run it")
    func outsideRepository() throws {
        let box = try Sandbox()
        let run = box.run("demo")
        #expect(run.code == .environment)
        #expect(run.err.contains("run it from the v6ready repository folder"))
    }

    static let liveSkipReason: String? = {
        let support = Lab.isSupported()
        if !currentUserIsRoot || !support.supported { return "needs root and network namespaces: \(support.reason)" }
        return InventoryLab.missing
    }()

    @Test("as root: the lab states its cases, the scan finds each as intended and nothing else; the lab is gone afterwards",
          .enabled(if: liveSkipReason == nil, Comment(rawValue: liveSkipReason ?? "")))
    func live() throws {
        let box = try repositoryCopy()
        let run = try runV6ready(["demo", "--lang", "vi"], in: box.directory, deadline: 300)
        #expect(run.status == 0, "\(run.out)\n\(run.err)")
        #expect(run.out.contains("the lab is removed"))
        #expect(run.out.contains("Sẵn sàng IPv6"))

        // The intent comes before the scan, the intended/found table after it.
        let lines = run.out.split(separator: "\n").map(String.init)
        let statement = try #require(lines.firstIndex { $0.contains("Broken on purpose: 10 cases, each must be found as intended:") })
        let scanning = try #require(lines.firstIndex { $0.hasPrefix("2/4  Scanning") })
        let table = try #require(lines.firstIndex { $0.contains("CASE") && $0.contains("INTENDED") && $0.contains("FOUND") })
        #expect(statement < scanning && scanning < table)
        // The cases are the library's choice (pinned by its own tests); each has its row, found as intended.
        let cases = LabSpec.fromInventory(try exampleInventory()).cases
        #expect(cases.count == 10)
        let rows = lines[(table + 1)...].prefix(cases.count)
        for chosen in cases {
            let row = try #require(rows.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(chosen.label + " ") }, "\(chosen.label)")
            if let verdict = chosen.verdict, let expected = chosen.check {
                let check = "\(expected.name) \(expected.result == .fail ? "fails" : expected.result.rawValue)"
                #expect(row.components(separatedBy: "\(verdict): " + check).count == 3, "intended and found: \(row)")
            }
            if let finding = chosen.finding {
                #expect(row.components(separatedBy: "finding \(finding.code)").count == 3, "intended and found: \(row)")
            }
            #expect(row.hasSuffix("yes"), "\(row)")
        }
        #expect(lines.contains("     10 of 10 cases found as intended, 0 findings not intended"), "\(run.out)")
        // The second scan, from the IPv6-only client behind TAYGA and Unbound: every service gets its verdict.
        let tally = try #require(lines.first { $0.hasPrefix("     From IPv6 only: ") }, "\(run.out)")
        #expect(tally.contains(" native, ") && tally.contains(" nat64, ") && tally.contains("(69 services)"), "\(tally)")
        #expect(lines.contains("     10 of 10 cases found as intended, 0 findings not intended (both scans)"), "\(run.out)")
        #expect(run.err.contains("Merged 2 scans"), "the plan reads both scans: \(run.err)")
        #expect(!run.out.contains("not intended: "), "\(run.out)")

        // The scan really happened, with the lab's servers: six yellow services, all of them cases.
        let scans = try FileSystem.listDirectory(box.path("reports/demo/scans")).filter { $0.hasSuffix(".jsonl") }.sorted()
        #expect(scans.count == 2)
        let text = try String(decoding: box.read("reports/demo/scans/" + scans[0]), as: UTF8.self)
        let values = try text.split(separator: "\n").map { try JSONParser.parse(String($0)).value }
        let ipv6OnlyText = try String(decoding: box.read("reports/demo/scans/" + scans[1]), as: UTF8.self)
        let ipv6Only = try ipv6OnlyText.split(separator: "\n").map { try JSONParser.parse(String($0)).value }
        // Nothing of the IPv6-only scan went over IPv4; its NAT64 prefix is the lab's network-specific one.
        let overIPv4 = ipv6Only.filter { $0["family"]?.integer(in: 0...6) == 4 }
        #expect(!overIPv4.isEmpty && overIPv4.allSatisfy { $0["sent"]?.integer(in: 0...Int.max) == 0 }, "IPv4 targets are recorded as not sent")
        #expect(ipv6Only.contains { $0["type"]?.stringValue == "nat64" && ipv6OnlyText.contains("\"kind\":\"network-specific\"") })
        let ipv6OnlyServices = ipv6Only.filter { $0["type"]?.stringValue == "service" }
        #expect(ipv6OnlyServices.count == 69 && ipv6OnlyServices.allSatisfy { $0["vantage"]?.stringValue == "ipv6-only" })
        let verdicts = Dictionary(uniqueKeysWithValues: ipv6OnlyServices.compactMap { line in
            line["record"]?.stringValue.map { ($0, line["ipv6_only"]?["verdict"]?.stringValue ?? "none") }
        })
        #expect(verdicts["so-tttt-cong-ttdt"] == "native" && verdicts["so-yt-hssk"] == "nat64", "\(verdicts)")
        #expect(verdicts["so-tttt-khodulieu"] == "broken", "the admin-prohibited case is broken from IPv6 only too")
        let results = values.compactMap(ProbeResult.init(json:))
        #expect(results.contains { $0.family == .v6 && $0.status == .reachable })
        #expect(results.contains { $0.family == .v4 && $0.status == .reachable })
        let yellow = values.filter { $0["type"]?.stringValue == "service" && $0["verdict"]?.stringValue == "yellow" }
            .compactMap { $0["record"]?.stringValue }.sorted()
        #expect(yellow == cases.filter { $0.verdict == .yellow }.map(\.service).sorted())
        #expect(yellow.count == 8)
        // Every other signed name validated from the lab's trust anchor; TLS spoke on every portal's 443.
        let dnssec = values.compactMap { $0["dnssec"]?["status"]?.stringValue }
        #expect(dnssec.filter { $0 == "bogus" }.count == 1 && dnssec.filter { $0 == "secure" }.count >= 20, "\(dnssec)")
        #expect(values.filter { $0["type"]?.stringValue == "tls" }.count >= 20)

        // The reports list the three security cases under their own heading.
        let plan = try String(decoding: box.read("reports/demo/plan.md"), as: UTF8.self)
        let security = try #require(plan.range(of: "## An toàn thông tin"))
        let section = plan[security.upperBound...].prefix { $0 != "#" }
        for finding in cases.compactMap(\.finding) {
            #expect(section.contains("| \(finding.record) | \(finding.code) |"), "\(finding) under security")
        }

        // This machine's resolver is never asked, nor named: the scanner had the lab's own.
        let machine = (try? FileSystem.readFile("/etc/resolv.conf")).map { ResolverConfiguration.parse(resolvConf: String(decoding: $0, as: UTF8.self)) }
        for server in machine?.servers ?? [] {
            for output in [run.out, run.err, text] { #expect(!output.contains(server.address.description), "\(server) mentioned") }
        }
        #expect(!text.contains("lookup failed"))

        // No namespace of that lab is left, nor its scanner's resolver file.
        let namespace = try #require(run.out.split(whereSeparator: { $0 == " " || $0 == "\n" }).first { $0.hasPrefix("v6r-") && $0.hasSuffix("-scanner…") })
        let prefix = String(namespace.prefix(10))
        let left = try FileSystem.listDirectory("/run/netns").filter { $0.hasPrefix(prefix) }
        #expect(left.isEmpty, "left behind: \(left)")
        #expect(!FileSystem.exists("/etc/netns/" + namespace.dropLast()), "the scanner's /etc/netns folder is removed")
    }
}
