import Foundation
import Testing
import V6TestSupport
@testable import V6CLI
import V6Core
import V6Lab
import V6System

/// `--vantage ipv6-only` through the real executable, from the IPv6-only client namespace of a lab with real TAYGA
/// NAT64 translators, Unbound DNS64 resolvers, NSD and nginx: every IPv6-only case, and an nftables counter in the
/// client proving that not one IPv4 packet left it.
@Suite("IPv6-only vantage through the executable", .serialized)
struct IPv6OnlyLabTests {
    static let gate: (Bool, String) = {
        if let missing = LabIPv6Only.missing { return (false, missing) }
        if !rawSocketsAvailable.0 { return (false, rawSocketsAvailable.1) }
        return (true, "")
    }()

    /// The JSON lines of a run, by type (`probe` for lines without one).
    static func lines(_ run: ExecutableRun) throws -> [(type: String, value: JSONValue)] {
        try run.out.split(separator: "\n").map { line in
            let value = try JSONParser.parse(String(line)).value
            return (value["type"]?.stringValue ?? "probe", value)
        }
    }

    static func service(_ lab: LabIPv6Only, _ site: String, kind: String = "web", resolver: IPAddress? = nil, in box: Sandbox) throws
        -> (nat64: JSONValue?, service: JSONValue?, run: ExecutableRun) {
        let name = kind == "web" ? lab.name(site) : site
        let run = try runV6ready(["probe", "--service", kind, name, "--netns", lab.namespace(.client),
                                  "--outside-scope", "--service-timeout", "2000", "--json"]
                                 + (resolver.map { ["--resolver", $0.description] } ?? []), in: box.directory)
        let parsed = try lines(run)
        return (parsed.first { $0.type == "nat64" }?.value, parsed.first { $0.type == "service" }?.value, run)
    }

    @Test("native, nat64 (well-known and network-specific prefix), DNS64 off, an IPv4 literal; IPv4 never sent",
          .enabled(if: gate.0))
    func everyCase() throws {
        if !Self.gate.0 { print("IPv6OnlyLabTests: skipping: \(Self.gate.1)") }
        try LabIPv6Only.with { lab in
            let box = try Sandbox()
            let before = try lab.clientPacketsSent()

            let native = try Self.service(lab, "native", in: box)
            #expect(native.run.status == 0, "\(native.run.out)\(native.run.err)")
            #expect(native.run.err.contains("has no IPv4 route: probing as an IPv6-only vantage"), "\(native.run.err)")
            #expect(native.service?["vantage"]?.stringValue == "ipv6-only")
            #expect(native.service?["ipv6_only"]?["verdict"]?.stringValue == "native", "\(native.run.out)")

            // The client's own resolver (resolv.conf): DNS64 with the network-specific prefix; through it the
            // IPv4-only service works, but only through the translator.
            let legacy = try Self.service(lab, "legacy", in: box)
            let specific = legacy.nat64?["dns64"]?.arrayValue?.first
            #expect(specific?["prefix"]?.stringValue == "2001:db8:64::/96" && specific?["kind"]?.stringValue == "network-specific"
                    && specific?["length"]?.doubleValue == 96, "\(legacy.run.out)")
            #expect(legacy.service?["ipv6_only"]?["verdict"]?.stringValue == "nat64", "\(legacy.run.out)")
            #expect(legacy.service?["ipv6_only"]?["work_item"]?.stringValue == "publish AAAA / move to IPv6")
            #expect(legacy.service?["addresses"]?.arrayValue?.contains(.string("2001:db8:64::cb00:7150")) == true, "\(legacy.run.out)")

            // DNS64 with the well-known prefix: found as such; its translator (rightly, RFC 6052 §3.1) refuses the
            // documentation-range IPv4 address, so the service is broken through it, the translated path failing.
            let wkp = try Self.service(lab, "legacy", resolver: lab.dns64Resolver, in: box)
            let wellKnown = wkp.nat64?["dns64"]?.arrayValue?.first
            #expect(wellKnown?["prefix"]?.stringValue == "64:ff9b::/96" && wellKnown?["kind"]?.stringValue == "well-known"
                    && wellKnown?["length"]?.doubleValue == 96, "\(wkp.run.out)")
            #expect(wkp.service?["addresses"]?.arrayValue?.contains(.string("64:ff9b::cb00:7150")) == true, "\(wkp.run.out)")
            #expect(wkp.service?["ipv6_only"]?["verdict"]?.stringValue == "broken", "\(wkp.run.out)")
            #expect(wkp.service?["ipv6_only"]?["reason"]?.stringValue?.contains("translated path") == true)

