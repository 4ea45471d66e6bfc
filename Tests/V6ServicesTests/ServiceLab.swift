import Foundation
import Testing
import V6Core
import V6Lab
import V6System
@testable import V6Services

/// Whether the service lab can run here; the reason is printed once when it cannot, so a skip is never silent.
enum ServiceLabGate {
    static let reason: String? = {
        let support = Lab.isSupported()
        var reason: String?
        if !support.supported {
            reason = support.reason
        } else if let missing = LabServerProgram.missing([.nsd, .nginx]) {
            reason = missing
        }
        if let reason { print("V6ServicesTests: skipping lab tests: \(reason)") }
        return reason
    }()

    static var available: Bool { reason == nil }
}

/// The lab the service tests run in: a name server (NSD), web servers (nginx), a mail listener, and hosts with the
/// failures public scorers catch — IPv6 black-holed, a PMTU black hole, IPv6 slowed past the Happy Eyeballs delay.
/// Every name is under `vidu.example` (and two small zones `one.example`, `legacy.example`); every address is from
/// 203.0.113.0/24 or 2001:db8::/32.
///
/// | name | addresses | what it is |
/// |---|---|---|
/// | ns1, ns2 | .53/::53, .54/::54 | NSD, authoritative for every zone here |
/// | ns3 | .55 only | a name server without AAAA |
/// | web | .80, 2001:db8:80::80 | nginx, the same page over both families |
/// | diff | .81, 2001:db8:80::81 | nginx, another page over IPv6 |
/// | old | .82 only | nginx, IPv4 only |
/// | dark | .90, 2001:db8:90::90 | IPv6 path black-holed in the router |
/// | multi | .80, 2001:db8:80::80 and 2001:db8:90::90 | two AAAA records, one of them black-holed |
/// | slow | .70 (host slow4), 2001:db8:70::70 (host slow6) | one name, IPv6 slowed: 150 ms each way on slow6's link (a delayed link), or where TUN devices are unavailable, every first IPv6 SYN dropped so each connect waits for the 1 s retransmission |
/// | mtu | .60, 2001:db8:60::60 | MTU 1280 past the router, Packet Too Big dropped |
/// | mx1 | .25, 2001:db8:25::25 | SMTP listener; PTR mx1.vidu.example |
/// | mx2 | .27 only | SMTP listener, no AAAA |
/// | mx3 | .25, 2001:db8:25::26 | SMTP listener; no PTR |
final class ServiceLab {
    static func ip(_ text: String) -> IPAddress { IPAddress(text)! }

    enum Host: String, CaseIterable {
        case ns, web, dark, slow4, slow6, mtu, mail

        var addresses: [IPAddress] {
            switch self {
            case .ns: ["203.0.113.53", "203.0.113.54", "203.0.113.55", "2001:db8:53::53", "2001:db8:53::54"].map(ip)
            case .web: ["203.0.113.80", "2001:db8:80::80", "203.0.113.81", "2001:db8:80::81", "203.0.113.82"].map(ip)
            case .dark: ["203.0.113.90", "2001:db8:90::90"].map(ip)
            case .slow4: ["203.0.113.70"].map(ip)
            case .slow6: ["2001:db8:70::70"].map(ip)
            case .mtu: ["203.0.113.60", "2001:db8:60::60"].map(ip)
            case .mail: ["203.0.113.25", "203.0.113.27", "2001:db8:25::25", "2001:db8:25::26"].map(ip)
            }
        }

        var behaviours: [LabBehaviour] {
            switch self {
            case .dark: [.ipv6PathBlackholed]
            case .mtu: [.pmtuBlackHole(mtu: 1280)]
            case .slow6 where Lab.isSupported().delay: [.impaired(LabImpairment(delayMilliseconds: 150))]
            default: []
            }
        }
    }

    static let resolver = ResolverAddress(ip("2001:db8:53::53"))
    static let page = String(repeating: "<p>Cổng thông tin điện tử tỉnh Ví Dụ: tin tức, văn bản, dịch vụ công trực tuyến.</p>\n", count: 30)
    static let otherPage = "<html><body>IPv6 test server: nothing to see here</body></html>\n"

