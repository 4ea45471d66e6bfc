import Foundation
import V6Core

/// A lab that stands in for an inventory's network (the demo): the spec to build, the cases broken on purpose with
/// what the scan must find, and the inventoried addresses the lab leaves silent or cannot hold.
public struct InventoryLab: Sendable, Hashable {
    /// The spec to build.
    public var spec: LabSpec
    /// The broken-on-purpose cases, by service id.
    public var cases: [InventoryLabCase]
    /// What the scan of this lab must find, case by case and for every other service and address.
    public var intent: InventoryLabIntent
    /// Inventoried addresses the lab leaves silent: IPv6 of devices whose segment has no IPv6 prefix yet.
    public var silentAddresses: [IPAddress]
    /// Inventoried addresses the lab cannot use because they lie outside the lab ranges (or in its transit ranges).
    public var skippedAddresses: [IPAddress]
    /// Service host names the lab's DNS does not serve (not under `.example` or `.test`).
    public var skippedNames: [String]

    /// What the inventory lab needs and this machine lacks (its servers; openssl for the TLS certificates and
    /// ldnsutils to sign the zones), or nil when everything is installed.
    public static var missing: String? {
        if let programs = LabServerProgram.missing(LabServerProgram.allCases) ?? LabTool.missing([.openssl, .ldnsKeygen, .ldnsSignzone]) {
            return programs
        }
        return FileManager.default.fileExists(atPath: "/dev/net/tun") ? nil : "/dev/net/tun is missing (TAYGA, the IPv6-only client's NAT64, needs a TUN device)"
    }

    /// Service id → the failure its case shows.
    public var brokenServices: [String: InventoryLabFailure] {
        Dictionary(cases.map { ($0.service, $0.failure) }, uniquingKeysWith: { first, _ in first })
    }
}

/// How an address uses one of its ports in the inventory lab, which decides what listens there. When services
/// disagree about a port of one address, the later case wins (a name server's port 53 is NSD's).
enum InventoryPortUse: Int, Hashable, Comparable, Sendable {
    /// A plain listener: accepts and says nothing (app, integration, VPN, other).
    case plain
    /// nginx (web and portal services, every port they list).
    case web
    /// The SMTP listener (port 25 of a mail service).
    case mail
    /// NSD (port 53 of a DNS service).
    case dns

    static func < (lhs: InventoryPortUse, rhs: InventoryPortUse) -> Bool { lhs.rawValue < rhs.rawValue }

    init(kind: ServiceKind, port: Int) {
        switch kind {
        case .dns where port == 53: self = .dns
        case .mail where port == 25: self = .mail
        case .web, .publicServicePortal: self = .web
        default: self = .plain
        }
    }
}

extension LabSpec {
    /// The network failures the cases use, in the order they are handed out over the candidates.
    public static let inventoryFailures: [LabBehaviour] = [
        .ipv6PathBlackholed, .echoFiltered([.v6]), .adminProhibited([.v6]), .pmtuBlackHole(mtu: 1280),
    ]

