import V6Core

extension LabSpec {
    /// Throws `LabError.invalidSpec` naming the first problem: names, address ranges (only the lab ranges outside
    /// the transit ranges), duplicates and overlaps, ports, and behaviours that do not fit the host.
    public func validate() throws {
        guard hosts.count <= LabAddressRanges.maximumHosts else {
            throw LabError.invalidSpec("\(hosts.count) hosts; a lab holds at most \(LabAddressRanges.maximumHosts)")
        }
        guard !hosts.isEmpty || bulk != nil else {
            throw LabError.invalidSpec("the spec has neither hosts nor bulk targets")
        }
        var names = Set<String>()
        var owners: [IPAddress: String] = [:]
        for host in hosts {
            guard LabNames.isValidRole(host.name), !LabNames.reservedRoles.contains(host.name) else {
                throw LabError.invalidSpec("host name \"\(host.name)\" must be 1-32 of a-z 0-9 - (not starting with -) "
                    + "and not one of \(LabNames.reservedRoles.sorted().joined(separator: ", "))")
            }
            guard names.insert(host.name).inserted else {
                throw LabError.invalidSpec("two hosts are called \"\(host.name)\"")
            }
            guard !host.addresses.isEmpty else {
                throw LabError.invalidSpec("host \(host.name) has no address")
            }
            for address in host.addresses {
                try requireAvailable(address, for: "host \(host.name)")
                if let owner = owners.updateValue(host.name, forKey: address) {
                    throw LabError.invalidSpec("\(address) is given to both \(owner) and \(host.name)")
                }
            }
            try Self.validatePorts(host.openTCPPorts, for: "host \(host.name)")
            try validateBehaviours(of: host)
            try Self.validateServers(of: host)
        }
        if let bulk { try validate(bulk, hostAddresses: owners) }
        if let resolver {
            guard !hosts.isEmpty else {
                throw LabError.invalidSpec("the scanner's resolver runs in the router, so the spec needs hosts")
            }
            try Self.validate(resolver.zones, for: "the scanner's resolver")
        }
        if let ipv6Only = ipv6OnlyClient {
            guard resolver != nil, hosts.count < LabAddressRanges.maximumHosts else {
                throw LabError.invalidSpec("the IPv6-only client needs hosts (at most \(LabAddressRanges.maximumHosts - 1)) and the scanner's resolver, which its DNS64 forwards to")
            }
            let nat64 = ipv6Only.nat64
            for prefix in [nat64.pool, nat64.prefix.prefix] {
                guard LabAddressRanges.isLabPrefix(prefix), !transit[prefix.family].overlaps(prefix) else {
                    throw LabError.invalidSpec("the IPv6-only client's \(prefix) must lie in the lab ranges, outside the transit ranges")
                }
                if let taken = owners.keys.sorted().first(where: { prefix.contains($0) }) {
                    throw LabError.invalidSpec("the IPv6-only client's \(prefix) holds \(taken) of host \(owners[taken]!)")
                }
            }
            guard !nat64.prefix.isWellKnown else {
                throw LabError.invalidSpec("the IPv6-only client needs a network-specific NAT64 prefix: TAYGA refuses to translate documentation addresses with 64:ff9b::/96")
            }
        }
    }

    // MARK: - Internals

    private func validateBehaviours(of host: LabHost) throws {
        var kinds = Set<String>()
        for behaviour in host.behaviours {
            guard kinds.insert(behaviour.kind).inserted else {
                throw LabError.invalidSpec("host \(host.name) has more than one \(behaviour.kind) behaviour")
            }
            switch behaviour {
            case .ipv6PathBlackholed:
                guard host.families.contains(.v6) else {
                    throw LabError.invalidSpec("host \(host.name): ipv6-path-blackholed needs an IPv6 address")
                }
            case .echoFiltered(let families), .adminProhibited(let families):
                guard !families.isEmpty, families.isSubset(of: host.families) else {
                    throw LabError.invalidSpec("host \(host.name): \(behaviour) needs addresses of each family named")
                }
            case .tcpPortsFiltered(let ports):
                try Self.validatePorts(ports, for: "host \(host.name)")
                guard ports.allSatisfy({ !host.openTCPPorts.contains($0) }) else {
                    throw LabError.invalidSpec("host \(host.name): a port cannot be both open and filtered")
                }
            case .tcpPortsFilteredOver(_, let ports):
                try Self.validatePorts(ports, for: "host \(host.name)")
                guard host.families.count == 2 else {
                    throw LabError.invalidSpec("host \(host.name): \(behaviour) needs addresses of both families (the other family must reach the ports)")
                }
            case .impaired(let impairment):
                try Self.validate(impairment, for: "host \(host.name)")
            case .pmtuBlackHole(let mtu):
                // Below 1280 the kernel turns IPv6 off on the interface altogether (RFC 8200 minimum MTU).
                let minimum = host.families.contains(.v6) ? 1280 : 576
                guard (minimum...1499).contains(mtu) else {
                    throw LabError.invalidSpec("host \(host.name): pmtu-black-hole MTU \(mtu) must be \(minimum)-1499")
                }
            }
        }
    }

