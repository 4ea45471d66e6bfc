import Foundation
import Synchronization
import Testing
import V6TestSupport
import V6Core
import V6Lab
import V6System

private let labSupport = Lab.isSupported()

/// Every failure case of the lab, probed through the real executable from inside the lab's scanner namespace.
/// The lab is built by the test and removed when it ends, even on failure.
@Suite("CLI: probe statuses in the namespace lab", .serialized,
       .enabled(if: labSupport.supported, Comment(rawValue: "lab tests skipped: \(labSupport.reason)")))
struct ProbeLabTests {
    private func probe(_ lab: Lab, _ arguments: [String]) throws -> [ProbeResult] {
        let run = try runV6ready(["probe", "--netns", lab.scannerNamespace, "--outside-scope", "--json"] + arguments)
        #expect(run.status == 0, "\(run.err)")
        return try run.results()
    }

    private func find(_ results: [ProbeResult], _ address: IPAddress?, _ method: ProbeMethod, port: Int? = nil) -> ProbeResult? {
        results.first { $0.address == address && $0.method == method && $0.port == port }
    }

    @Test("each failure case gets its status: IPv4-only, blackholed IPv6, ICMPv6 filtered, closed vs filtered, admin-prohibited")
    func showcaseStatuses() throws {
        try Lab.with(.showcase()) { lab in
            let hosts = ["dual", "v4only", "v6blackhole", "icmp6filtered", "ports", "prohibited"]
            let addresses = hosts.flatMap { lab.addresses(of: $0).map(\.description) }
            let results = try probe(lab, addresses + ["--tcp", "80,443,81,8443", "--timeout", "300", "--retries", "1"])
            func a(_ host: String, _ family: AddressFamily) -> IPAddress? { lab.address(of: host, family) }

            // Healthy dual stack: echo both families, open port reachable, closed port refused (RST).
            #expect(find(results, a("dual", .v4), .icmp)?.status == .reachable)
            #expect(find(results, a("dual", .v6), .icmp)?.status == .reachable)
            #expect(find(results, a("dual", .v6), .tcp, port: 443)?.status == .reachable)
            #expect(find(results, a("dual", .v4), .tcp, port: 81)?.status == .refused)

            // IPv4-only host: it has no IPv6 address to probe; IPv4 answers.
            #expect(a("v4only", .v6) == nil)
            #expect(find(results, a("v4only", .v4), .icmp)?.status == .reachable)

            // IPv6 published but blackholed: silence on every IPv6 probe, IPv4 fine.
            #expect(find(results, a("v6blackhole", .v4), .icmp)?.status == .reachable)
            #expect(find(results, a("v6blackhole", .v6), .icmp)?.status == .timeout)
            #expect(find(results, a("v6blackhole", .v6), .tcp, port: 80)?.status == .timeout)

            // ICMPv6 filtered but TCP open.
            #expect(find(results, a("icmp6filtered", .v6), .icmp)?.status == .timeout)
            #expect(find(results, a("icmp6filtered", .v6), .tcp, port: 443)?.status == .reachable)
            #expect(find(results, a("icmp6filtered", .v4), .icmp)?.status == .reachable)

            // Closed port (RST) versus filtered port (drop).
            #expect(find(results, a("ports", .v4), .tcp, port: 80)?.status == .reachable)
            #expect(find(results, a("ports", .v4), .tcp, port: 81)?.status == .refused)
            #expect(find(results, a("ports", .v4), .tcp, port: 8443)?.status == .timeout)
            #expect(find(results, a("ports", .v6), .tcp, port: 8443)?.status == .timeout)

            // Admin-prohibited reject, matched through the quoted packet, code in detail.
            for family in [AddressFamily.v4, .v6] {
                let echo = find(results, a("prohibited", family), .icmp)
                #expect(echo?.status == .unreachable, "\(family): \(String(describing: echo))")
                #expect(echo?.detail?.contains("administratively prohibited") == true, "\(echo?.detail ?? "no detail")")
                let tcp = find(results, a("prohibited", family), .tcp, port: 80)
                #expect(tcp?.status == .unreachable, "\(family) tcp: \(String(describing: tcp))")
            }
            // Nothing is reported twice, and nothing unasked is reported.
            #expect(results.count == addresses.count * 5)
        }
    }

    @Test("a large probe to a PMTU black hole vanishes while a small one passes")
    func pmtuBlackHole() throws {
        try Lab.with(.showcase()) { lab in
            let target = try #require(lab.address(of: "pmtu", .v6)).description
            let small = try probe(lab, [target, "--timeout", "300", "--retries", "1"])
            let large = try probe(lab, [target, "--size", "1400", "--timeout", "300", "--retries", "1"])
            #expect(small.first?.status == .reachable)
            #expect(large.first?.status == .timeout)
        }
    }

    @Test("10% loss each way with 3 retries: at least 99% of 1,024 live hosts found")
    func lossWithRetries() throws {
        let spec = LabSpec(bulk: LabBulkTargets(answering: [IPPrefix("198.18.0.0/22")!], impairment: LabImpairment(lossPercent: 10)))
        try Lab.with(spec) { lab in
            let results = try probe(lab, ["198.18.0.0/22", "--retries", "3", "--timeout", "200", "--rate", "max"])
            #expect(results.count == 1024)
            let found = results.filter { $0.status == .reachable }.count
            #expect(found >= 1014, "found \(found) of 1024")
            // Retries were really used: some targets needed more than one probe.
            #expect(results.contains { $0.sent > 1 && $0.status == .reachable })
        }
    }

