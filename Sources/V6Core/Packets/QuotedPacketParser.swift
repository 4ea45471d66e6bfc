/// Reads the original packet an ICMP error quotes: its addresses and enough of its transport header to find the
/// probe. ICMPv4 errors quote the IP header and at least 8 bytes (RFC 792; RFC 1812 routers and Linux quote more);
/// ICMPv6 errors quote as much as fits in 1280 bytes (RFC 4443), so extension headers are walked to the transport.
enum QuotedPacketParser {
    enum Outcome {
        case probe(QuotedProbe)
        case malformed(ICMPMalformedReason)
    }

    /// Transport bytes a quote must hold: ports (TCP/UDP) and the echo header all sit in the first eight.
    private static let transportBytesNeeded = 8
    /// More extension headers than this in a quote is nonsense (RFC 8504 suggests limits well below it).
    private static let maximumExtensionHeaders = 8

    static func parseIPv4(_ quote: UnsafeRawBufferPointer) -> Outcome {
        guard quote.count >= 20 else { return .malformed(.truncatedQuote) }
        let versionAndLength = quote.uint8(at: 0)
        guard versionAndLength >> 4 == 4 else { return .malformed(.badQuotedHeader) }
        let headerLength = Int(versionAndLength & 0x0F) * 4
        guard headerLength >= 20 else { return .malformed(.badQuotedHeader) }
        guard headerLength <= quote.count else { return .malformed(.truncatedQuote) }

        let protocolNumber = quote.uint8(at: 9)
        let source = IPAddress.v4(quote.ipv4Address(at: 12))
        let destination = IPAddress.v4(quote.ipv4Address(at: 16))
        if quote.uint16(at: 6) & 0x1FFF != 0 {
            return .probe(QuotedProbe(source: source, destination: destination,
                                      transport: .laterFragment(protocolNumber: protocolNumber)))
        }
        return transport(quote, at: headerLength, protocolNumber: protocolNumber, family: .v4,
                         source: source, destination: destination)
    }

    static func parseIPv6(_ quote: UnsafeRawBufferPointer) -> Outcome {
        guard quote.count >= 40 else { return .malformed(.truncatedQuote) }
        guard quote.uint8(at: 0) >> 4 == 6 else { return .malformed(.badQuotedHeader) }
        let source = IPAddress.v6(quote.ipv6Address(at: 8))
        let destination = IPAddress.v6(quote.ipv6Address(at: 24))

        var nextHeader = quote.uint8(at: 6)
        var offset = 40
        for _ in 0...maximumExtensionHeaders {
            switch nextHeader {
            case IPProtocolNumber.hopByHop, IPProtocolNumber.routing, IPProtocolNumber.destinationOptions,
                 IPProtocolNumber.authentication:
                guard quote.count >= offset + 2 else { return .malformed(.truncatedQuote) }
                let lengthField = Int(quote.uint8(at: offset + 1))
                // AH counts 4-byte words minus 2 (RFC 4302); the others 8-byte units minus 1 (RFC 8200).
                let length = nextHeader == IPProtocolNumber.authentication ? (lengthField + 2) * 4 : (lengthField + 1) * 8
                nextHeader = quote.uint8(at: offset)
                offset += length
            case IPProtocolNumber.fragment:
                guard quote.count >= offset + 8 else { return .malformed(.truncatedQuote) }
                let following = quote.uint8(at: offset)
                if quote.uint16(at: offset + 2) >> 3 != 0 {
                    return .probe(QuotedProbe(source: source, destination: destination,
                                              transport: .laterFragment(protocolNumber: following)))
                }
                nextHeader = following
                offset += 8
            default:
                return transport(quote, at: offset, protocolNumber: nextHeader, family: .v6,
                                 source: source, destination: destination)
            }
        }
        return .malformed(.badQuotedHeader)
    }

    /// The transport header at `offset` of the quote.
    private static func transport(_ quote: UnsafeRawBufferPointer, at offset: Int, protocolNumber: UInt8,
                                  family: AddressFamily, source: IPAddress, destination: IPAddress) -> Outcome {
        let available = quote.count - offset
        guard available >= 0 else { return .malformed(.truncatedQuote) }  // an extension header ran past the end
        let transport: QuotedTransport
        switch protocolNumber {
        case IPProtocolNumber.tcp, IPProtocolNumber.udp, IPProtocolNumber.icmp, IPProtocolNumber.icmpv6:
            guard available >= transportBytesNeeded else { return .malformed(.truncatedQuote) }
            let first = quote.uint16(at: offset), second = quote.uint16(at: offset + 2)
            switch protocolNumber {
            case IPProtocolNumber.tcp:
                transport = .tcp(sourcePort: first, destinationPort: second)
            case IPProtocolNumber.udp:
                transport = .udp(sourcePort: first, destinationPort: second)
            default:
                let expected = family == .v4 ? IPProtocolNumber.icmp : IPProtocolNumber.icmpv6
                if protocolNumber == expected, quote.uint8(at: offset) == ICMPType.echoRequest(family) {
                    let cookie = available >= 16 ? quote.uint64(at: offset + 8) : nil
                    transport = .icmpEcho(identifier: quote.uint16(at: offset + 4),
                                          sequence: quote.uint16(at: offset + 6), cookie: cookie)
                } else {
                    transport = .other(protocolNumber: protocolNumber)
                }
            }
        default:
            transport = .other(protocolNumber: protocolNumber)
        }
        return .probe(QuotedProbe(source: source, destination: destination, transport: transport))
    }
}