    /// Servers listen on their host's own addresses, each (address, port) once, never on a port that also has
    /// the host's plain listener (which takes every address of that port).
    private static func validateServers(of host: LabHost) throws {
        var taken: [String: String] = [:]
        for server in host.servers {
            let owner = "host \(host.name): \(server.program.rawValue)"
            guard !server.addresses.isEmpty else { throw LabError.invalidSpec("\(owner) has no address") }
            for address in server.addresses where !host.addresses.contains(address) {
                throw LabError.invalidSpec("\(owner) listens on \(address), which is not an address of the host")
            }
            for port in server.tcpPorts where host.openTCPPorts.contains(port) {
                throw LabError.invalidSpec("\(owner): port \(port) also has the host's plain listener")
            }
            switch server {
            case .nameServer(_, let zones): try validate(zones, for: owner)
            case .web(let sites): try LabWebServer.validate(sites)
            case .mail(let mail): try mail.validate()
            }
            let endpoints: [String] = switch server {
            case .web(let sites): sites.flatMap { site in site.addresses.flatMap { a in site.ports.map { "\(a) \($0)" } } }
                .uniqued()
            default: server.addresses.flatMap { a in server.tcpPorts.map { "\(a) \($0)" } }
            }
            for endpoint in endpoints {
                if let other = taken.updateValue(server.program.rawValue, forKey: endpoint) {
                    throw LabError.invalidSpec("host \(host.name): \(other) and \(server.program.rawValue) both listen "
                        + "on \(endpoint.replacingOccurrences(of: " ", with: " port "))")
                }
            }
        }
    }

    /// Every zone renders as a zone file, and no origin is served twice.
    private static func validate(_ zones: [LabDNSZone], for owner: String) throws {
        guard !zones.isEmpty else { throw LabError.invalidSpec("\(owner) serves no zone") }
        var origins = Set<String>()
        for zone in zones {
            _ = try zone.zoneFile()
            guard origins.insert(zone.origin.lowercased()).inserted else {
                throw LabError.invalidSpec("\(owner) serves zone \(zone.origin) twice")
            }
        }
    }

    private func validate(_ bulk: LabBulkTargets, hostAddresses: [IPAddress: String]) throws {
        guard !bulk.answering.isEmpty || !bulk.silent.isEmpty else {
            throw LabError.invalidSpec("bulk targets need at least one answering or silent prefix")
        }
        let all = bulk.answering + bulk.silent
        for (index, prefix) in all.enumerated() {
            guard LabAddressRanges.isLabPrefix(prefix) else {
                throw LabError.invalidSpec("bulk prefix \(prefix) is outside the lab ranges "
                    + LabAddressRanges.allowed.map(\.description).joined(separator: ", "))
            }
            guard !prefix.overlaps(transit[prefix.family]) else {
                throw LabError.invalidSpec("bulk prefix \(prefix) overlaps the lab's transit range "
                    + "\(transit[prefix.family])")
            }
            // Equal or nested prefixes would fight: IPv6 looks up the local table before the main one, so a silent
            // prefix inside an answering one would still answer.
            if let other = all[..<index].first(where: { $0.overlaps(prefix) }) {
                throw LabError.invalidSpec("bulk prefixes \(other) and \(prefix) overlap")
            }
            if let (address, host) = hostAddresses.first(where: { prefix.contains($0.key) }) {
                throw LabError.invalidSpec("bulk prefix \(prefix) holds \(address) of host \(host)")
            }
        }
        try Self.validatePorts(bulk.openTCPPorts, for: "bulk targets")
        if let impairment = bulk.impairment { try Self.validate(impairment, for: "bulk targets") }
    }

    private func requireAvailable(_ address: IPAddress, for owner: String) throws {
        guard LabAddressRanges.isLabAddress(address) else {
            throw LabError.invalidSpec("\(owner): \(address) is outside the lab ranges "
                + LabAddressRanges.allowed.map(\.description).joined(separator: ", "))
        }
        guard address.ipv6?.zone == nil else {
            throw LabError.invalidSpec("\(owner): \(address) has a zone; lab addresses are global")
        }
        guard LabAddressRanges.isAvailable(address, transit: transit) else {
            throw LabError.invalidSpec("\(owner): \(address) lies in the lab's transit range "
                + "\(transit[address.family]), kept for the lab's own links")
        }
    }

    private static func validatePorts(_ ports: [Int], for owner: String) throws {
        for port in ports where !(1...65535).contains(port) {
            throw LabError.invalidSpec("\(owner): TCP port \(port) is outside 1-65535")
        }
        guard Set(ports).count == ports.count else {
            throw LabError.invalidSpec("\(owner): a TCP port is listed twice")
        }
    }

    private static func validate(_ impairment: LabImpairment, for owner: String) throws {
        guard (0...60_000).contains(impairment.delayMilliseconds),
              (0...impairment.delayMilliseconds).contains(impairment.jitterMilliseconds),
              (0...100).contains(impairment.lossPercent) else {
            throw LabError.invalidSpec("\(owner): impairment \(impairment) needs delay 0-60000 ms, "
                + "jitter 0...delay, loss 0-100 %")
        }
        guard impairment.addsDelay || impairment.lossPercent > 0 else {
            throw LabError.invalidSpec("\(owner): an impairment needs some delay or loss")
        }
    }
}
