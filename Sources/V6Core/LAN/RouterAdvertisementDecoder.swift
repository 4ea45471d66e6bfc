/// Decodes router advertisements as a raw ICMPv6 socket delivers them (the ICMPv6 message, no IPv6 header; the kernel
/// has checked the checksum). Pure and total: every length is checked before it is read; a malformed option is
/// reported in `problems` and skipped, and only a message that is not an RA at all is refused.
///
/// Layout (RFC 4861 §4.2; flags RFC 4191, RFC 4389):
/// ```
///  0 type 134  1 code 0  2-3 checksum  4 cur hop limit  5 M O H Prf(2) P . .  6-7 router lifetime
///  8-11 reachable time  12-15 retrans timer  16... options: type, length in 8-byte units, data
/// ```
public enum RouterAdvertisementDecoder {
    public static let messageType: UInt8 = 134

    public static func decode(_ message: [UInt8]) -> Result<RouterAdvertisement, LANDecodeError> {
        guard message.count >= 16 else {
            return .failure(LANDecodeError("a router advertisement has at least 16 bytes, this one \(message.count)"))
        }
        guard message[0] == messageType else {
            return .failure(LANDecodeError("ICMPv6 type \(message[0]) is not a router advertisement (134)"))
        }
        // RFC 4861 §6.1.2: a code other than 0 means the packet is not a valid RA.
        guard message[1] == 0 else {
            return .failure(LANDecodeError("router advertisement with code \(message[1]) (must be 0)"))
        }
        let flags = message[5]
        var ra = RouterAdvertisement(
            currentHopLimit: message[4], managed: flags & 0x80 != 0, otherConfiguration: flags & 0x40 != 0,
            homeAgent: flags & 0x20 != 0, preference: RouterPreference(bits: flags >> 3), proxy: flags & 0x04 != 0,
            routerLifetime: message.be16(6), reachableTime: message.be32(8), retransTimer: message.be32(12))
        for option in NDOptionReader.options(in: message, from: 16, problems: &ra.problems) {
            decodeOption(option.type, message, option.offset, option.length, into: &ra)
        }
        return .success(ra)
    }

    private static func decodeOption(_ type: UInt8, _ m: [UInt8], _ at: Int, _ length: Int, into ra: inout RouterAdvertisement) {
        func problem(_ text: String) { ra.problems.append(LANDecodeProblem(offset: at, option: Int(type), message: text)) }
        switch type {
        case 1:
            // Source link-layer address: the rest of the option (6 bytes on Ethernet, padding after).
            let bytes = Array(m[(at + 2)..<(at + length)])
            ra.sourceLinkLayerAddress = LinkLayerAddress(bytes: length == 8 ? Array(bytes.prefix(6)) : bytes)
        case 3:
            guard length == 32 else { return problem("prefix information length \(length / 8) (must be 4)") }
            let prefixLength = Int(m[at + 2])
            guard prefixLength <= 128 else { return problem("prefix length \(prefixLength) is more than 128") }
            let address = IPAddress.v6(m.ipv6(at + 16))
            let valid = m.be32(at + 4), preferred = m.be32(at + 8)
            ra.prefixes.append(PrefixInformation(
                prefix: IPPrefix(address: address.masked(toLength: prefixLength), length: prefixLength),
                onLink: m[at + 3] & 0x80 != 0, autonomous: m[at + 3] & 0x40 != 0,
                validLifetime: valid, preferredLifetime: preferred))
            if preferred > valid { problem("preferred lifetime \(preferred) s is longer than the valid lifetime \(valid) s") }
        case 5:
            guard length == 8 else { return problem("MTU option length \(length / 8) (must be 1)") }
            ra.mtu = m.be32(at + 4)
        case 24:
            let prefixLength = Int(m[at + 2])
            guard prefixLength <= 128 else { return problem("route prefix length \(prefixLength) is more than 128") }
            // RFC 4191 §2.3: length 1 for ::/0, 2 up to /64, 3 beyond.
            let needed = prefixLength == 0 ? 8 : (prefixLength <= 64 ? 16 : 24)
            guard length >= needed, length <= 24 else {
                return problem("route information length \(length / 8) cannot hold a /\(prefixLength)")
            }
            let address = IPAddress.v6(m.paddedIPv6(at + 8, count: length - 8))
            ra.routes.append(RouteInformation(
                prefix: IPPrefix(address: address.masked(toLength: prefixLength), length: prefixLength),
                preference: RouterPreference(bits: m[at + 3] >> 3), lifetime: m.be32(at + 4)))
        case 25:
            guard length >= 24, (length - 8) % 16 == 0 else {
                return problem("RDNSS length \(length / 8) (must be 3, 5, 7, ...: 1 + 2 per server)")
            }
            let servers = stride(from: at + 8, to: at + length, by: 16).map { m.ipv6($0) }
            ra.dnsServers.append(RecursiveDNSServers(lifetime: m.be32(at + 4), servers: servers))
        case 31:
            guard length >= 16 else { return problem("DNSSL length \(length / 8) (must be at least 2)") }
            switch DomainNameList.decode(Array(m[(at + 8)..<(at + length)]), paddedWithZeros: true) {
            case .success(let domains):
                ra.searchLists.append(DNSSearchList(lifetime: m.be32(at + 4), domains: domains))
            case .failure(let error):
                problem("DNSSL: \(error.message)")
            }
        case 38:
            guard length == 16 else { return problem("PREF64 length \(length / 8) (must be 2)") }
            let word = m.be16(at + 2)
            let lengths = [96, 64, 56, 48, 40, 32]
            let code = Int(word & 0x7)
            guard code < lengths.count else { return problem("PREF64 prefix length code \(code) is not defined (0–5)") }
            let address = IPAddress.v6(m.paddedIPv6(at + 4, count: 12))
            ra.pref64.append(PREF64(lifetime: UInt32(word >> 3) * 8,
                                    prefix: IPPrefix(address: address.masked(toLength: lengths[code]), length: lengths[code])))
        default:
            ra.unknownOptions.append(type)
        }
    }
}