    /// A lab in which every inventoried address answers as the inventory says it should, and every service is
    /// served by the real server its kind names:
    ///
    /// - every device and service IPv4 address, the IPv6 addresses of services, and those of devices whose segment
    ///   has an IPv6 prefix (the others stay silent, as the inventory says they are not configured yet);
    /// - NSD on the DNS services' addresses, authoritative for the zones the service names imply
    ///   (`InventoryLabZones`); nginx on the web and portal services' ports, one site per host name with the same
    ///   page over both families; the SMTP listener on port 25 of mail services; a plain listener on every other
    ///   service port (any other port answers RST);
    /// - the scanner's own resolver (`LabResolver`): NSD in the router serving the same zones, named in
    ///   `/etc/netns/<scanner>/resolv.conf`, so the scan never needs this machine's resolver;
    /// - link addresses from ranges the inventory does not use (`LabTransit.avoiding`);
    /// - with `ipv6OnlyClient`, an IPv6-only client namespace with TAYGA (NAT64) and Unbound (DNS64) in the router
    ///   (`LabIPv6OnlyClient`), its prefix and pool from ranges the inventory does not use either.
    ///
    /// With `breakingOnPurpose`, seven cases, each in a host of its own: one per real server kind that only a real
    /// server can show (a name server that does not answer over IPv6, a mail server that greets only over IPv4, a
    /// portal whose IPv6 page differs) and the four `inventoryFailures`, spread evenly over the TCP and web services
    /// whose addresses no other service shares — so the choice is stable and no other service is hit.
    ///
    /// Other addresses share namespaces by how they use their ports (a plain listener serves every address of its
    /// namespace), so a lab for hundreds of addresses stays within a few dozen namespaces.
    public static func fromInventory(_ inventory: Inventory, breakingOnPurpose: Bool = true, ipv6OnlyClient: Bool = true,
                                     now: Date = Date()) -> InventoryLab {
        var builder = InventoryLabBuilder(inventory, now: now)
        return builder.build(breakingOnPurpose: breakingOnPurpose, ipv6OnlyClient: ipv6OnlyClient)
    }
}

/// The steps of `LabSpec.fromInventory`, apart so each stays short.
struct InventoryLabBuilder {
    let inventory: Inventory
    let services: [Service]
    let transit: LabTransit
    /// When the lab is built: its certificates are valid from ten days before to a year after.
    let now: Date
    /// Every held address, how it uses each port; first-seen order.
    var uses: [IPAddress: [Int: InventoryPortUse]] = [:]
    var order: [IPAddress] = []
    var silent: [IPAddress] = []
    var skipped: [IPAddress] = []
    /// The services at each held address, in id order.
    var users: [IPAddress: [Service]] = [:]

    init(_ inventory: Inventory, now: Date = Date()) {
        self.inventory = inventory
        self.now = now
        services = inventory.services.sorted { $0.id < $1.id }
        let addresses = inventory.devices.flatMap { $0.ipv4 + $0.ipv6 } + inventory.services.flatMap { $0.ipv4 + $0.ipv6 }
        transit = LabTransit.avoiding(addresses: addresses,
                                      prefixes: inventory.segments.flatMap { $0.ipv4 + $0.ipv6 })
    }

    /// The ports a service is checked on: its own, or its kind's defaults (80 and 443, 25, 53) when it lists none.
    static func ports(of service: Service) -> [Int] {
        (service.ports.isEmpty ? CheckProfile(kind: service.kind).defaultPorts : service.ports)
            .filter { (1...65535).contains($0) }
    }

    func isHeld(_ address: IPAddress) -> Bool { uses[address] != nil }

    mutating func include(_ address: IPAddress, _ ports: [(Int, InventoryPortUse)]) {
        guard LabAddressRanges.isAvailable(address, transit: transit), address.ipv6?.zone == nil else {
            if !skipped.contains(address) { skipped.append(address) }
            return
        }
        if uses[address] == nil { order.append(address); uses[address] = [:] }
        for (port, use) in ports { uses[address]![port] = max(uses[address]![port] ?? use, use) }
    }

