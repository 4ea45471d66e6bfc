import Foundation
import Testing
import V6Core
import V6Lab
import V6System
import V6TestSupport
@testable import V6Services

/// Where a service run takes its resolver from (`ResolverSource`), seen from the run.
@Suite("Services: the run's resolver")
struct ServiceRunTests {
    @Test("inside a namespace without /etc/netns/NAME/resolv.conf: no DNS, said once, never the machine's file")
    func aNamespaceWithoutItsOwnResolverSaysSoOnce() throws {
        var settings = ServiceRunSettings()
        let namespace = "v6ready-test-\(UInt32.random(in: 0...UInt32.max))"
        settings.networkNamespace = namespace
        settings.options.timeoutMilliseconds = 300
        let requests = ["a.vidu.example", "b.vidu.example"].map { name in
            ServiceRequest(record: name, kind: "app", profile: .tcp, name: DNSName(name)!, label: name, ports: [9],
                           inventoryAddresses: [IPAddress("127.0.0.1")!])
        }
        let run = ServiceRun(settings: settings)
        let reports = run.check(requests)
        let dnsNotices = run.notices.filter { $0.contains("DNS") }
        #expect(dnsNotices == ["services: no DNS resolver for network namespace \(namespace): /etc/netns/\(namespace)/"
            + "resolv.conf does not exist (v6ready never falls back to this machine's /etc/resolv.conf inside a "
            + "namespace); named services are judged on the inventory's addresses. Write that file or give --resolver ADDR."])
        for report in reports {
            let explanation = report.checks.first { $0.name == "ipv6-address" }?.explanation ?? ""
            #expect(explanation.contains("DNS not asked: no resolver for namespace \(namespace)"), "\(report.summary)")
        }
    }

    @Test("given resolvers are used as they are, without a lookup of any file")
    func givenResolversNeedNoFile() throws {
        var settings = ServiceRunSettings()
        settings.networkNamespace = "v6ready-test-none"
        settings.resolvers = [ResolverAddress(IPAddress("127.0.0.1")!, port: 5353)]
        settings.resolverTimeoutMilliseconds = 700
        guard case .success(let client) = ServiceRun(settings: settings).resolver() else {
            Issue.record("no client from --resolver")
            return
        }
        #expect(client.configuration.servers == settings.resolvers)
        #expect(client.configuration.timeoutMilliseconds == 700)
    }
}

/// The demo's lab, checked service by service from its scanner namespace with the resolver the lab wrote for it:
/// every case found as intended and every other service as the inventory says. Needs root and the servers.
@Suite("Services: the inventory lab", .serialized,
       .enabled(if: ServiceLabGate.available && InventoryLab.missing == nil,
                Comment(rawValue: InventoryLab.missing ?? "")))
struct ServiceRunInventoryLabTests {
    @Test("every service of the example's lab gets the verdict the lab intends")
    func theExampleLabIsFoundAsIntended() throws {
        let inventory = try exampleInventory()
        let inventoryLab = LabSpec.fromInventory(inventory)
        let requests = inventory.services.map(ServiceRequest.init(service:))
        let (reports, notices) = try Lab.with(inventoryLab.spec) { lab in
            try NetworkNamespace.withNetworkNamespace(named: lab.scannerNamespace) {
                var settings = ServiceRunSettings()
                settings.networkNamespace = lab.scannerNamespace
                settings.options.scope = inventory.manifest.scope
                settings.options.timeoutMilliseconds = 1500
                // The lab signed its zones with a key of its own: validate from its DS, as the demo's scan does.
                settings.options.dnssecAnchors = try DNSSECPresentation.trustAnchors(lab.trustAnchors.joined(separator: "\n"))
                let run = ServiceRun(settings: settings)
                return (run.check(requests), run.notices)
            }
        }
        #expect(!notices.contains { $0.contains("DNS") }, "\(notices)")
        // Service verdicts and their own TLS and DNSSEC findings only: the echo probes of the echo-filtered case
        // and the parity audit of the exposure case are the scan's (the CLI demo test's).
        var findings: [(record: String, code: String, message: String)] = []
        for report in reports {
            for finding in report.tls?.findings ?? [] where finding.code != .certificateNotCompared {
                findings.append((report.record ?? report.target, finding.code.rawValue, finding.message))
            }
            if let dnssec = report.dnssec, dnssec.status == .bogus {
                findings.append((report.record ?? report.target, "dnssec-bogus:" + (dnssec.reason?.rawValue ?? ""), dnssec.detail))
            }
        }
        let comparison = inventoryLab.intent.compare(services: reports, probes: [], findings: findings)
        #expect(comparison.rows.count == 10)
        #expect(Set(findings.map(\.code)) == ["certificate-differs", "dnssec-bogus:expired"], "\(findings)")
        for row in comparison.rows where !row.asIntended && row.case.verdict != nil {
            if row.case.echoUnanswered, row.found.hasPrefix("green: pmtu-v6 not-testable — small echo requests get no reply"),
               row.found.hasSuffix("; echo: not probed") { continue }
            Issue.record("\(row.case.subject): intended \(row.case.intended), found \(row.found)")
        }
        #expect(comparison.unintended.isEmpty, "\(comparison.unintended.joined(separator: "\n"))")
        // Every name was looked up in the lab's own zones: no verdict fell back to the inventory for want of DNS.
        #expect(!reports.contains { $0.checks.contains { $0.explanation.contains("lookup failed") } })
        let mail = try #require(reports.first { $0.record == "so-tttt-mx2" })
        #expect(mail.verdict == .red && mail.reason.contains("no AAAA record for mx2.vidu.example"))
    }
}