            let off = try Self.service(lab, "legacy", resolver: lab.plainResolver, in: box)
            #expect(off.service?["ipv6_only"]?["verdict"]?.stringValue == "broken", "\(off.run.out)")
            #expect(off.nat64?["findings"]?.arrayValue?.first?["code"]?.stringValue == "no-dns64", "\(off.run.out)")

            let literal = try Self.service(lab, "literal", in: box)
            #expect(literal.service?["ipv6_only"]?["verdict"]?.stringValue == "native", "\(literal.run.out)")
            #expect(literal.service?["ipv6_only"]?["problems"]?.arrayValue == [.string("ipv4-literal")], "\(literal.run.out)")

            // A mail exchanger with only an A record greets the IPv6-only client only through the translator.
            let mail = try Self.service(lab, lab.mailDomain, kind: "mail", in: box)
            #expect(mail.service?["ipv6_only"]?["verdict"]?.stringValue == "nat64", "\(mail.run.out)\(mail.run.err)")
            #expect(mail.service?["ipv6_only"]?["problems"]?.arrayValue == [.string("mx-ipv4-only")], "\(mail.run.out)")
            // The zone's second name server has no AAAA: the zone is not served over IPv6 alone.
            let zone = try Self.service(lab, LabIPv6Only.zone, kind: "dns", in: box)
            #expect(zone.service?["ipv6_only"]?["verdict"]?.stringValue == "native", "\(zone.run.out)\(zone.run.err)")
            #expect(zone.service?["ipv6_only"]?["problems"]?.arrayValue == [.string("ns-not-ipv6")], "\(zone.run.out)")
            #expect(zone.service?["ipv6_only"]?["evidence"]?.arrayValue?.contains { $0.stringValue?.contains("ns4.\(LabIPv6Only.zone)") == true } == true,
                    "\(zone.run.out)")

            // Plain probes: the IPv4 target gets a line saying it was not sent; the IPv6 one is probed.
            let probe = try runV6ready(["probe", "203.0.113.80", "2001:db8:7::81", "--tcp", "80", "--netns", lab.namespace(.client),
                                        "--outside-scope", "--json", "--timeout", "300", "--retries", "0"], in: box.directory)
            let results = try probe.results()
            #expect(results.allSatisfy { $0.vantage == .ipv6Only }, "\(probe.out)")
            #expect(results.filter { $0.family == .v4 }.allSatisfy { $0.status == .error && $0.detail == ScanVantage.ipv4NotSent && $0.sent == 0 })
            #expect(results.contains { $0.family == .v6 && $0.method == .tcp && $0.status == .reachable }, "\(probe.out)")

            // An IPv4 resolver on an IPv6-only vantage is a usage error that says why.
            let v4Resolver = try runV6ready(["probe", "--service", "web", lab.name("native"), "--netns", lab.namespace(.client),
                                             "--vantage", "ipv6-only", "--resolver", "203.0.113.1"], in: box.directory)
            #expect(v4Resolver.status == 2 && v4Resolver.err.contains("is IPv4: an IPv6-only vantage"), "\(v4Resolver.err)")

            let after = try lab.clientPacketsSent()
            #expect(after.ipv4 == before.ipv4, "IPv4 packets left the IPv6-only vantage: \(after.ipv4 - before.ipv4) to \(after.ipv4Destinations)")
            #expect(after.ipv6 > before.ipv6 + 10, "the counter sees the IPv6 traffic: \(after.ipv6 - before.ipv6)")
        }
    }

    @Test("scan from the IPv6-only namespace: PREF64 disagreeing with DNS64 is a finding; verdicts in the scan file",
          .enabled(if: gate.0))
    func scanWithPREF64() throws {
        try LabIPv6Only.with { lab in
            let box = try Sandbox()
            try box.write("inv/inventory.json", """
                {"schema": 1, "name": "Tỉnh Thử IPv6-only", "scope": {"ipv4": ["203.0.113.0/24"], "ipv6": ["2001:db8::/32"]}}
                """)
            try box.write("inv/agencies/p.json", """
                {"schema": 1, "agency": {"id": "p", "name": "Sở Thử nghiệm", "kind": "province"},
                 "sites": [], "segments": [], "devices": [],
                 "services": [
                   {"id": "p-native", "name": "Cổng native", "kind": "web", "hostname": "\(lab.name("native"))", "ports": [80],
                    "ipv4": ["203.0.113.81"], "ipv6": ["2001:db8:7::81"], "audience": "public"},
                   {"id": "p-legacy", "name": "Cổng cũ", "kind": "web", "hostname": "\(lab.name("legacy"))", "ports": [80],
                    "ipv4": ["203.0.113.80"], "ipv6": [], "audience": "public"}]}
                """)
            // The router announces the well-known prefix; DNS64 (the client's resolver) synthesizes with another.
            try lab.startPREF64Announcer(lab.wellKnown.prefix)
            let before = try lab.clientPacketsSent()
            let scan = try runV6ready(["scan", "--inventory", "inv", "--netns", lab.namespace(.client), "--lan", lab.clientInterface,
                                       "--listen", "2", "--timeout", "300", "--retries", "0", "--service-timeout", "2000", "--json"],
                                      in: box.directory, deadline: 180)
            #expect(scan.status == 0, "\(scan.out)\(scan.err)")
            let parsed = try Self.lines(scan)
            let nat64 = parsed.first { $0.type == "nat64" }?.value
            #expect(nat64?["findings"]?.arrayValue?.contains { $0["code"]?.stringValue == "pref64-dns64-mismatch" } == true, "\(scan.out)")
            #expect(nat64?["pref64"]?.arrayValue?.first?["prefix"]?.stringValue == "64:ff9b::/96", "\(scan.out)")
            #expect(nat64?["dns64"]?.arrayValue?.first?["prefix"]?.stringValue == "2001:db8:64::/96", "\(scan.out)")
            let verdicts = Dictionary(uniqueKeysWithValues: parsed.filter { $0.type == "service" }.compactMap { line in
                line.value["record"]?.stringValue.map { ($0, line.value["ipv6_only"]?["verdict"]?.stringValue ?? "") }
            })
            #expect(verdicts == ["p-native": "native", "p-legacy": "nat64"], "\(scan.out)")
            let refused = parsed.filter { $0.type == "probe" && $0.value["family"]?.doubleValue == 4 }
            #expect(!refused.isEmpty && refused.allSatisfy { $0.value["status"]?.stringValue == "error" })
            // The scan file reads back as an IPv6-only scan with its verdicts.
            let scans = try FileManager.default.contentsOfDirectory(atPath: box.path("reports/scans")).filter { $0.hasSuffix(".jsonl") }
            let data = try ScanData.parse(try box.read("reports/scans/" + scans[0]), name: scans[0]).get()
            #expect(data.vantage == .ipv6Only && data.ipv6OnlyVerdicts["p-legacy"]?.verdict == .nat64)
            let after = try lab.clientPacketsSent()
            #expect(after.ipv4 == before.ipv4, "IPv4 packets left the IPv6-only vantage during the scan: \(after.ipv4Destinations)")
        }
    }
}
