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
