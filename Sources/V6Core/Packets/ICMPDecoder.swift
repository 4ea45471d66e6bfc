/// Decodes packets read from raw ICMP and ICMPv6 sockets. Pure functions over the received bytes: no allocation, no
/// clock, no socket; every length is checked before it is read, so no input can make them crash.
///
/// What the buffer holds differs by family, as the kernel delivers it:
/// - IPv4 (`socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)`): the IPv4 header, then the ICMP message. The kernel checks the
///   IP header checksum but not the ICMP one, so that is checked here.
/// - IPv6 (`socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6)`): the ICMPv6 message only (RFC 3542); the kernel has already
///   verified its checksum over the pseudo-header.
public enum ICMPDecoder {
    /// Decodes one received packet. `source` is the sender address the socket reported (`recvmsg`'s name); for IPv4 it
    /// must agree with the IP header.
    public static func decode(_ packet: UnsafeRawBufferPointer, family: AddressFamily, source: IPAddress) -> DecodedICMP {
        switch family {
        case .v4: decodeIPv4(packet, source: source)
        case .v6: decodeICMPv6(packet)
        }
    }

    /// Decodes one received packet held in an array (tests, tools).
    public static func decode(_ packet: [UInt8], family: AddressFamily, source: IPAddress) -> DecodedICMP {
        packet.withUnsafeBytes { decode($0, family: family, source: source) }
    }

    // MARK: - IPv4

    private static func decodeIPv4(_ packet: UnsafeRawBufferPointer, source: IPAddress) -> DecodedICMP {
        guard packet.count >= 20 else { return .malformed(.truncatedIPHeader) }
        let versionAndLength = packet.uint8(at: 0)
        guard versionAndLength >> 4 == 4 else { return .malformed(.badIPVersion) }
        let headerLength = Int(versionAndLength & 0x0F) * 4
        guard headerLength >= 20 else { return .malformed(.badIPHeaderLength) }
        guard headerLength <= packet.count else { return .malformed(.truncatedIPHeader) }
        let totalLength = Int(packet.uint16(at: 2))
        guard totalLength >= headerLength, totalLength <= packet.count else { return .malformed(.badTotalLength) }
        guard packet.uint8(at: 9) == IPProtocolNumber.icmp else { return .ignored(.notICMP) }
        guard case .v4(let reported) = source, reported == packet.ipv4Address(at: 12) else {
            return .malformed(.sourceMismatch)
        }

        let message = packet.slice(from: headerLength, count: totalLength - headerLength)
        guard message.count >= 8 else { return .malformed(.truncatedICMPHeader) }
        guard InternetChecksum.isValid(message) else { return .malformed(.badChecksum) }

        let code = message.uint8(at: 1)
        switch message.uint8(at: 0) {
        case ICMPType.v4EchoReply:
            return decodeEchoReply(message)
        case ICMPType.v4EchoRequest:
            return .ignored(.echoRequest)
        case ICMPType.v4DestinationUnreachable:
            // Code 4 carries the next-hop MTU in the low half of the second word (RFC 1191).
            let kind: ICMPErrorKind = code == 4
                ? .packetTooBig(mtu: UInt32(message.uint16(at: 6))) : .destinationUnreachable
            return decodeError(message, family: .v4, kind: kind, code: code)
        case ICMPType.v4TimeExceeded:
            return decodeError(message, family: .v4, kind: .timeExceeded, code: code)
        case ICMPType.v4ParameterProblem:
            return decodeError(message, family: .v4, kind: .parameterProblem(pointer: UInt32(message.uint8(at: 4))),
                               code: code)
        case ICMPType.v4SourceQuench, ICMPType.v4Redirect, ICMPType.v4RouterAdvertisement,
             ICMPType.v4RouterSolicitation:
            return .ignored(.routing)
        case let type:
            return .ignored(.otherType(type))
        }
    }

    // MARK: - IPv6

    private static func decodeICMPv6(_ message: UnsafeRawBufferPointer) -> DecodedICMP {
        guard message.count >= 8 else { return .malformed(.truncatedICMPHeader) }
        let code = message.uint8(at: 1)
        switch message.uint8(at: 0) {
        case ICMPType.v6EchoReply:
            return decodeEchoReply(message)
        case ICMPType.v6EchoRequest:
            return .ignored(.echoRequest)
        case ICMPType.v6DestinationUnreachable:
            return decodeError(message, family: .v6, kind: .destinationUnreachable, code: code)
        case ICMPType.v6PacketTooBig:
            return decodeError(message, family: .v6, kind: .packetTooBig(mtu: message.uint32(at: 4)), code: code)
        case ICMPType.v6TimeExceeded:
            return decodeError(message, family: .v6, kind: .timeExceeded, code: code)
        case ICMPType.v6ParameterProblem:
            return decodeError(message, family: .v6, kind: .parameterProblem(pointer: message.uint32(at: 4)),
                               code: code)
        case ICMPType.v6RouterSolicitation...ICMPType.v6Redirect:
            return .ignored(.neighborDiscovery)
        case ICMPType.v6MulticastListenerQuery...ICMPType.v6MulticastListenerDone,
             ICMPType.v6MulticastListenerReportV2:
            return .ignored(.multicastListener)
        case let type:
            return .ignored(.otherType(type))
        }
    }

    // MARK: - Shared

    /// An echo reply (8-byte header checked by the caller) whose payload must be in the `ICMPEchoEncoder` format.
    private static func decodeEchoReply(_ message: UnsafeRawBufferPointer) -> DecodedICMP {
        let payloadSize = message.count - ICMPEchoEncoder.headerSize
        guard payloadSize >= ICMPEchoEncoder.minimumPayloadSize, Int(message.uint16(at: 16)) == payloadSize else {
            return .ignored(.unrecognizedEchoPayload)
        }
        return .echoReply(ICMPEchoReply(identifier: message.uint16(at: 4), sequence: message.uint16(at: 6),
                                        cookie: message.uint64(at: 8), payloadSize: payloadSize))
    }

    /// An error message (8-byte header checked by the caller); the quoted packet starts at offset 8.
    private static func decodeError(_ message: UnsafeRawBufferPointer, family: AddressFamily, kind: ICMPErrorKind,
                                    code: UInt8) -> DecodedICMP {
        let quote = message.slice(from: 8, count: message.count - 8)
        let parsed = family == .v4 ? QuotedPacketParser.parseIPv4(quote) : QuotedPacketParser.parseIPv6(quote)
        switch parsed {
        case .probe(let quoted): return .error(ICMPErrorMessage(family: family, kind: kind, code: code, quoted: quoted))
        case .malformed(let reason): return .malformed(reason)
        }
    }
}