    static let zones: [LabDNSZone] = {
        typealias R = LabDNSZone.Record
        let vidu = LabDNSZone(origin: "vidu.example", primary: "ns1.vidu.example.", records: [
            R("@", "NS", "ns1"), R("@", "NS", "ns2"),
            R("ns1", "A", "203.0.113.53"), R("ns1", "AAAA", "2001:db8:53::53"),
            R("ns2", "A", "203.0.113.54"), R("ns2", "AAAA", "2001:db8:53::54"),
            R("ns3", "A", "203.0.113.55"),
            R("web", "A", "203.0.113.80"), R("web", "AAAA", "2001:db8:80::80"),
            R("www", "CNAME", "web"),
            R("diff", "A", "203.0.113.81"), R("diff", "AAAA", "2001:db8:80::81"),
            R("old", "A", "203.0.113.82"),
            R("dark", "A", "203.0.113.90"), R("dark", "AAAA", "2001:db8:90::90"),
            R("multi", "A", "203.0.113.80"), R("multi", "AAAA", "2001:db8:80::80"), R("multi", "AAAA", "2001:db8:90::90"),
            R("slow", "A", "203.0.113.70"), R("slow", "AAAA", "2001:db8:70::70"),
            R("mtu", "A", "203.0.113.60"), R("mtu", "AAAA", "2001:db8:60::60"),
            R("mx1", "A", "203.0.113.25"), R("mx1", "AAAA", "2001:db8:25::25"),
            R("mx2", "A", "203.0.113.27"),
            R("mx3", "A", "203.0.113.25"), R("mx3", "AAAA", "2001:db8:25::26"),
            R("mail", "MX", "10 mx1"),
            R("partial", "MX", "10 mx1"), R("partial", "MX", "20 mx2"),
            R("legacy", "MX", "10 mx2"),
            R("nomail", "MX", "0 ."),
            R("noptr", "MX", "10 mx3"),
        ])
        let one = LabDNSZone(origin: "one.example", primary: "ns1.vidu.example.", records: [
            R("@", "NS", "ns1.vidu.example."), R("@", "NS", "ns3.vidu.example."),
        ])
        let legacy = LabDNSZone(origin: "legacy.example", primary: "ns3.vidu.example.", records: [
            R("@", "NS", "ns3.vidu.example."),
        ])
        let reverse = LabDNSZone.reverse(of: IPPrefix("2001:db8:25::/48")!, primary: "ns1.vidu.example.",
                                         pointers: [(ip("2001:db8:25::25"), "mx1.vidu.example")])
        return [vidu, one, legacy, reverse]
    }()

    let lab: Lab
    private var servers: [LabServerProcess] = []
    private var mail: LabMailListener?

    /// How IPv6 to `slow` is slowed on this machine.
    static var slowMethod: String {
        Lab.isSupported().delay ? "delayed link: 150 ms each way on the IPv6 host's link"
            : "no TUN devices here: every first IPv6 SYN dropped, so connects wait for the 1 s retransmission"
    }

    /// Builds the lab with `hosts` (the name server always) and starts their servers. On any failure everything
    /// already built is removed before the error is thrown.
    private init(hosts: [Host]) throws {
        let chosen = [Host.ns] + hosts.filter { $0 != .ns }
        lab = try Lab.create(LabSpec(hosts: chosen.map {
            LabHost($0.rawValue, addresses: $0.addresses, behaviours: $0.behaviours)
        }))
        do {
            try startServers(chosen)
        } catch {
            tearDown()
            throw error
        }
    }

    /// Builds the lab, runs `body`, and removes everything whatever `body` does.
    static func with<R>(_ hosts: [Host], _ body: (ServiceLab) throws -> R) throws -> R {
        let lab = try ServiceLab(hosts: hosts)
        defer { lab.tearDown() }
        return try body(lab)
    }

