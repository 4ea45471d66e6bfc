import Testing
@testable import V6Core

@Suite("Operations: LAN lines in scans, drift, policy rules, assessment and plan")
struct OperationsLANTests {
    typealias E = LANEvaluatorTests

    /// A verdict on segment `a-lan` of ReadinessFixture: green, or with a rogue RA, or without DNS.
    static func verdict(_ kind: String) -> LANVerdict {
        var observation = E.observation([E.good], servers: [E.dnsmasq("radvd-full.pcap")])
        var context = E.context()
        switch kind {
        case "rogue":
            var rogue = E.advertisement("radvd-full.pcap")
            rogue.sourceLinkLayerAddress = E.rogueMAC
            observation.routerAdvertisements.append(ObservedRouterAdvertisement(source: IPv6Address("fe80::66")!, advertisement: rogue))
        case "no-dns":
            observation = E.observation([ObservedRouterAdvertisement(source: E.routerLinkLocal, advertisement: {
                var ra = E.advertisement("radvd-full.pcap")
                ra.dnsServers = []; ra.managed = false; ra.otherConfiguration = false
                return ra
            }())])
            context.segment?.addressAssignment = .slaac
            context.segment?.dhcpv6 = false
        default:
            break
        }
        var verdict = LANEvaluator.evaluate(observation, context: context)
        verdict.segment = "a-lan"
        return verdict
    }

    static func scan(_ lan: LANVerdict?, name: String) throws -> ScanData {
        let lines = ReadinessFixture.scanLines + (lan.map { [$0.jsonLine] } ?? [])
        return try ScanData.parse(Array((lines.joined(separator: "\n") + "\n").utf8), name: name).get()
    }

    @Test("a scan reads its lan lines back with their line numbers; a malformed one is an error with its line")
    func scanLines() throws {
        let scan = try Self.scan(Self.verdict("rogue"), name: "20240515T020000Z.jsonl")
        let entry = try #require(scan.lanVerdictsBySegment["a-lan"])
        #expect(entry.line == ReadinessFixture.scanLines.count + 1)
        #expect(entry.verdict.colour == .red && entry.verdict.findings(.rogueRA).count == 1)
        let bad = ScanData.parse(Array("{\"type\":\"lan\",\"verdict\":\"purple\"}\n".utf8), name: "x.jsonl")
        guard case let .failure(failure) = bad else { Issue.record("accepted"); return }
        #expect(failure.diagnostics.first?.description.hasPrefix("x.jsonl:1: not a lan line") == true)
    }

    @Test("drift: a rogue RA that appeared is the first regression, before a device that stopped answering")
    func driftRogueFirst() throws {
        let before = try Self.scan(Self.verdict("green"), name: "20240514T020000Z.jsonl")
        var laterLines = ReadinessFixture.scanLines
        laterLines[0] = ReadinessFixture.probe("a-rt", "198.51.100.1", "icmp", "timeout")
        laterLines[1] = ReadinessFixture.probe("a-rt", "2001:db8:a00:100::1", "icmp", "timeout")
        let after = try ScanData.parse(Array(((laterLines + [Self.verdict("rogue").jsonLine]).joined(separator: "\n") + "\n").utf8),
                                       name: "20240515T020000Z.jsonl").get()
        let report = Drift.compare(from: before, to: after, inventory: ReadinessFixture.inventory())
        let regressions = report.regressions
        #expect(regressions.first?.kind == .newRogueRA, "\(regressions.map(\.kind))")
        #expect(regressions.first?.address == "fe80::66")
        #expect(regressions.first?.message.hasPrefix("new rogue router advertisement on a-lan (eth0): rogue router advertisement from fe80::66") == true)
        #expect(regressions.contains { $0.kind == .lanVerdictWorse && $0.changes == ["+ rogue-ra"] })
        #expect(regressions.contains { $0.kind == .stoppedAnswering && $0.record == "a-rt" })
        // The same rogue in the next scan is not new.
        let again = Drift.compare(from: after, to: after, inventory: ReadinessFixture.inventory())
        #expect(!again.findings.contains { $0.kind == .newRogueRA })
        // Fixed: the verdict is better again.
        let fixed = Drift.compare(from: after, to: before, inventory: ReadinessFixture.inventory())
        #expect(fixed.findings.contains { $0.kind == .lanVerdictBetter })
    }

    func input(_ scan: ScanData?) -> Compliance.Input {
        let inventory = ReadinessFixture.inventory()
        let assessment = ReadinessFixture.assessment(scan: scan, inventory: inventory)
        return Compliance.Input(inventory: inventory, assessment: assessment, targets: [], scan: scan, drift: nil,
                                today: CalendarDate("2024-06-30")!, scanAgeHours: 1)
    }