/// Walks neighbour discovery options (type, length in units of 8 bytes). A zero length or an option that runs past
/// the end ends the walk with a problem: RFC 4861 §4.6 gives no way to find the next option after either.
enum NDOptionReader {
    static func options(in message: [UInt8], from start: Int,
                        problems: inout [LANDecodeProblem]) -> [(type: UInt8, offset: Int, length: Int)] {
        var found: [(type: UInt8, offset: Int, length: Int)] = []
        var offset = start
        while offset < message.count {
            guard offset + 2 <= message.count else {
                problems.append(LANDecodeProblem(offset: offset, message: "\(message.count - offset) stray byte after the last option"))
                return found
            }
            let type = message[offset]
            let length = Int(message[offset + 1]) * 8
            guard length > 0 else {
                problems.append(LANDecodeProblem(offset: offset, option: Int(type), message: "option length 0 (the rest of the message is unreadable)"))
                return found
            }
            guard offset + length <= message.count else {
                problems.append(LANDecodeProblem(offset: offset, option: Int(type),
                                                 message: "option of \(length) bytes runs past the end of the message (\(message.count - offset) left)"))
                return found
            }
            found.append((type, offset, length))
            offset += length
        }
        return found
    }
}

/// Domain names in DNS wire form without compression, as DNSSL (RFC 8106) and DHCPv6 option 24 (RFC 8415 §21.8,
/// RFC 1035 §3.1) carry them.
enum DomainNameList {
    /// Names in presentation form with the trailing dot. With `paddedWithZeros` (DNSSL), zero bytes after a name are
    /// padding, not empty names.
    static func decode(_ bytes: [UInt8], paddedWithZeros: Bool) -> Result<[String], LANDecodeError> {
        var names: [String] = []
        var offset = 0
        while offset < bytes.count {
            if paddedWithZeros && bytes[offset] == 0 {
                // Padding: the rest must be zeros.
                guard bytes[offset...].allSatisfy({ $0 == 0 }) else {
                    return .failure(LANDecodeError("a name starts with the root label and more bytes follow"))
                }
                break
            }
            var labels: [[UInt8]] = []
            var wire = 0
            while true {
                guard offset < bytes.count else { return .failure(LANDecodeError("a name runs past the end of the option")) }
                let count = Int(bytes[offset])
                offset += 1
                wire += 1 + count
                if count == 0 { break }
                guard count <= 63 else {
                    return .failure(LANDecodeError("label length \(count) is more than 63 (compression is not allowed here)"))
                }
                guard offset + count <= bytes.count else { return .failure(LANDecodeError("a label runs past the end of the option")) }
                labels.append(Array(bytes[offset..<(offset + count)]))
                offset += count
            }
            guard wire <= 255 else { return .failure(LANDecodeError("a name is longer than 255 bytes")) }
            guard !labels.isEmpty else { return .failure(LANDecodeError("an empty name (the root) is not a search domain")) }
            guard let name = try? DNSName(labels: labels) else { return .failure(LANDecodeError("not a domain name")) }
            names.append(name.description)
        }
        return .success(names)
    }

    /// Encodes names (presentation form) for DHCPv6 option 24; nil when one is not a domain name.
    static func encode(_ names: [String]) -> [UInt8]? {
        var out: [UInt8] = []
        for text in names {
            guard let name = DNSName(text) else { return nil }
            out += name.wireBytes
        }
        return out
    }
}
