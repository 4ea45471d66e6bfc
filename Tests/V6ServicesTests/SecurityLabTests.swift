import Foundation
import Testing
import V6TestSupport
import V6Core
import V6Lab
import V6System
@testable import V6Services

/// Issue 19 through the real executable, from the lab's scanner namespace: every parity finding (nftables dropping
/// a port on one family only) and every TLS finding (nginx with certificates made by openssl in the test).
@Suite("Security: parity and TLS in the lab", .serialized, .enabled(if: SecurityLabGate.available))
struct SecurityLabTests {
    static func lines(_ run: ExecutableRun, type: String) throws -> [JSONValue] {
        try run.out.split(separator: "\n").map { try JSONParser.parse(String($0)).value }.filter { $0["type"]?.stringValue == type }
    }

    static func codes(_ tls: JSONValue?) -> [String] {
        (tls?["findings"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }
    }

    @Test("probe --parity ADDR4,ADDR6: ipv6-exposed (IPv4 drops 22), ipv6-blocked (IPv6 drops 8080), same 443; ICMPv6 echo passes")
    func parityFindings() throws {
        try SecurityLab.with { lab in
            try lab.dropSSHOverIPv4()
            let run = try runV6ready(["probe", "--parity", SecurityLab.pair(84), "--tcp", "22,443,8080", "--netns", lab.lab.scannerNamespace,
                                      "--outside-scope", "--service-timeout", "1000", "--json"])
            #expect(run.status == 1, "findings exit 1: \(run.err)")
            let parity = try Self.lines(run, type: "parity")
            #expect(parity.map { $0["port"]?.doubleValue } == [22, 8080], "\(run.out)")
            #expect(parity.first?["finding"]?.stringValue == "ipv6-exposed")
            #expect(parity.first?["v4"]?.stringValue == "filtered")
            #expect(parity.first?["v6"]?.stringValue == "open")
            #expect(parity.last?["finding"]?.stringValue == "ipv6-blocked")
            #expect(parity.last?["v6"]?.stringValue == "filtered")
            let icmp = try #require(try Self.lines(run, type: "icmpv6").first, "\(run.out)")
            #expect(icmp["echo"]?.stringValue == "passed")
            #expect(icmp["findings"]?.arrayValue == [])

            // Text: one line per finding, and the count.
            let text = try runV6ready(["probe", "--parity", SecurityLab.pair(84), "--tcp", "22,443,8080", "--netns", lab.lab.scannerNamespace,
                                       "--outside-scope", "--service-timeout", "1000"])
            #expect(text.out.contains("ipv6-exposed  \(SecurityLab.pair(84))  port 22 is open over IPv6 (2001:db8:84::84) but filtered over IPv4 (203.0.113.84)"), "\(text.out)")
            #expect(text.out.contains("security: 2 parity differences, 2 findings"), "\(text.out)")
        }
    }

    @Test("probe --parity on 443: the same certificate passes; another on the IPv6 listener, expired, TLS 1.3 only, fails only over IPv6")
    func tlsFindings() throws {
        try SecurityLab.with { lab in
            func tls(_ n: Int) throws -> (ExecutableRun, JSONValue?) {
                let run = try runV6ready(["probe", "--parity", SecurityLab.pair(n), "--tcp", "443", "--netns", lab.lab.scannerNamespace,
                                          "--outside-scope", "--service-timeout", "1500", "--json"])
                return (run, try Self.lines(run, type: "tls").first)
            }
            let (good, goodLine) = try tls(86)
            #expect(good.status == 0, "\(good.out) \(good.err)")
            #expect(Self.codes(goodLine) == [], "\(good.out)")
            let address = goodLine?["addresses"]?.arrayValue?.first
            #expect(address?["version"]?.stringValue == "TLS 1.3", "\(good.out)")
            #expect(address?["tls12"]?["version"]?.stringValue == "TLS 1.2", "the 1.2-only hello shows the certificate")
            let goodDER = try #require(try lab.good?.der())
            #expect(address?["certificate"]?["sha256"]?.stringValue == CertificateFingerprint.sha256Hex(goodDER))
            #expect(address?["certificate"]?["names"]?.arrayValue == [.string("portal.vidu.example")])

            let (diff, diffLine) = try tls(87)
            #expect(diff.status == 1)
            #expect(Self.codes(diffLine) == ["certificate-differs"], "\(diff.out)")
            let otherDER = try #require(try lab.other?.der())
            let message = diffLine?["findings"]?.arrayValue?.first?["message"]?.stringValue ?? ""
            #expect(message.contains("2001:db8:86::87 " + CertificateFingerprint.sha256Hex(otherDER).prefix(16)), "\(message)")
            #expect(message.hasPrefix("different certificates per family"), "\(message)")

            let (_, expiredLine) = try tls(88)
            #expect(Self.codes(expiredLine) == ["certificate-expired"], "one certificate, one finding")

            let (only13, only13Line) = try tls(89)
            #expect(only13.status == 0, "a note, not a fault: \(only13.out)")
            #expect(Self.codes(only13Line) == ["certificate-not-compared", "certificate-not-compared"], "\(only13.out)")
            #expect(only13Line?["addresses"]?.arrayValue?.first?["tls12"]?["status"]?.stringValue == "alert", "\(only13.out)")

            let (v6fail, v6failLine) = try tls(91)
            #expect(v6fail.status == 1)
            #expect(Self.codes(v6failLine) == ["tls-ipv6-fails"], "\(v6fail.out)")
            #expect(v6failLine?["findings"]?.arrayValue?.first?["message"]?.stringValue?.contains("not TLS: the server answered in text") == true,
                    "\(v6fail.out)")
        }
    }

