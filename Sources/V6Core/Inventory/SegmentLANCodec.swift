/// The LAN control-plane fields of a segment (`routers`, `address_assignment`, `dhcpv6`, `dhcpv6_servers`): what
/// `v6ready lan` judges router advertisements and DHCPv6 answers against. All optional; left out when empty.
extension InventoryCodec {
    static func decodeSegmentLAN(_ o: inout ObjectReader, into segment: inout Segment) {
        segment.routers = identifierList(&o, "routers")
        segment.addressAssignment = o.member("address_assignment") == nil ? nil : o.word("address_assignment", AddressAssignment.self)
        if let value = o.member("dhcpv6") {
            if case let .bool(flag) = value { segment.dhcpv6 = flag } else {
                o.problem(o.path.member("dhcpv6"), "expected true or false, found \(value.typeName)")
            }
        }
        segment.dhcpv6Servers = identifierList(&o, "dhcpv6_servers")
    }

    static func encodeSegmentLAN(_ s: Segment, into o: inout JSONObjectBuilder) {
        if !s.routers.isEmpty { o.add("routers", strings: s.routers) }
        o.addIfPresent("address_assignment", s.addressAssignment?.rawValue)
        if let dhcpv6 = s.dhcpv6 { o.add("dhcpv6", .bool(dhcpv6)) }
        if !s.dhcpv6Servers.isEmpty { o.add("dhcpv6_servers", strings: s.dhcpv6Servers) }
    }

    /// An optional array of identifiers, each checked like `id`.
    private static func identifierList(_ o: inout ObjectReader, _ key: String) -> [String] {
        o.array(key) { reader, value, path -> String? in
            guard case let .string(id) = value else {
                reader.problem(path, "expected a device id string, found \(value.typeName)")
                return nil
            }
            if let why = IdentifierRules.problem(with: id) { reader.problem(path, why); return nil }
            return id
        }
    }
}

extension InventoryValidator {
    /// Checks one segment's LAN fields: the devices named exist and are named once, and `dhcpv6` agrees with the
    /// address assignment.
    static func segmentLANProblems(_ segment: Segment, path: JSONPath, file: String, deviceIDs: Set<String>) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for (key, ids) in [("routers", segment.routers), ("dhcpv6_servers", segment.dhcpv6Servers)] {
            var seen = Set<String>()
            for (i, id) in ids.enumerated() {
                if !deviceIDs.contains(id) {
                    problems.append(Diagnostic(file: file, path: path.member(key).index(i),
                                               message: "\(quoted(id)) is not a device of this inventory"))
                } else if !seen.insert(id).inserted {
                    problems.append(Diagnostic(file: file, path: path.member(key).index(i), message: "\(quoted(id)) is listed twice"))
                }
            }
        }
        if let dhcpv6 = segment.dhcpv6, let assignment = segment.addressAssignment {
            if !dhcpv6 && assignment.usesDHCPv6 {
                problems.append(Diagnostic(file: file, path: path.member("dhcpv6"),
                                           message: "false contradicts address_assignment \(quoted(assignment.rawValue)), which needs a DHCPv6 server"))
            }
            if dhcpv6 && assignment == .static {
                problems.append(Diagnostic(file: file, path: path.member("dhcpv6"),
                                           message: "true contradicts address_assignment \"static\" (hosts configured by hand ask no DHCPv6 server)"))
            }
        }
        if segment.dhcpv6 == false, !segment.dhcpv6Servers.isEmpty {
            problems.append(Diagnostic(file: file, path: path.member("dhcpv6_servers"),
                                       message: "DHCPv6 servers are listed but dhcpv6 is false"))
        }
        return problems
    }
}
