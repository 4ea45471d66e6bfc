/// What a segment's LAN audit does to its readiness: a LAN whose hosts cannot get an IPv6 address and DNS over IPv6,
/// or that hears a rogue router advertisement, is not ready, whatever its devices answer; a LAN audited green
/// verifies a segment whose IPv6 was only configured.
public enum LANReadiness {
    /// The codes that make a LAN not ready.
    static let blocking: Set<LANFindingCode> = [.noRA, .rogueRA, .noAddress, .noDNS, .dhcpv6Rogue, .zeroLifetime]

    static func apply(_ audit: ScanLANVerdict, to item: inout AssessedItem, segment: Segment) {
        let verdict = audit.verdict
        let codes = verdict.codes.filter { $0 != .unknownNeighbour && $0 != .pref64 }
        item.evidence.append(.lanAudit(line: audit.line, colour: verdict.colour, address: verdict.addressAvailable,
                                       dns: verdict.dnsAvailable, codes: codes))
        let blocked = !verdict.givesIPv6DNS || verdict.findings.contains { blocking.contains($0.code) && $0.severity == .red }
        if blocked {
            // Not ready: devices may answer over IPv6, but hosts cannot use it (or a rogue can take them over).
            if item.status.isReady || item.status == .configured { item.status = .ipv6Broken }
        } else if item.status == .configured {
            item.status = segment.ipv4.isEmpty ? .ipv6Only : .dualStack
        }
    }

    /// The LAN finding codes that need fixing on this segment item, e.g. `no-dns, rogue-ra`; nil when none.
    static func problem(_ item: AssessedItem) -> String? {
        for fact in item.evidence {
            guard case let .lanAudit(_, colour, address, dns, codes) = fact else { continue }
            if colour == .green && address && dns { return nil }
            let relevant = codes.filter { blocking.contains($0) }
            if !address || !dns || !relevant.isEmpty {
                return (relevant.isEmpty ? codes : relevant).map(\.rawValue).joined(separator: ", ")
            }
        }
        return nil
    }
}
