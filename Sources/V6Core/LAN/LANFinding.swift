/// The stable codes of LAN findings: what scripts, policies and drift match on. Never renamed.
public enum LANFindingCode: String, Sendable, CaseIterable, Comparable {
    /// No router advertisement from the segment's routers (hosts get no default route, no SLAAC address).
    case noRA = "no-ra"
    /// An RA from a router that is not one of the segment's, or (with no routers declared) announcing a prefix
    /// outside the segment: RFC 6104's rogue RA.
    case rogueRA = "rogue-ra"
    /// One of the segment's routers announces a prefix outside the segment's prefixes.
    case raPrefixOutsideSegment = "ra-prefix-outside-segment"
    /// One of the segment's routers advertises router lifetime 0: it is no default router.
    case zeroLifetime = "zero-lifetime"
    /// Hosts can get no IPv6 address: no usable SLAAC prefix and no DHCPv6 address.
    case noAddress = "no-address"
    /// Hosts can get no DNS server over IPv6: no RDNSS and no DHCPv6 DNS servers they would ask for.
    case noDNS = "no-dns"
    /// The M flag is set but no DHCPv6 server offers an address.
    case managedWithoutDHCPv6 = "managed-without-dhcpv6"
    /// A DHCPv6 server answers that the segment does not expect.
    case dhcpv6Rogue = "dhcpv6-rogue"
    /// An MTU option below 1280, unlike the link's MTU, or different between the segment's routers.
    case mtuMismatch = "mtu-mismatch"
    /// A router announces a NAT64 prefix (RFC 8781), for the IPv6-only work.
    case pref64
    /// A host on the link that the inventory does not know.
    case unknownNeighbour = "unknown-neighbour"

    public static func < (a: LANFindingCode, b: LANFindingCode) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The colour of a LAN verdict: green (hosts get an address and DNS over IPv6, nothing wrong), yellow (they do, but
/// something is wrong), red (they cannot, or a rogue is on the link).
public enum LANColour: String, Sendable, CaseIterable, Comparable {
    case green, yellow, red

    public static func < (a: LANColour, b: LANColour) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// How much a finding matters: red and yellow colour the verdict; info findings (PREF64 seen, unknown neighbours)
/// are reported without changing it.
public enum LANSeverity: String, Sendable, CaseIterable, Comparable {
    case info, yellow, red

    public static func < (a: LANSeverity, b: LANSeverity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One finding: its code, severity, a sentence, and the address it is about (a router, a server, a neighbour).
public struct LANFinding: Sendable, Equatable, CustomStringConvertible {
    public var code: LANFindingCode
    public var severity: LANSeverity
    public var message: String
    public var subject: String?

    public init(_ code: LANFindingCode, _ severity: LANSeverity, _ message: String, subject: String? = nil) {
        self.code = code; self.severity = severity; self.message = message; self.subject = subject
    }

    /// `RED rogue-ra: rogue router advertisement from ...`.
    public var description: String { "\(severity.rawValue.uppercased()) \(code.rawValue): \(message)" }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.add("code", code.rawValue)
        o.add("severity", severity.rawValue)
        o.addIfPresent("subject", subject)
        o.add("message", message)
        return o.value
    }

    public init?(json value: JSONValue) {
        guard let code = value["code"]?.stringValue.flatMap(LANFindingCode.init(rawValue:)),
              let severity = value["severity"]?.stringValue.flatMap(LANSeverity.init(rawValue:)) else { return nil }
        self.init(code, severity, value["message"]?.stringValue ?? "", subject: value["subject"]?.stringValue)
    }
}
