import Testing
import V6Core
@testable import V6Lab
import V6TestSupport

/// The intent held against scans made up to match it, then spoiled one way at a time.
@Suite struct InventoryLabIntentTests {
    /// What a scan that found exactly the intent reports: each case's colour and check; every other service the
    /// colour the inventory implies; every held address answering, the silent ones not.
    func faithfulScan(_ lab: InventoryLab, _ inventory: Inventory)
        -> (services: [ServiceReport], probes: [ProbeResult], findings: [(record: String, code: String, message: String)]) {
        var reports: [ServiceReport] = []
        for service in inventory.services {
            let colour: ServiceColour
            var checks = [ServiceCheck("aaaa", .pass, "AAAA")]
            if let chosen = lab.cases.first(where: { $0.service == service.id }), let verdict = chosen.verdict,
               let check = chosen.check {
                colour = verdict
                checks.append(ServiceCheck(check.name, check.result, "it says: \(check.phrase)."))
            } else if let expected = lab.intent.expected[service.id] {
                colour = expected
            } else {
                continue
            }
            reports.append(ServiceReport(record: service.id, target: service.hostname ?? service.id, kind: service.kind.rawValue,
                                         mode: .web, verdict: colour, reason: "as intended", checks: checks,
                                         addresses: service.ipv4 + service.ipv6))
        }
        var probes: [ProbeResult] = []
        let echoFiltered = Set(lab.cases.filter(\.echoUnanswered).flatMap(\.addresses))
        for device in inventory.devices {
            for address in device.ipv4 + device.ipv6 {
                let silent = lab.silentAddresses.contains(address) || (echoFiltered.contains(address) && address.family == .v6)
                probes.append(ProbeResult(target: device.id, address: address, method: .icmp,
                                          status: silent ? .timeout : .reachable, record: device.id))
            }
        }
        let findings = lab.cases.compactMap(\.finding).map { (record: $0.record, code: $0.code, message: "as intended") }
        return (reports, probes, findings)
    }