    mutating func build(breakingOnPurpose: Bool, ipv6OnlyClient: Bool = false) -> InventoryLab {
        for service in services {
            let ports = Self.ports(of: service).map { ($0, InventoryPortUse(kind: service.kind, port: $0)) }
            for address in service.ipv4 + service.ipv6 {
                include(address, ports)
                if isHeld(address) { users[address, default: []].append(service) }
            }
        }
        for device in inventory.devices {
            let segmentHasIPv6 = !(inventory.segment(device.segment)?.ipv6.isEmpty ?? true)
            for address in device.ipv4 { include(address, []) }
            for address in device.ipv6 {
                if segmentHasIPv6 {
                    include(address, [])
                } else if !isHeld(address), !silent.contains(address) {
                    silent.append(address)
                }
            }
        }
        silent.removeAll(where: isHeld)

        var dns = InventoryLabZones.zones(for: services, isHosted: isHeld)
        let cases = breakingOnPurpose ? chooseCases(zones: dns.zones) : []
        // Every forward zone is signed (the scan validates from the lab's trust anchors); the expired-signatures
        // case's name is the one whose signatures a validator refuses.
        let expired = cases.filter { $0.failure == .expiredSignatures }.map(\.target)
        for index in dns.zones.indices where !dns.zones[index].origin.hasSuffix(".arpa") && breakingOnPurpose {
            dns.zones[index].signing = LabZoneSigning(expiredOwners: expired.filter {
                InventoryLabZones.zone(of: $0) == dns.zones[index].origin
            })
        }
        var hosts: [LabHost] = []
        var taken = Set<IPAddress>()
        for (index, chosen) in cases.enumerated() {
            taken.formUnion(chosen.addresses)
            var behaviours: [LabBehaviour] = if case .network(let behaviour) = chosen.failure { [behaviour] } else { [] }
            var made = host("broken-\(index + 1)", chosen.addresses, behaviours: behaviours, failure: chosen, zones: dns.zones)
            if chosen.failure == .sshFilteredOverIPv4Only {
                behaviours.append(.tcpPortsFilteredOver(.v4, [22]))
                made.behaviours = behaviours
                made.openTCPPorts = (made.openTCPPorts + [22]).uniqued().sorted()
            }
            hosts.append(made)
        }
        let withClient = ipv6OnlyClient && !dns.zones.isEmpty
        hosts += groupHosts(excluding: taken, room: LabAddressRanges.maximumHosts - hosts.count - (withClient ? 1 : 0),
                            zones: dns.zones)
        let client = withClient ? LabIPv6OnlyClient.avoiding(
            addresses: inventory.devices.flatMap { $0.ipv4 + $0.ipv6 } + inventory.services.flatMap { $0.ipv4 + $0.ipv6 },
            prefixes: inventory.segments.flatMap { $0.ipv4 + $0.ipv6 }, transit: transit) : nil
        let spec = LabSpec(hosts: hosts, transit: transit,
                           resolver: dns.zones.isEmpty ? nil : LabResolver(zones: dns.zones), ipv6OnlyClient: client)
        let intent = InventoryLabIntent(cases: cases, services: services, devices: inventory.devices, silentAddresses: silent,
                                        isHeld: isHeld, skippedNames: Set(dns.skipped))
        return InventoryLab(spec: spec, cases: cases, intent: intent, silentAddresses: silent,
                            skippedAddresses: skipped, skippedNames: dns.skipped)
    }

    // MARK: - Cases

    /// Every address of the service is held, and one of them is IPv6.
    func fullyHeld(_ service: Service) -> Bool {
        let all = service.ipv4 + service.ipv6
        return !all.isEmpty && all.allSatisfy(isHeld) && !service.ipv6.isEmpty
    }

    /// No other service uses the service's addresses (for a `port`: no other service there uses that port).
    func alone(_ service: Service, port: Int? = nil) -> Bool {
        (service.ipv4 + service.ipv6).allSatisfy { address in
            (users[address] ?? []).allSatisfy { other in
                other.id == service.id || (port.map { !Self.ports(of: other).contains($0) } ?? false)
            }
        }
    }

    /// Public services first (what citizens meet), then by id.
    static func preferred(_ candidates: [Service], kinds: [ServiceKind] = []) -> Service? {
        candidates.min { a, b in
            let rankA = (kinds.firstIndex(of: a.kind) ?? kinds.count, a.audience == .public ? 0 : 1)
            let rankB = (kinds.firstIndex(of: b.kind) ?? kinds.count, b.audience == .public ? 0 : 1)
            return rankA != rankB ? rankA < rankB : a.id < b.id
        }
    }

