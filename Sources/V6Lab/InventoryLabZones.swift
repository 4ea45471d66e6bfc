import V6Core

/// The DNS an inventory implies, for the lab that stands in for it. The inventory keeps no zone files, only services
/// with host names and addresses, so the lab publishes what those say and nothing more:
///
/// - a forward zone per registrable name (the last two labels, `vidu.example`), with an A or AAAA record for every
///   address of every service that carries the name (only addresses the lab holds: publishing one it does not hold
///   would make a finding of the lab's own making);
/// - at each zone's apex, NS records for its public DNS services (all of its DNS services when none is public);
/// - MX records for each mail service that takes mail on port 25, at its parent name (`mx1.vidu.example` receives
///   for `vidu.example`), preferences 10, 20, … in name order;
/// - reverse zones (`ip6.arpa` per /48, `in-addr.arpa` per /24) with one PTR per address, naming the service
///   there that most needs one: a mail server first (receivers check it), then a name server, then the first by id.
///
/// Only names under `.example` or `.test` are served (the lab never answers for a real domain); the others are
/// returned as skipped. Pure: nothing here touches the system.
enum InventoryLabZones {
    /// The zones, forward ones first (by origin), then reverse ones; and the host names left out.
    static func zones(for services: [Service], isHosted: (IPAddress) -> Bool) -> (zones: [LabDNSZone], skipped: [String]) {
        var skipped: [String] = []
        var named: [(name: String, service: Service)] = []
        for service in services.sorted(by: { $0.id < $1.id }) {
            guard let raw = service.hostname else { continue }
            guard let name = normalized(raw) else {
                if !skipped.contains(raw) { skipped.append(raw) }
                continue
            }
            named.append((name, service))
        }

        // Forward records, per zone.
        var addresses: [String: [IPAddress]] = [:]
        for (name, service) in named {
            for address in service.ipv4 + service.ipv6 where isHosted(address) {
                if !(addresses[name]?.contains(address) ?? false) { addresses[name, default: []].append(address) }
            }
        }
        let origins = Set(named.map { zone(of: $0.name) }).sorted()
        var records: [String: [LabDNSZone.Record]] = [:]
        var primaries: [String: String] = [:]
        for origin in origins {
            let inZone = named.filter { zone(of: $0.name) == origin }
            let dns = inZone.filter { $0.service.kind == .dns }
            let authoritative = dns.contains { $0.service.audience == .public } ? dns.filter { $0.service.audience == .public } : dns
            let servers = Array(Set(authoritative.map(\.name))).sorted()
            primaries[origin] = (servers.first ?? origin) + "."
            records[origin, default: []] += servers.map { LabDNSZone.Record("@", "NS", $0 + ".") }
            // MX: the mail domain of each port-25 mail server is its parent name (or itself at the apex).
            var exchanges: [String: [String]] = [:]
            for (name, service) in inZone where service.kind == .mail && takesMail(service) {
                let domain = name == origin ? name : parent(of: name)
                if !(exchanges[domain]?.contains(name) ?? false) { exchanges[domain, default: []].append(name) }
            }
            for (domain, hosts) in exchanges.sorted(by: { $0.key < $1.key }) {
                for (index, host) in hosts.sorted().enumerated() {
                    records[origin, default: []].append(LabDNSZone.Record(owner(domain, in: origin), "MX",
                                                                          "\((index + 1) * 10) \(host)."))
                }
            }
            for name in Set(inZone.map(\.name)).sorted() {
                for address in addresses[name] ?? [] {
                    records[origin, default: []].append(LabDNSZone.Record(owner(name, in: origin),
                                                                          address.family == .v4 ? "A" : "AAAA",
                                                                          address.description))
                }
            }
        }
        var zones = origins.map { LabDNSZone(origin: $0, primary: primaries[$0]!, records: records[$0] ?? []) }

        // Reverse zones: one PTR per hosted address, the service that most needs one.
        var pointer: [IPAddress: (rank: Int, id: String, name: String)] = [:]
        for (name, service) in named {
            let rank = service.kind == .mail && takesMail(service) ? 0 : service.kind == .dns ? 1 : 2
            for address in service.ipv4 + service.ipv6 where isHosted(address) {
                if let current = pointer[address], (current.rank, current.id) <= (rank, service.id) { continue }
                pointer[address] = (rank, service.id, name)
            }
        }
        guard let primary = zones.first?.primary else { return ([], skipped) }
        var reverse: [IPPrefix: [(IPAddress, String)]] = [:]
        for (address, chosen) in pointer {
            reverse[IPPrefix(address: address, length: address.family == .v6 ? 48 : 24), default: []]
                .append((address, chosen.name))
        }
        for (prefix, entries) in reverse.sorted(by: { $0.key < $1.key }) {
            zones.append(LabDNSZone.reverse(of: prefix, primary: primary,
                                            pointers: entries.sorted { $0.0 < $1.0 }))
        }
        return (zones, skipped)
    }

    /// Whether a mail service takes mail: port 25 listed, or no ports (the mail checks' default is 25).
    static func takesMail(_ service: Service) -> Bool {
        service.ports.isEmpty || service.ports.contains(25)
    }

    /// Lower case, no trailing dot; nil unless it is a host name of at least two labels under `.example` or
    /// `.test` made of letters, digits and hyphens (what a zone file takes as it is).
    static func normalized(_ hostname: String) -> String? {
        var name = hostname.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, name.utf8.count <= 253, ["example", "test"].contains(labels.last!),
              labels.allSatisfy({ label in
                  (1...63).contains(label.utf8.count) && label.first != "-" && label.last != "-"
                      && label.utf8.allSatisfy { LabNames.isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
              }) else { return nil }
        return name
    }

    /// The zone a name belongs to: its last two labels.
    static func zone(of name: String) -> String {
        name.split(separator: ".").suffix(2).joined(separator: ".")
    }

    static func parent(of name: String) -> String {
        name.split(separator: ".").dropFirst().joined(separator: ".")
    }

    /// The owner as a zone file writes it: `@` for the apex, else the labels before the origin.
    static func owner(_ name: String, in origin: String) -> String {
        name == origin ? "@" : String(name.dropLast(origin.count + 1))
    }
}