    @Test("scan: tls lines join the web verdict (name not covered: yellow), management only over IPv4, drift's first regression is the new exposure, check fails no-ipv6-exposure, the plan lists it under Security")
    func scanDriftCheck() throws {
        try SecurityLab.with { lab in
            let directory = try FileSystem.makeTemporaryDirectory(prefix: "v6ready-security")
            defer { try? FileSystem.removeRecursively(directory) }
            try SecurityLab.writeInventory(to: directory + "/inv")
            try AtomicFile.write(Array("{\"schema\": 1, \"rules\": [{\"rule\": \"no-ipv6-exposure\"}]}".utf8), to: directory + "/policy.json")
            let scan = ["scan", "--inventory", "inv", "--netns", lab.lab.scannerNamespace, "--timeout", "300", "--retries", "0",
                        "--no-dns", "--service-timeout", "1000", "--parity-ports", "22,443,8080", "--json"]
            let first = try runV6ready(scan, in: directory)
            #expect(first.status == 0, "\(first.err)")
            let services = try Self.lines(first, type: "service")
            let wrong = try #require(services.first(where: { $0["record"]?.stringValue == "cong-sai-ten" }).flatMap { ServiceReport(json: $0) }, "\(first.out)")
            #expect(wrong.verdict == .yellow, "\(wrong.summary)")
            #expect(wrong.failedChecks == ["tls-name"], "\(wrong.summary)")
            let right = try #require(services.first(where: { $0["record"]?.stringValue == "cong-tot" }).flatMap { ServiceReport(json: $0) })
            #expect(right.verdict == .green, "\(right.summary)")
            #expect(right.check("tls-same-certificate")?.result == .pass, "\(right.summary)")
            #expect(Self.codes(try Self.lines(first, type: "tls").first { $0["record"]?.stringValue == "cong-sai-ten" }) == ["name-not-covered"])
            let management = try Self.lines(first, type: "management")
            let admin = try #require(management.first { $0["record"]?.stringValue == "quan-tri" }, "\(first.out)")
            #expect(admin["ipv4"] == .bool(true) && admin["ipv6"] == .bool(false), "\(admin)")
            let fw = try #require(management.first { $0["record"]?.stringValue == "tuong-lua" })
            #expect(fw["ipv6"] == .bool(true), "\(fw)")
            #expect(try Self.lines(first, type: "parity").map { $0["finding"]?.stringValue ?? "" }.sorted()
                    == ["ipv6-blocked", "ipv6-blocked", "ipv6-blocked", "ipv6-blocked"], "8080 on both, 22 and 443 on quan-tri: \(first.out)")
            let clean = try runV6ready(["check", "--inventory", "inv", "--policy", "policy.json"], in: directory)
            #expect(clean.out.contains("PASS no-ipv6-exposure"), "\(clean.out)")

            try lab.dropSSHOverIPv4()
            Thread.sleep(forTimeInterval: 1.1)  // scans are named by the second they start
            let second = try runV6ready(scan, in: directory)
            #expect(second.status == 0, "\(second.err)")
            let drift = try runV6ready(["drift", "--inventory", "inv"], in: directory)
            #expect(drift.status == 1, "\(drift.out)\(drift.err)")
            let lines = drift.out.split(separator: "\n").map(String.init)
            #expect(lines.count > 1 && lines[1].hasPrefix("  REGRESSION: new IPv6 exposure of tuong-lua: port 22 is open over IPv6 (2001:db8:84::84) but filtered over IPv4"),
                    "\(drift.out)")
            let check = try runV6ready(["check", "--inventory", "inv", "--policy", "policy.json"], in: directory)
            #expect(check.status == 1)
            #expect(check.out.contains("FAIL no-ipv6-exposure: 1 port answers over IPv6 while IPv4 filters or refuses it"), "\(check.out)")

            let assess = try runV6ready(["assess", "--inventory", "inv", "--json"], in: directory)
            #expect(assess.out.contains("\"managed_only_over_ipv4\":true") || assess.out.contains("\"managed_only_over_ipv4\": true"), "\(assess.out.prefix(2000))")
            let plan = try runV6ready(["plan", "--inventory", "inv", "--output", "out"], in: directory)
            #expect(plan.status == 0, "\(plan.err)")
            let markdown = (try? String(contentsOfFile: directory + "/out/plan.md", encoding: .utf8)) ?? ""
            #expect(markdown.contains("## Security"), "\(markdown.prefix(500))")
            #expect(markdown.contains("| tuong-lua | ipv6-exposed |"), "\(markdown)")
            #expect(markdown.contains("| quan-tri | managed-only-over-ipv4 |"))
            #expect(markdown.contains("| cong-sai-ten | name-not-covered |"))
        }
    }
}
