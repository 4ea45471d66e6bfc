import Testing
import V6Core
@testable import V6Lab
import V6TestSupport

/// The intent held against scans made up to match it, then spoiled one way at a time.
@Suite struct InventoryLabIntentTests {
    /// What a scan that found exactly the intent reports: each case's colour and check; every other service the
    /// colour the inventory implies; every held address answering, the silent ones not.
    func faithfulScan(_ lab: InventoryLab, _ inventory: Inventory) -> (services: [ServiceReport], probes: [ProbeResult]) {
        var reports: [ServiceReport] = []
        for service in inventory.services {
            let colour: ServiceColour
            var checks = [ServiceCheck("aaaa", .pass, "AAAA")]
            if let chosen = lab.cases.first(where: { $0.service == service.id }) {
                colour = chosen.verdict
                checks.append(ServiceCheck(chosen.check.name, chosen.check.result, "it says: \(chosen.check.phrase)."))
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
        return (reports, probes)
    }

    @Test func aScanThatFoundTheIntentIsSevenOfSevenAndNothingElse() throws {
        let inventory = try exampleInventory()
        let lab = LabSpec.fromInventory(inventory)
        let scan = faithfulScan(lab, inventory)
        let comparison = lab.intent.compare(services: scan.services, probes: scan.probes)
        #expect(comparison.summary == "7 of 7 cases found as intended, 0 findings not intended", "\(comparison.unintended)")
        #expect(comparison.isAsIntended)
        #expect(comparison.table.count == 7 && comparison.table.allSatisfy { $0.count == InventoryLabComparison.headers.count })
        #expect(lab.intent.unjudged.isEmpty, "the example's every service is judged: \(lab.intent.unjudged)")
        #expect(lab.intent.expected.values.filter { $0 == .red }.count == inventory.services.filter(\.ipv6.isEmpty).count)
        let statement = lab.intent.statement
        #expect(statement.count == 9 && statement[0].hasPrefix("Broken on purpose: 7 cases"))
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

        let comparison = lab.intent.compare(services: scan.services, probes: scan.probes)
        let expectedUnintended = lab.silentAddresses.isEmpty ? 2 : 3
        #expect(comparison.summary == "6 of 7 cases found as intended, \(expectedUnintended) findings not intended")
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
        let row = try #require(lab.intent.compare(services: scan.services, probes: scan.probes).rows
            .first { $0.case == echo })
        #expect(!row.asIntended && row.found.hasSuffix("; echo: reachable"))
    }
}