    @Test("added delay shows in the RTT", .enabled(if: labSupport.delay, Comment(rawValue: "delay unavailable: \(labSupport.delayReason)")))
    func delayInRTT() throws {
        try Lab.with(.showcase(delayMilliseconds: 50)) { lab in
            let results = try probe(lab, [try #require(lab.address(of: "lossy", .v4)).description, "--count", "5", "--interval", "100"])
            let average = try #require(results.first?.rttStatistics?.average ?? results.first?.rttMilliseconds)
            #expect(average >= 100 && average < 180, "RTT \(average) ms with 2 × 50 ms added")
        }
    }

    @Test("spoofed or foreign replies are never credited: a silent prefix stays silent while another run pings")
    func silentStaysSilent() throws {
        let spec = LabSpec(bulk: LabBulkTargets(answering: [IPPrefix("198.18.0.0/24")!], silent: [IPPrefix("198.18.1.0/24")!]))
        try Lab.with(spec) { lab in
            // Two runs at once: each sees only its own answers (random identifier and cookie per run).
            let group = DispatchGroup()
            nonisolated(unsafe) var other: ExecutableRun?
            group.enter()
            DispatchQueue.global().async {
                other = try? runV6ready(["probe", "--netns", lab.scannerNamespace, "--outside-scope", "--json", "198.18.0.0/24", "--rate", "max", "--count", "3", "--interval", "50"])
                group.leave()
            }
            let results = try probe(lab, ["198.18.1.0/24", "198.18.0.0/25", "--rate", "max", "--timeout", "300", "--retries", "0"])
            group.wait()
            #expect(results.filter { $0.address.description.hasPrefix("198.18.1.") }.allSatisfy { $0.status == .timeout })
            #expect(results.filter { $0.address.description.hasPrefix("198.18.0.") }.allSatisfy { $0.status == .reachable })
            #expect(try other?.results().count == 256)
        }
    }

    @Test("several workers share a run: every target probed exactly once, answering reachable, silent timeout, TCP too")
    func workersShareARun() throws {
        let spec = LabSpec(bulk: LabBulkTargets(answering: [IPPrefix("198.18.0.0/22")!, IPPrefix("2001:db8:1::/118")!],
                                                silent: [IPPrefix("198.18.8.0/24")!, IPPrefix("2001:db8:2::/120")!],
                                                openTCPPorts: [80]))
        try Lab.with(spec) { lab in
            let targets = ["198.18.0.0/22", "2001:db8:1::/118", "198.18.8.0/24", "2001:db8:2::/120"]
            let icmp = try probe(lab, targets + ["--workers", "3", "--rate", "max", "--retries", "0", "--timeout", "300"])
            #expect(icmp.count == 1024 + 1024 + 256 + 256)
            #expect(Set(icmp.map(\.address)).count == icmp.count, "no target twice")
            let answering = [IPPrefix("198.18.0.0/22")!, IPPrefix("2001:db8:1::/118")!]
            for result in icmp {
                let expected: ProbeStatus = answering.contains { $0.contains(result.address) } ? .reachable : .timeout
                #expect(result.status == expected, "\(result.address): \(result.status)")
            }
            // TCP connects are split across the workers as well: open on answering addresses, filtered on silent.
            let tcp = try probe(lab, ["198.18.0.0/28", "2001:db8:2::/124", "--no-icmp", "--tcp", "80", "--workers", "2",
                                      "--retries", "0", "--timeout", "300"])
            #expect(tcp.count == 32)
            #expect(tcp.filter { $0.address.family == .v4 }.allSatisfy { $0.status == .reachable })
            #expect(tcp.filter { $0.address.family == .v6 }.allSatisfy { $0.status == .timeout })
        }
    }

    @Test("two runs at once never wake for each other's replies: the kernel filter drops them, none counted as another prober's")
    func parallelRunsDoNotSeeEachOther() throws {
        let spec = LabSpec(bulk: LabBulkTargets(answering: [IPPrefix("198.18.0.0/24")!, IPPrefix("2001:db8:1::/120")!]))
        try Lab.with(spec) { lab in
            let arguments = ["probe", "--netns", lab.scannerNamespace, "--outside-scope", "--json", "198.18.0.0/24",
                             "2001:db8:1::/120", "--rate", "max", "--count", "20", "--interval", "10"]
            let group = DispatchGroup()
            let finished = Mutex<[ExecutableRun]>([])
            for _ in 0..<2 {
                group.enter()
                DispatchQueue.global().async {
                    if let run = try? runV6ready(arguments) { finished.withLock { $0.append(run) } }
                    group.leave()
                }
            }
            group.wait()
            let runs = finished.withLock { $0 }
            #expect(runs.count == 2)
            for run in runs {
                let results = try run.results()
                #expect(run.status == 0, "\(run.err)")
                #expect(results.count == 512)
                // The summary names each reason for a stray packet (pinned by ProbeSummaryLineTests).
                #expect(!run.err.contains("another prober's"), "\(run.err)")
            }
        }
    }

    @Test("link discovery finds the router's link-local address through ff02::1")
    func linkDiscovery() throws {
        try Lab.with(.showcase()) { lab in
            let interface = try #require(lab.layout.scannerRouterInterface)
            let run = try runV6ready(["discover", "--link", interface, "--netns", lab.scannerNamespace, "--json", "--wait", "500"],
                                     in: NSTemporaryDirectory())
            #expect(run.status == 0, "\(run.err)")
            let found = try run.results()
            #expect(found.contains { $0.address.addressClass == .linkLocal }, "\(run.out) \(run.err)")
        }
    }
}