    @Test func aScanThatFoundTheIntentIsTenOfTenAndNothingElse() throws {
        let inventory = try exampleInventory()
        let lab = LabSpec.fromInventory(inventory)
        let scan = faithfulScan(lab, inventory)
        let comparison = lab.intent.compare(services: scan.services, probes: scan.probes, findings: scan.findings)
        #expect(comparison.summary == "10 of 10 cases found as intended, 0 findings not intended", "\(comparison.unintended)")
        #expect(comparison.isAsIntended)
        #expect(comparison.table.count == 10 && comparison.table.allSatisfy { $0.count == InventoryLabComparison.headers.count })
        #expect(lab.intent.unjudged.isEmpty, "the example's every service is judged: \(lab.intent.unjudged)")
        #expect(lab.intent.expected.values.filter { $0 == .red }.count == inventory.services.filter(\.ipv6.isEmpty).count)
        let statement = lab.intent.statement
        #expect(statement.count == 12 && statement[0].hasPrefix("Broken on purpose: 10 cases"))
        #expect(statement.contains("  device so-tttt-esxi-01: SSH listens on both families; the firewall drops port 22 over IPv4 only → "
            + "security finding ipv6-exposed"))
        #expect(statement.contains("  so-tttt-ns1 (ns1.vidu.example): NSD listens on the IPv4 address only → yellow: "
            + "dns-udp-v6 fails (no DNS answer over IPv6 UDP)"))
    }

    @Test func everyDepartureFromTheIntentIsCounted() throws {
        let inventory = try exampleInventory()
        let lab = LabSpec.fromInventory(inventory)
        var scan = faithfulScan(lab, inventory)

        // A healthy service turned yellow (the so-tttt-bgp-vnpt), an address that does not answer, a
        // silent one that does, and a case found with the wrong sub-check.
        let yellow = try #require(scan.services.firstIndex { $0.record == "so-tttt-bgp-vnpt" })
        scan.services[yellow].verdict = .yellow
        scan.services[yellow].reason = "works over IPv6, but tcp-179-v4 198.51.100.1 — port 179 refused (RST)"
        let answering = try #require(scan.probes.firstIndex { $0.status == .reachable && !lab.intent.caseAddresses.contains($0.address) })
        scan.probes[answering].status = .unreachable
        scan.probes[answering].detail = "sendmmsg: Permission denied"
        if let silent = lab.silentAddresses.first, let index = scan.probes.firstIndex(where: { $0.address == silent }) {
            scan.probes[index].status = .reachable
        }
        let ns1 = try #require(scan.services.firstIndex { $0.record == "so-tttt-ns1" })
        scan.services[ns1].checks = [ServiceCheck("dns-udp-v6", .pass, "answers DNS over IPv6 UDP")]
        scan.services[ns1].verdict = .green

        let comparison = lab.intent.compare(services: scan.services, probes: scan.probes, findings: scan.findings)
        let expectedUnintended = lab.silentAddresses.isEmpty ? 2 : 3
        #expect(comparison.summary == "9 of 10 cases found as intended, \(expectedUnintended) findings not intended")
        #expect(comparison.unintended.contains { $0.hasPrefix("so-tttt-bgp-vnpt (") && $0.hasSuffix("(intended: green)") })
        #expect(comparison.unintended.contains { $0.contains("unreachable (sendmmsg: Permission denied) (intended: reachable)") })
        let row = try #require(comparison.rows.first { $0.case.service == "so-tttt-ns1" })
        #expect(!row.asIntended && row.found.hasPrefix("green: dns-udp-v6 passes"))
        #expect(comparison.table.first { $0[0] == "so-tttt-ns1" }?.last == "NO")

        // A case or an expected service with no verdict at all is a departure too.
        let missing = lab.intent.compare(services: scan.services.filter { $0.record != "so-tttt-vpn" && $0.record != "so-tt-trang" && $0.record != "so-yt-trang" },
                                         probes: [])
        #expect(missing.rows.first { $0.case.service == "so-tttt-vpn" }?.found == "no verdict in the scan")
        #expect(missing.unintended.contains("so-yt-trang: no verdict in the scan (intended: green)"))
    }

    @Test func theEchoFilteredDeviceCaseNeedsItsEchoesUnanswered() throws {
        let inventory = try exampleInventory()
        let lab = LabSpec.fromInventory(inventory)
        let echo = try #require(lab.cases.first { $0.echoUnanswered })
        #expect(echo.device == "so-tc-sv-ngansach-01" && echo.verdict == .green)
        var scan = faithfulScan(lab, inventory)
        for index in scan.probes.indices where echo.addresses.contains(scan.probes[index].address) {
            scan.probes[index].status = .reachable
        }
        let row = try #require(lab.intent.compare(services: scan.services, probes: scan.probes, findings: scan.findings).rows
            .first { $0.case == echo })
        #expect(!row.asIntended && row.found.hasSuffix("; echo: reachable"))
    }

    @Test func theSecurityCasesNeedTheirFindingsAndNoOtherRecordMayHaveOne() throws {
        let inventory = try exampleInventory()
        let lab = LabSpec.fromInventory(inventory)
        let scan = faithfulScan(lab, inventory)
        let expected = Set(lab.cases.compactMap(\.finding).map(\.description))
        #expect(expected == ["ipv6-exposed on so-tttt-esxi-01", "certificate-differs on so-tttt-opendata",
                             "dnssec-bogus:expired on huyen-an-binh-trang"])

        // Without its finding the exposure case is not found, whatever the services say.
        let withoutExposure = scan.findings.filter { $0.code != "ipv6-exposed" }
        let missed = lab.intent.compare(services: scan.services, probes: scan.probes, findings: withoutExposure)
        let row = try #require(missed.rows.first { $0.case.label == "device so-tttt-esxi-01" })
        #expect(!row.asIntended && row.found == "no ipv6-exposed finding")
        #expect(missed.summary.hasPrefix("9 of 10"))

        // A finding on a record no case holds is not intended; one on a case's device, or "manageable over IPv4
        // only" on a device the inventory gives no IPv6, is the lab telling the inventory's story.
        let blackholed = try #require(lab.cases.first { $0.failure == .network(.ipv6PathBlackholed) })
        let caseDevice = try #require(inventory.devices.first { !Set($0.ipv6).isDisjoint(with: blackholed.addresses) })
        let ipv4Only = try #require(inventory.devices.first { $0.ipv6.isEmpty })
        let extra = scan.findings + [
            (record: "so-yt-hssk", code: "ipv6-exposed", message: "port 3389 is open over IPv6 but filtered over IPv4"),
            (record: caseDevice.id, code: "ipv6-blocked", message: "port 445 is filtered over IPv6"),
            (record: ipv4Only.id, code: "managed-only-over-ipv4", message: "manageable over IPv4 only"),
        ]
        let spoiled = lab.intent.compare(services: scan.services, probes: scan.probes, findings: extra)
        #expect(spoiled.unintended == ["so-yt-hssk: security finding ipv6-exposed — port 3389 is open over IPv6 but filtered over IPv4 (intended: none)"])
    }
}