    func outcome(_ kind: PolicyRuleKind, _ scan: ScanData?) -> RuleOutcome {
        Compliance.evaluate(Policy(rules: [PolicyRule(index: 0, line: 1, kind: kind, scope: PolicyScope())]), input(scan)).outcomes[0]
    }

    @Test("no-rogue-ra: passes on a clean LAN, fails naming the rogue, fails when no LAN was audited")
    func noRogueRA() throws {
        #expect(outcome(.noRogueRA, try Self.scan(Self.verdict("green"), name: "20240514T020000Z.jsonl")).status == .passed)
        let rogue = outcome(.noRogueRA, try Self.scan(Self.verdict("rogue"), name: "20240515T020000Z.jsonl"))
        #expect(rogue.status == .failed)
        #expect(rogue.details.first?.hasPrefix("a-lan: rogue router advertisement from fe80::66") == true)
        let none = outcome(.noRogueRA, try Self.scan(nil, name: "20240515T020000Z.jsonl"))
        #expect(none.status == .failed && none.summary.contains("no LAN audit"))
    }

    @Test("lan-ipv6-dns: every LAN segment must be audited and give an address and DNS over IPv6")
    func lanIPv6DNS() throws {
        let good = outcome(.lanIPv6DNS, try Self.scan(Self.verdict("green"), name: "20240514T020000Z.jsonl"))
        #expect(good.status == .passed, "\(good)")
        #expect(good.summary == "all 1 LAN segment give hosts an IPv6 address and DNS over IPv6")
        let noDNS = outcome(.lanIPv6DNS, try Self.scan(Self.verdict("no-dns"), name: "20240515T020000Z.jsonl"))
        #expect(noDNS.status == .failed)
        #expect(noDNS.details.first?.hasPrefix("a-lan (LAN): hosts get no DNS over IPv6 — hosts get no DNS server over IPv6") == true, "\(noDNS.details)")
        let missing = outcome(.lanIPv6DNS, try Self.scan(nil, name: "20240515T020000Z.jsonl"))
        #expect(missing.status == .failed && missing.notes.first?.contains("not audited") == true)
    }

    @Test("policy files name the LAN rules; an unknown rule lists them")
    func policyCodec() throws {
        let text = "{\"schema\": 1, \"rules\": [{\"rule\": \"no-rogue-ra\"}, {\"rule\": \"lan-ipv6-dns\", \"sites\": [\"a-hq\"]}]}"
        let policy = try PolicyCodec.load(Array(text.utf8), file: "p.json", context: PolicyCodec.Context(agencies: [], sites: ["a-hq"], categories: [])).get()
        #expect(policy.rules.map(\.kind) == [.noRogueRA, .lanIPv6DNS])
        #expect(policy.rules[1].scope.sites == ["a-hq"])
    }

    @Test("assess: a LAN without DNS over IPv6 is not ready whatever its devices answer; the plan says fix its RAs")
    func assessAndPlan() throws {
        let plain = ReadinessFixture.assessment(scan: try Self.scan(nil, name: "20240514T020000Z.jsonl"))
        #expect(plain.item("a-lan")?.status.isReady == true, "a-core and a-pc1 answer over IPv6")
        let scan = try Self.scan(Self.verdict("no-dns"), name: "20240515T020000Z.jsonl")
        let assessment = ReadinessFixture.assessment(scan: scan)
        let lan = try #require(assessment.item("a-lan"))
        #expect(lan.status == .ipv6Broken)
        #expect(lan.evidence.contains(.lanAudit(line: ReadinessFixture.scanLines.count + 1, colour: .red, address: true, dns: false, codes: [.noDNS])))
        let text = ReportText(.en).evidence(lan.evidence.last!, scanName: "s", scanTime: nil)
        #expect(text == "LAN audit red (scan s line \(ReadinessFixture.scanLines.count + 1)): hosts get an IPv6 address and no DNS over IPv6 — no-dns")
        let plan = Planner.plan(ReadinessFixture.inventory(), assessment: assessment, program: ProgramCodec.shipped, today: CalendarDate("2024-06-30")!)
        let item = try #require(plan.items.first { $0.id == "a-lan" })
        #expect(item.actions.map(\.kind) == [.fixLANControlPlane])
        #expect(item.actions.first?.to == "no-dns")
        // Green verifies a segment: no LAN action.
        let green = ReadinessFixture.assessment(scan: try Self.scan(Self.verdict("green"), name: "20240516T020000Z.jsonl"))
        #expect(green.item("a-lan")?.status.isReady == true)
    }
}
