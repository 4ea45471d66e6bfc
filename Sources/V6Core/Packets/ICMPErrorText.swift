/// Words for ICMP error types and codes, for scan records' `detail` and for reports. The code tables follow RFC 792,
/// RFC 1122 and RFC 1812 (ICMPv4) and RFC 4443, RFC 6554, RFC 7112, RFC 8754 and RFC 8883 (ICMPv6).
public enum ICMPErrorText {
    /// "ICMP" or "ICMPv6", the prefix every detail starts with.
    public static func protocolName(_ family: AddressFamily) -> String {
        family == .v4 ? "ICMP" : "ICMPv6"
    }

    /// The full detail line for an error, e.g. "ICMP destination unreachable code 13 (communication administratively
    /// prohibited)", "ICMPv6 packet too big (MTU 1280)", "ICMP time exceeded in transit".
    public static func detail(family: AddressFamily, kind: ICMPErrorKind, code: UInt8) -> String {
        let name = protocolName(family)
        switch kind {
        case .destinationUnreachable:
            return withMeaning("\(name) destination unreachable code \(code)",
                               destinationUnreachableMeaning(code: code, family: family))
        case .packetTooBig(let mtu):
            if family == .v6 { return "\(name) packet too big (MTU \(mtu))" }
            let meaning = destinationUnreachableMeaning(code: code, family: .v4) ?? "fragmentation needed"
            return "\(name) destination unreachable code \(code) (\(meaning)" + (mtu > 0 ? ", next-hop MTU \(mtu))" : ")")
        case .timeExceeded:
            switch code {
            case 0: return "\(name) time exceeded in transit"
            case 1: return "\(name) time exceeded in fragment reassembly"
            default: return "\(name) time exceeded code \(code)"
            }
        case .parameterProblem(let pointer):
            let meaning = parameterProblemMeaning(code: code, family: family)
            // ICMPv4's pointer means something only for code 0; every ICMPv6 code carries one.
            let showsPointer = family == .v6 || code == 0
            guard let meaning else { return "\(name) parameter problem code \(code)" + (showsPointer ? " (pointer \(pointer))" : "") }
            return "\(name) parameter problem code \(code) (\(meaning)" + (showsPointer ? ", pointer \(pointer))" : ")")
        }
    }

    /// The meaning of a destination-unreachable code (ICMPv4 type 3 codes 0–15, ICMPv6 type 1 codes 0–8); nil for a
    /// code outside the tables.
    public static func destinationUnreachableMeaning(code: UInt8, family: AddressFamily) -> String? {
        switch family {
        case .v4:
            switch code {
            case 0: "network unreachable"
            case 1: "host unreachable"
            case 2: "protocol unreachable"
            case 3: "port unreachable"
            case 4: "fragmentation needed and DF set"
            case 5: "source route failed"
            case 6: "destination network unknown"
            case 7: "destination host unknown"
            case 8: "source host isolated"
            case 9: "communication with destination network administratively prohibited"
            case 10: "communication with destination host administratively prohibited"
            case 11: "destination network unreachable for type of service"
            case 12: "destination host unreachable for type of service"
            case 13: "communication administratively prohibited"
            case 14: "host precedence violation"
            case 15: "precedence cutoff in effect"
            default: nil
            }
        case .v6:
            switch code {
            case 0: "no route to destination"
            case 1: "administratively prohibited"
            case 2: "beyond scope of source address"
            case 3: "address unreachable"
            case 4: "port unreachable"
            case 5: "source address failed ingress/egress policy"
            case 6: "reject route to destination"
            case 7: "error in source routing header"
            case 8: "headers too long"
            default: nil
            }
        }
    }

    /// The meaning of a parameter-problem code; nil for a code outside the tables.
    public static func parameterProblemMeaning(code: UInt8, family: AddressFamily) -> String? {
        switch family {
        case .v4:
            switch code {
            case 0: "bad header field"
            case 1: "missing a required option"
            case 2: "bad length"
            default: nil
            }
        case .v6:
            switch code {
            case 0: "erroneous header field"
            case 1: "unrecognized next header type"
            case 2: "unrecognized IPv6 option"
            case 3: "first fragment has incomplete header chain"
            case 4: "segment routing upper-layer header error"
            case 5: "unrecognized next header type at intermediate node"
            case 6: "extension header too big"
            case 7: "extension header chain too long"
            case 8: "too many extension headers"
            case 9: "too many options in extension header"
            case 10: "option too big"
            default: nil
            }
        }
    }

    private static func withMeaning(_ head: String, _ meaning: String?) -> String {
        guard let meaning else { return head }
        return "\(head) (\(meaning))"
    }
}