    func chooseCases(zones: [LabDNSZone] = []) -> [InventoryLabCase] {
        var chosen: [(Service, InventoryLabFailure)] = []
        let nameServers = services.filter { $0.kind == .dns && Self.ports(of: $0).contains(53) && fullyHeld($0) && alone($0, port: 53) }
        if let service = Self.preferred(nameServers) { chosen.append((service, .nameServerIPv4Only)) }
        let mailServers = services.filter {
            $0.kind == .mail && Self.ports(of: $0).contains(25) && fullyHeld($0) && alone($0, port: 25)
        }
        if let service = Self.preferred(mailServers) { chosen.append((service, .mailGreetsIPv4Only)) }
        let sites = services.filter {
            [.web, .publicServicePortal].contains($0.kind) && Self.ports(of: $0).contains(80) && fullyHeld($0) && alone($0)
        }
        if let service = Self.preferred(sites, kinds: [.publicServicePortal, .web]) {
            chosen.append((service, .otherPageOverIPv6))
        }
        // Security: another certificate over IPv6 on a TLS site; expired signatures on a signed name.
        let tlsSites = services.filter {
            [.web, .publicServicePortal].contains($0.kind) && Self.ports(of: $0).contains(443) && fullyHeld($0) && alone($0)
                && !chosen.map(\.0.id).contains($0.id)
        }
        if let service = Self.preferred(tlsSites, kinds: [.publicServicePortal, .web]) {
            chosen.append((service, .otherCertificateOverIPv6))
        }
        let forward = Set(zones.map(\.origin).filter { !$0.hasSuffix(".arpa") })
        // Signatures belong to a name, not an address: any web service whose name no other service carries.
        let names = services.compactMap { $0.hostname.flatMap(InventoryLabZones.normalized) }
        let signedNames = services.filter { service in
            guard [.web, .publicServicePortal].contains(service.kind), fullyHeld(service),
                  !chosen.map(\.0.id).contains(service.id),
                  let name = service.hostname.flatMap(InventoryLabZones.normalized) else { return false }
            return forward.contains(InventoryLabZones.zone(of: name)) && names.filter { $0 == name }.count == 1
        }
        if let service = Self.preferred(signedNames, kinds: [.publicServicePortal, .web]) {
            chosen.append((service, .expiredSignatures))
        }
        let picked = Set(chosen.map(\.0.id))
        let breakable = services.filter { service in
            !picked.contains(service.id) && [.tcp, .web].contains(CheckProfile(kind: service.kind))
                && !Self.ports(of: service).isEmpty && fullyHeld(service) && alone(service)
        }
        let count = min(LabSpec.inventoryFailures.count, breakable.count)
        for index in 0..<count {
            chosen.append((breakable[index * breakable.count / count], .network(LabSpec.inventoryFailures[index])))
        }
        var cases = chosen.map { Self.makeCase($0.0, $0.1) }
        if let device = exposableDevice() { cases.append(Self.exposureCase(record: device.id, addresses: device.ipv4 + device.ipv6)) }
        return cases.sorted { $0.service < $1.service }
    }

    /// A dual-stack device in a segment with IPv6 whose addresses no service uses, for the exposure case: a
    /// server first, then by id.
    func exposableDevice() -> Device? {
        let serviceAddresses = Set(services.flatMap { $0.ipv4 + $0.ipv6 })
        let candidates = inventory.devices.filter { device in
            !device.ipv4.isEmpty && !device.ipv6.isEmpty && !(inventory.segment(device.segment)?.ipv6.isEmpty ?? true)
                && (device.ipv4 + device.ipv6).allSatisfy { isHeld($0) && !serviceAddresses.contains($0) }
        }
        return candidates.min { a, b in
            let rankA = a.role == .server ? 0 : 1, rankB = b.role == .server ? 0 : 1
            return rankA != rankB ? rankA < rankB : a.id < b.id
        }
    }