    private func namespace(_ host: Host) throws -> String {
        try #require(lab.namespace(of: host.rawValue))
    }

    private func startServers(_ hosts: [Host]) throws {
        for host in hosts {
            let namespace = try namespace(host)
            switch host {
            case .ns:
                servers.append(try LabDNSServer.start(in: namespace, addresses: host.addresses.filter { $0 != Self.ip("203.0.113.55") },
                                                      zones: Self.zones))
            case .web:
                servers.append(try LabWebServer.start(in: namespace, sites: [
                    LabWebSite(addresses: [Self.ip("203.0.113.80"), Self.ip("2001:db8:80::80"), Self.ip("203.0.113.81"),
                                           Self.ip("203.0.113.82")], page: Self.page),
                    LabWebSite(addresses: [Self.ip("2001:db8:80::81")], page: Self.otherPage),
                ]))
            case .dark, .slow4, .slow6, .mtu:
                servers.append(try LabWebServer.start(in: namespace, sites: [LabWebSite(addresses: host.addresses, page: Self.page)]))
            case .mail:
                mail = try LabMailListener(namespace: namespace)
            }
        }
        if hosts.contains(.slow6) && !Lab.isSupported().delay { try dropFirstSYN(to: Host.slow6.addresses[0]) }
    }

    /// Drops the first SYN of every IPv6 connection to `address` in the router (an nftables set remembers the
    /// client's address and port; the retransmission one second later passes): a slow IPv6 path without TUN devices.
    private func dropFirstSYN(to address: IPAddress) throws {
        let router = try #require(lab.routerNamespace)
        let ruleset = """
            table ip6 v6r_svc_slow {
              set seen { type ipv6_addr . inet_service; flags dynamic,timeout; timeout 60s; }
              chain forward {
                type filter hook forward priority -10; policy accept;
                ip6 daddr \(address) tcp flags & (syn | ack) == syn ip6 saddr . tcp sport @seen accept
                ip6 daddr \(address) tcp flags & (syn | ack) == syn add @seen { ip6 saddr . tcp sport } drop
              }
            }

            """
        try LabCommand.check(inNamespace: router, .nft, ["-f", "-"], input: ruleset)
    }

    /// The servers' private directories and process ids, for the tests that check tear-down.
    var serverDirectories: [String] { servers.map(\.directory) }
    var serverProcessIDs: [Int32] { servers.map(\.processIdentifier) }

    func tearDown() {
        mail?.stop()
        for server in servers { server.stop() }
        try? lab.tearDown()
    }

    /// Runs service checks from the scanner namespace, as `v6ready probe --service` does inside `--netns`.
    func check(_ requests: [ServiceRequest], timeoutMilliseconds: Int = 1000) throws -> [ServiceReport] {
        try NetworkNamespace.withNetworkNamespace(named: lab.scannerNamespace) {
            var options = ServiceCheckOptions()
            options.timeoutMilliseconds = timeoutMilliseconds
            let dns = DNSClient(configuration: ResolverConfiguration(servers: [Self.resolver], timeoutMilliseconds: 1000,
                                                                     attempts: 1))
            let checker = ServiceChecker(options: options, dns: dns,
                                         pmtu: PMTUProber.open(timeoutMilliseconds: 700, retries: 1))
            return checker.check(requests)
        }
    }

    func check(_ profile: CheckProfile, _ name: String) throws -> ServiceReport {
        try #require(try check([ServiceRequest(profile: profile, name: DNSName(name)!)]).first)
    }
}

extension ServiceReport {
    func check(_ name: String, _ address: String? = nil) -> ServiceCheck? {
        checks.first { $0.name == name && (address == nil || $0.address == IPAddress(address!)) }
    }

    /// `aaaa pass, tcp-80-v6 pass, ...`: what a failed expectation prints.
    var summary: String {
        "\(verdict) (\(reason)): " + checks.map { "\($0)" }.joined(separator: "; ")
    }

    var failedChecks: [String] { checks.filter { $0.result == .fail }.map(\.name) }
}