/// The IPv6-only half of the intent: what a client with no IPv4, behind the lab's NAT64 and DNS64, must see.
@Suite struct InventoryLabIPv6OnlyIntentTests {
    @Test func everyJudgedServiceHasAnIPv6OnlyVerdictFromTheInventory() throws {
        let inventory = try exampleInventory()
        let lab = LabSpec.fromInventory(inventory)
        let intent = lab.intent
        #expect(Set(intent.expectedIPv6Only.keys) == Set(intent.expected.keys))
        #expect(intent.expectedIPv6Only["so-tttt-cong-ttdt"] == .native)
        #expect(intent.expectedIPv6Only["so-yt-hssk"] == .nat64, "IPv4 only, with a name DNS64 translates")
        #expect(intent.expectedIPv6Only["ubnd-tinh-hoinghi"] == .broken, "IPv4 only and no name: nothing to translate")
        for (id, verdict) in intent.expectedIPv6Only {
            let service = try #require(inventory.services.first { $0.id == id })
            #expect((verdict == .native) == !service.ipv6.isEmpty, "\(id)")
        }
        #expect(intent.compareIPv6Only(intent.expectedIPv6Only).isEmpty)
        var found = intent.expectedIPv6Only
        found["so-yt-hssk"] = .broken
        found.removeValue(forKey: "so-tttt-cong-ttdt")
        #expect(intent.compareIPv6Only(found) == [
            "so-tttt-cong-ttdt: no IPv6-only verdict (intended: native)",
            "so-yt-hssk: broken from the IPv6-only client (intended: nat64)",
        ])
    }

    @Test func theClientAvoidsTheInventoryAndTheLabPlansItIPv6Only() throws {
        let inventory = try exampleInventory()
        let lab = LabSpec.fromInventory(inventory)
        let client = try #require(lab.spec.ipv6OnlyClient)
        let nat64 = client.nat64
        #expect(!nat64.prefix.isWellKnown && nat64.prefix.length == 96)
        let used = inventory.devices.flatMap { $0.ipv4 + $0.ipv6 } + inventory.services.flatMap { $0.ipv4 + $0.ipv6 }
        #expect(!used.contains { nat64.prefix.prefix.contains($0) || nat64.pool.contains($0) })
        #expect(!nat64.prefix.contains(nat64.ipv6Address), "TAYGA refuses its own address inside the prefix")
        #expect(LabSpec.fromInventory(inventory, ipv6OnlyClient: false).spec.ipv6OnlyClient == nil)

        let plan = try LabPlan(lab.spec, id: LabID("abc123")!)
        let namespace = try #require(plan.layout.ipv6OnlyClientNamespace)
        #expect(plan.layout.namespaces.contains(namespace))
        // The client gets IPv6 addresses and routes only.
        let clientSteps = plan.steps.compactMap { step -> [String]? in
            guard case .command(.ip, let arguments) = step, arguments.count > 3, arguments[0] == "-n", arguments[1] == namespace else { return nil }
            return arguments
        }
        let configuring = clientSteps.filter { $0.contains("addr") || $0.contains("route") }
        #expect(!configuring.isEmpty && configuring.allSatisfy { $0.contains("-6") }, "\(configuring)")
        #expect(plan.steps.contains(.daemon(namespace: plan.layout.routerNamespace!, .nat64(nat64))))
        #expect(plan.steps.contains { if case .daemon(_, .dns64(let resolver)) = $0 { resolver.dns64 == nat64.prefix } else { false } })
        #expect(plan.steps.contains { if case .resolvConf(namespace, _) = $0 { true } else { false } })
        // The lab's name server also answers ipv4only.arpa, for RFC 7050 discovery through DNS64.
        #expect(plan.steps.contains { step in
            if case .serve(_, .nameServer(_, let zones)) = step { zones.contains { $0.origin == "ipv4only.arpa" } } else { false }
        })
    }
}