    /// The exposure case of `device`: SSH open over IPv6, dropped over IPv4, so the parity audit finds
    /// `ipv6-exposed` on port 22.
    static func exposureCase(record: String, addresses: [IPAddress]) -> InventoryLabCase {
        InventoryLabCase(service: record, target: record, device: nil, failure: .sshFilteredOverIPv4Only,
                         addresses: addresses, verdict: nil, check: nil,
                         finding: .init(record: record, code: "ipv6-exposed"), echoUnanswered: false)
    }

    /// The case for `service` broken by `failure`, with the verdict and sub-check the scan must show.
    static func makeCase(_ service: Service, _ failure: InventoryLabFailure) -> InventoryLabCase {
        let port = ports(of: service).first ?? 0
        typealias Check = InventoryLabCase.ExpectedCheck
        var verdict = ServiceColour.yellow
        var device: String?
        var echo = false
        var finding: InventoryLabCase.ExpectedFinding?
        let check: Check
        switch failure {
        case .network(.ipv6PathBlackholed):
            check = Check(name: "tcp-\(port)-v6", result: .fail, phrase: "no answer over IPv6")
        case .network(.adminProhibited):
            check = Check(name: "tcp-\(port)-v6", result: .fail, phrase: "unreachable over IPv6")
        case .network(.pmtuBlackHole):
            check = Check(name: "pmtu-v6", result: .fail, phrase: "Packet Too Big is dropped")
        case .network:
            // Echo filtered: the service works, and the scan must say so; only echo to its IPv6 address is silent.
            verdict = .green
            device = service.device
            echo = true
            check = Check(name: "pmtu-v6", result: .notTestable, phrase: "ICMPv6 echo is filtered")
        case .nameServerIPv4Only:
            check = Check(name: "dns-udp-v6", result: .fail, phrase: "no DNS answer over IPv6 UDP")
        case .mailGreetsIPv4Only:
            check = Check(name: "smtp-v6", result: .fail, phrase: "without a greeting")
        case .otherPageOverIPv6:
            check = Check(name: "same-page", result: .fail, phrase: "pages are only")
        case .otherCertificateOverIPv6:
            check = Check(name: "tls-same-certificate", result: .fail, phrase: "different certificates per family")
            finding = .init(record: service.id, code: "certificate-differs")
        case .expiredSignatures:
            check = Check(name: "dnssec", result: .fail, phrase: "bogus (expired)")
            finding = .init(record: service.id, code: "dnssec-bogus:expired")
        case .sshFilteredOverIPv4Only:
            // A device's case (`exposureCase`); a record with this failure is judged by its finding alone.
            return exposureCase(record: service.id, addresses: service.ipv4 + service.ipv6)
        }
        let target = service.hostname.flatMap(InventoryLabZones.normalized) ?? service.id
        return InventoryLabCase(service: service.id, target: target, device: device, failure: failure,
                                addresses: service.ipv4 + service.ipv6, verdict: verdict, check: check,
                                finding: finding, echoUnanswered: echo)
    }

    // MARK: - Hosts

