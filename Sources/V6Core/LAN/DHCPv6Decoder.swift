/// Decodes DHCPv6 messages from a server (Advertise, Reply) as a UDP socket on port 546 receives them. Pure and
/// total: a malformed option is reported in `problems` and skipped; only something that is not a client/server
/// message is refused. Layout (RFC 8415 §8, §21): `msg-type`, 3-byte `transaction-id`, then options of
/// 2-byte code, 2-byte length, data; IA_NA, IA_PD, IAADDR and IAPREFIX carry options of their own.
public enum DHCPv6Decoder {
    public static func decode(_ message: [UInt8]) -> Result<DHCPv6Message, LANDecodeError> {
        guard message.count >= 4 else {
            return .failure(LANDecodeError("a DHCPv6 message has at least 4 bytes, this one \(message.count)"))
        }
        guard let type = DHCPv6MessageType(rawValue: message[0]) else {
            return .failure(LANDecodeError("message type \(message[0]) is not a DHCPv6 message type"))
        }
        guard type != .relayForward, type != .relayReply else {
            return .failure(LANDecodeError("a \(type) message is for relay agents, not clients"))
        }
        var result = DHCPv6Message(type: type, transactionID: UInt32(message[1]) << 16 | UInt32(message.be16(2)))
        for (code, at, length) in options(message, from: 4, to: message.count, problems: &result.problems) {
            let data = at + 4
            func problem(_ text: String) { result.problems.append(LANDecodeProblem(offset: at, option: Int(code), message: text)) }
            switch code {
            case 1: result.clientID = DUID(bytes: Array(message[data..<(data + length)]))
            case 2:
                guard length >= 2 else { problem("server DUID of \(length) bytes is too short"); continue }
                result.serverID = DUID(bytes: Array(message[data..<(data + length)]))
            case 3, 25:
                guard length >= 12 else { problem("\(code == 3 ? "IA_NA" : "IA_PD") of \(length) bytes is shorter than 12"); continue }
                var ia = DHCPv6IdentityAssociation(iaid: message.be32(data), t1: message.be32(data + 4), t2: message.be32(data + 8))
                decodeAssociationOptions(message, from: data + 12, to: data + length, prefixes: code == 25, into: &ia,
                                         problems: &result.problems)
                if code == 3 { result.addressAssociations.append(ia) } else { result.prefixAssociations.append(ia) }
            case 7:
                guard length == 1 else { problem("preference of \(length) bytes (must be 1)"); continue }
                result.preference = message[data]
            case 13:
                guard let status = decodeStatus(message, data, length) else { problem("status code of \(length) bytes is shorter than 2"); continue }
                result.status = status
            case 23:
                guard length % 16 == 0 else { problem("DNS servers option of \(length) bytes is not a multiple of 16"); continue }
                result.dnsServers += stride(from: data, to: data + length, by: 16).map { message.ipv6($0) }
            case 24:
                switch DomainNameList.decode(Array(message[data..<(data + length)]), paddedWithZeros: false) {
                case .success(let names): result.domainList += names
                case .failure(let error): problem("domain list: \(error.message)")
                }
            case 32:
                guard length == 4 else { problem("information refresh time of \(length) bytes (must be 4)"); continue }
                result.informationRefreshTime = message.be32(data)
            default:
                result.unknownOptions.append(code)
            }
        }
        return .success(result)
    }

    private static func decodeStatus(_ m: [UInt8], _ data: Int, _ length: Int) -> DHCPv6Status? {
        guard length >= 2 else { return nil }
        return DHCPv6Status(code: m.be16(data), message: String(decoding: m[(data + 2)..<(data + length)], as: UTF8.self))
    }

    private static func decodeAssociationOptions(_ m: [UInt8], from start: Int, to end: Int, prefixes: Bool,
                                                 into ia: inout DHCPv6IdentityAssociation, problems: inout [LANDecodeProblem]) {
        for (code, at, length) in options(m, from: start, to: end, problems: &problems) {
            let data = at + 4
            func problem(_ text: String) { problems.append(LANDecodeProblem(offset: at, option: Int(code), message: text)) }
            switch code {
            case 5 where !prefixes:
                guard length >= 24 else { problem("IAADDR of \(length) bytes is shorter than 24"); continue }
                var status: DHCPv6Status?
                for (inner, innerAt, innerLength) in options(m, from: data + 24, to: data + length, problems: &problems) {
                    if inner == 13 { status = decodeStatus(m, innerAt + 4, innerLength) }
                }
                ia.addresses.append(DHCPv6Address(address: m.ipv6(data), preferredLifetime: m.be32(data + 16),
                                                  validLifetime: m.be32(data + 20), status: status))
            case 26 where prefixes:
                guard length >= 25 else { problem("IAPREFIX of \(length) bytes is shorter than 25"); continue }
                let prefixLength = Int(m[data + 8])
                guard prefixLength <= 128 else { problem("delegated prefix length \(prefixLength) is more than 128"); continue }
                var status: DHCPv6Status?
                for (inner, innerAt, innerLength) in options(m, from: data + 25, to: data + length, problems: &problems) {
                    if inner == 13 { status = decodeStatus(m, innerAt + 4, innerLength) }
                }
                let address = IPAddress.v6(m.ipv6(data + 9))
                ia.prefixes.append(DHCPv6DelegatedPrefix(
                    prefix: IPPrefix(address: address.masked(toLength: prefixLength), length: prefixLength),
                    preferredLifetime: m.be32(data), validLifetime: m.be32(data + 4), status: status))
            case 13:
                ia.status = decodeStatus(m, data, length)
                if ia.status == nil { problem("status code of \(length) bytes is shorter than 2") }
            default:
                problem("option \(code) does not belong in an \(prefixes ? "IA_PD" : "IA_NA") (skipped)")
            }
        }
    }

    /// Walks options between `start` and `end`. An option that runs past `end` ends the walk with a problem.
    static func options(_ m: [UInt8], from start: Int, to end: Int,
                        problems: inout [LANDecodeProblem]) -> [(code: UInt16, offset: Int, length: Int)] {
        var found: [(code: UInt16, offset: Int, length: Int)] = []
        var offset = start
        while offset < end {
            guard offset + 4 <= end else {
                problems.append(LANDecodeProblem(offset: offset, message: "\(end - offset) stray bytes after the last option"))
                return found
            }
            let code = m.be16(offset)
            let length = Int(m.be16(offset + 2))
            guard offset + 4 + length <= end else {
                problems.append(LANDecodeProblem(offset: offset, option: Int(code),
                                                 message: "option of \(length) bytes runs past the end (\(end - offset - 4) left)"))
                return found
            }
            found.append((code, offset, length))
            offset += 4 + length
        }
        return found
    }
}
