/// The two things the LAN audit sends: a Router Solicitation, so routers answer at once instead of at their next
/// periodic advertisement, and DHCPv6 Solicit / Information-request, so servers say what they would give a host.
/// Neither commits anything on the network: a Solicit without Rapid Commit only asks for offers (RFC 8415 §18.2.1).
public enum LANMessageEncoder {
    /// ICMPv6 Router Solicitation (RFC 4861 §4.1), for a raw ICMPv6 socket (the kernel fills in the checksum). With a
    /// source link-layer address option when `linkLayerAddress` is given (never with an unspecified source).
    public static func routerSolicitation(linkLayerAddress: LinkLayerAddress? = nil) -> [UInt8] {
        var bytes: [UInt8] = [133, 0, 0, 0, 0, 0, 0, 0]
        if let linkLayerAddress {
            let body = linkLayerAddress.bytes
            let units = (2 + body.count + 7) / 8
            bytes += [1, UInt8(units)] + body + [UInt8](repeating: 0, count: units * 8 - 2 - body.count)
        }
        return bytes
    }

    /// A router advertisement with the options this audit reads (SLLA, MTU, prefix information, RDNSS, PREF64): what
    /// the lab's PREF64 announcer sends, since Debian 12's radvd cannot, and seed input for the fuzz harness. The
    /// checksum is left 0 for the kernel. A PREF64 prefix length outside /32–/96 of RFC 6052 is sent as /96.
    public static func routerAdvertisement(_ ra: RouterAdvertisement) -> [UInt8] {
        let preference: UInt8 = switch ra.preference {
        case .high: 0b01
        case .medium: 0b00
        case .low: 0b11
        case .reserved: 0b10
        }
        var flags: UInt8 = preference << 3
        if ra.managed { flags |= 0x80 }
        if ra.otherConfiguration { flags |= 0x40 }
        if ra.homeAgent { flags |= 0x20 }
        if ra.proxy { flags |= 0x04 }
        var bytes: [UInt8] = [134, 0, 0, 0, ra.currentHopLimit, flags]
        bytes.appendBE16(ra.routerLifetime)
        bytes.appendBE32(ra.reachableTime)
        bytes.appendBE32(ra.retransTimer)
        if let mac = ra.sourceLinkLayerAddress, mac.bytes.count == 6 { bytes += [1, 1] + mac.bytes }
        if let mtu = ra.mtu { bytes += [5, 1, 0, 0]; bytes.appendBE32(mtu) }
        for p in ra.prefixes {
            bytes += [3, 4, UInt8(p.prefix.length), (p.onLink ? 0x80 : 0) | (p.autonomous ? 0x40 : 0)]
            bytes.appendBE32(p.validLifetime); bytes.appendBE32(p.preferredLifetime); bytes.appendBE32(0)
            bytes += p.prefix.address.bytes
        }
        for d in ra.dnsServers where !d.servers.isEmpty {
            bytes += [25, UInt8(1 + 2 * d.servers.count), 0, 0]
            bytes.appendBE32(d.lifetime)
            for server in d.servers { bytes += server.bytes }
        }
        for p in ra.pref64 {
            let code: UInt16 = [96: 0, 64: 1, 56: 2, 48: 3, 40: 4, 32: 5][p.prefix.length] ?? 0
            bytes += [38, 2]
            bytes.appendBE16(UInt16(min(p.lifetime / 8, 0x1FFF)) << 3 | code)
            bytes += p.prefix.address.bytes.prefix(12)
        }
        return bytes
    }

    /// The DHCPv6 options a request of ours asks for: DNS servers (23) and the domain list (24).
    public static let requestedOptions: [UInt16] = [23, 24]

    /// A Solicit (type 1) asking for one address (IA_NA with IAID `iaid`, T1 and T2 0: the server chooses) and the
    /// DNS options. `transactionID` is 24 bits.
    public static func solicit(transactionID: UInt32, clientID: DUID, iaid: UInt32 = 1) -> [UInt8] {
        var bytes = header(.solicit, transactionID: transactionID, clientID: clientID)
        appendOption(3, &bytes) { body in body.appendBE32(iaid); body.appendBE32(0); body.appendBE32(0) }
        return bytes
    }

    /// An Information-request (type 11): configuration without addresses, what hosts send when only the O flag is set.
    public static func informationRequest(transactionID: UInt32, clientID: DUID) -> [UInt8] {
        header(.informationRequest, transactionID: transactionID, clientID: clientID)
    }

    private static func header(_ type: DHCPv6MessageType, transactionID: UInt32, clientID: DUID) -> [UInt8] {
        var bytes: [UInt8] = [type.rawValue, UInt8((transactionID >> 16) & 0xFF), UInt8((transactionID >> 8) & 0xFF),
                              UInt8(transactionID & 0xFF)]
        appendOption(1, &bytes) { $0 += clientID.bytes }
        appendOption(8, &bytes) { $0.appendBE16(0) }  // elapsed time: first attempt
        appendOption(6, &bytes) { body in for code in requestedOptions { body.appendBE16(code) } }
        return bytes
    }

    private static func appendOption(_ code: UInt16, _ bytes: inout [UInt8], _ body: (inout [UInt8]) -> Void) {
        var data: [UInt8] = []
        body(&data)
        bytes.appendBE16(code)
        bytes.appendBE16(UInt16(data.count))
        bytes += data
    }
}