    /// The held addresses outside the cases, one host per way of using ports; the largest groups first, the tail
    /// merged into one host if namespaces run out.
    func groupHosts(excluding taken: Set<IPAddress>, room: Int, zones: [LabDNSZone]) -> [LabHost] {
        var groups: [[Int]: [IPAddress]] = [:]
        for address in order where !taken.contains(address) {
            groups[Self.key(uses[address]!), default: []].append(address)
        }
        var sorted = groups.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count
                                                                        : $0.key.lexicographicallyPrecedes($1.key) }
        if sorted.count > room, room > 0 {
            let tail = sorted[(room - 1)...]
            sorted = Array(sorted[..<(room - 1)]) + [(tail.flatMap(\.key), tail.flatMap(\.value))]
        }
        return sorted.enumerated().map { index, group in
            host(group.key.isEmpty ? "no-ports" : "group-\(index + 1)", group.value, zones: zones)
        }
    }

    /// A group key: every (port, use) of the address, as `port * 4 + use`, sorted.
    static func key(_ uses: [Int: InventoryPortUse]) -> [Int] {
        uses.map { $0.key * 4 + $0.value.rawValue }.sorted()
    }

    /// One host for `addresses`: plain listeners on the plain ports, and the real servers for the rest. A port
    /// that addresses of one host use differently (a merged group) is served the strongest way on all of them.
    func host(_ name: String, _ addresses: [IPAddress], behaviours: [LabBehaviour] = [],
              failure: InventoryLabCase? = nil, zones: [LabDNSZone]) -> LabHost {
        var strongest: [Int: InventoryPortUse] = [:]
        for address in addresses {
            for (port, use) in uses[address] ?? [:] { strongest[port] = max(strongest[port] ?? use, use) }
        }
        if zones.isEmpty { for (port, use) in strongest where use == .dns { strongest[port] = .plain } }
        func using(_ use: InventoryPortUse) -> [IPAddress] {
            addresses.filter { address in (uses[address] ?? [:]).keys.contains { strongest[$0] == use } }
        }
        var servers: [LabServer] = []
        var nameServer = using(.dns)
        if failure?.failure == .nameServerIPv4Only { nameServer = nameServer.filter { $0.family == .v4 } }
        if !nameServer.isEmpty { servers.append(.nameServer(addresses: nameServer, zones: zones)) }
        servers += mailServers(using(.mail), muteIPv6: failure?.failure == .mailGreetsIPv4Only)
        let sites = webSites(addresses, strongest: strongest, otherPageOverIPv6: failure?.failure == .otherPageOverIPv6,
                             otherCertificateOverIPv6: failure?.failure == .otherCertificateOverIPv6)
        if !sites.isEmpty { servers.append(.web(sites: sites)) }
        let plain = strongest.filter { $0.value == .plain }.keys.sorted()
        return LabHost(name, addresses: addresses, openTCPPorts: plain, behaviours: behaviours, servers: servers)
    }

    /// SMTP listeners, one per banner: each address greets with the name of its first mail service.
    func mailServers(_ addresses: [IPAddress], muteIPv6: Bool) -> [LabServer] {
        var byBanner: [(banner: String, greeting: [IPAddress], mute: [IPAddress])] = []
        for address in addresses {
            let service = (users[address] ?? []).first { $0.kind == .mail && Self.ports(of: $0).contains(25) }
            let name = service.flatMap { $0.hostname.flatMap(InventoryLabZones.normalized) ?? $0.id } ?? "mail.lab.example"
            let banner = "\(name) ESMTP v6ready-lab"
            let mute = muteIPv6 && address.family == .v6
            if let index = byBanner.firstIndex(where: { $0.banner == banner }) {
                if mute { byBanner[index].mute.append(address) } else { byBanner[index].greeting.append(address) }
            } else {
                byBanner.append((banner, mute ? [] : [address], mute ? [address] : []))
            }
        }
        return byBanner.map { .mail(LabMailServer(greeting: $0.greeting, mute: $0.mute, banner: $0.banner)) }
    }

    /// One nginx site per web host name on these addresses (every family of a name on one site, so the page is
    /// the same over both), a site without a name for any web port no service names, and — for the portal case —
    /// the name's IPv6 addresses on a site of their own with the web server's default page. Port 443 speaks TLS
    /// with a certificate for the site's name (the certificate case: another one, issued a day later, on IPv6).
    func webSites(_ addresses: [IPAddress], strongest: [Int: InventoryPortUse], otherPageOverIPv6: Bool,
                  otherCertificateOverIPv6: Bool = false) -> [LabWebSite] {
        var sites: [LabWebSite] = []
        var covered = Set<String>()
        let here = Set(addresses)
        let webPorts = strongest.filter { $0.value == .web }.keys
        for service in services where [.web, .publicServicePortal].contains(service.kind) {
            let mine = (service.ipv4 + service.ipv6).filter { here.contains($0) }
            let ports = Self.ports(of: service).filter(webPorts.contains)
            guard !mine.isEmpty, !ports.isEmpty else { continue }
            let names = service.hostname.flatMap(InventoryLabZones.normalized).map { [$0] } ?? []
            let page = Self.page(for: service)
            let tls = tlsSetting(names: names, ports: ports)
            if let index = sites.firstIndex(where: { $0.names == names && !names.isEmpty }) {
                sites[index].addresses = (sites[index].addresses + mine).uniqued()
                sites[index].ports = (sites[index].ports + ports).uniqued()
                if sites[index].tls == nil { sites[index].tls = tlsSetting(names: names, ports: sites[index].ports) }
            } else if otherPageOverIPv6 || otherCertificateOverIPv6 {
                let v4 = mine.filter { $0.family == .v4 }, v6 = mine.filter { $0.family == .v6 }
                let v6TLS = otherCertificateOverIPv6 ? tlsSetting(names: names, ports: ports, issuedDaysAgo: 9) : tls
                if !v4.isEmpty { sites.append(LabWebSite(addresses: v4, ports: ports, page: page, names: names, tls: tls)) }
                if !v6.isEmpty {
                    sites.append(LabWebSite(addresses: v6, ports: ports, page: otherPageOverIPv6 ? Self.defaultPage : page,
                                            names: names, tls: v6TLS))
                }
            } else {
                sites.append(LabWebSite(addresses: mine, ports: ports, page: page, names: names, tls: tls))
            }
            for address in mine { for port in ports { covered.insert("\(address) \(port)") } }
        }
        var unnamed: [IPAddress] = []
        var unnamedPorts: [Int] = []
        for address in addresses {
            for port in (uses[address] ?? [:]).keys.sorted() where strongest[port] == .web && !covered.contains("\(address) \(port)") {
                unnamed.append(address)
                unnamedPorts.append(port)
            }
        }
        if !unnamed.isEmpty {
            let ports = unnamedPorts.uniqued().sorted()
            sites.append(LabWebSite(addresses: unnamed.uniqued(), ports: ports, page: Self.defaultPage,
                                    tls: tlsSetting(names: [], ports: ports)))
        }
        return sites
    }

    /// TLS on 443 when the site listens there: a certificate for its names (`lab.example` for a site without
    /// one), valid from `issuedDaysAgo` days before the lab was built to a year after. Equal settings share one
    /// certificate when the lab makes them (`LabWebServer`), so another issue day means another certificate.
    func tlsSetting(names: [String], ports: [Int], issuedDaysAgo: Double = 10) -> LabTLS? {
        guard ports.contains(443) else { return nil }
        let certificate = LabCertificate(commonName: names.first ?? "lab.example", dnsNames: names.isEmpty ? nil : names,
                                         notBefore: LabCertificate.stamp(days: -issuedDaysAgo, from: now),
                                         notAfter: LabCertificate.stamp(days: 365, from: now))
        return LabTLS(certificate: certificate)
    }

    /// The page of a web service: its name and host name over a body of ordinary portal text, a few kilobytes,
    /// in UTF-8 Vietnamese as the province writes it.
    static func page(for service: Service) -> String {
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }
        let title = escaped(service.name)
        let body = String(repeating: "<p>Tin tức, văn bản chỉ đạo điều hành, thủ tục hành chính và dịch vụ công trực tuyến.</p>\n",
                          count: 24)
        return "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>\(title)</title></head>\n"
            + "<body><h1>\(title)</h1>\n<p>\(escaped(service.hostname ?? service.id))</p>\n\(body)</body></html>\n"
    }

    /// What a web server shows when nothing is configured for the name: the "IPv6 points at the wrong server" page.
    static let defaultPage = """
        <!DOCTYPE html>
        <html><head><title>Welcome to nginx!</title></head>
        <body><h1>Welcome to nginx!</h1>
        <p>If you see this page, the nginx web server is successfully installed and working.
        Further configuration is required.</p></body></html>

        """
}
