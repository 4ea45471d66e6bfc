/// Turns `DNSMessage` values into wire bytes (RFC 1035 §4), compressing names as servers do (§4.1.4) so tests can
/// build realistic responses and a test responder can answer with them.
public enum DNSMessageEncoder {
    /// The bytes of a standard query (see `DNSMessage.query`): RD set unless told otherwise, one question, and an
    /// EDNS0 OPT record when `ednsPayloadSize` is given. A single question always fits, so this cannot fail.
    public static func query(
        id: UInt16, name: DNSName, type: DNSRecordType, recursionDesired: Bool = true, ednsPayloadSize: UInt16? = nil
    ) -> [UInt8] {
        let message = DNSMessage.query(
            id: id, name: name, type: type, recursionDesired: recursionDesired, ednsPayloadSize: ednsPayloadSize)
        do {
            return try encode(message)
        } catch {
            preconditionFailure("a one-question query always encodes: \(error)")
        }
    }

    /// Encodes a whole message. With `compressingNames` (the default) every name — owner names and the names inside
    /// NS, CNAME, PTR, MX and SOA data, the types RFC 3597 §4 allows — reuses an earlier occurrence of its longest
    /// known suffix through a pointer; other types' data is written as it is. The message's `rcode` decides both the
    /// header's 4 bits and the OPT record's extended RCODE.
    public static func encode(_ message: DNSMessage, compressingNames: Bool = true) throws(DNSEncodeError) -> [UInt8] {
        try checkFields(of: message)
        var writer = DNSWireWriter(compressing: compressingNames)
        writer.writeHeader(of: message)
        for question in message.questions {
            writer.writeName(question.name)
            writer.writeUInt16(question.type.code)
            writer.writeUInt16(question.recordClass.code)
        }
        let extendedRcode = UInt8(truncatingIfNeeded: message.rcode.code >> 4)
        for section in [message.answers, message.authority, message.additional] {
            for record in section {
                try writer.writeRecord(record, extendedRcode: extendedRcode)
            }
        }
        guard writer.bytes.count <= 65_535 else { throw .messageTooLarge(length: writer.bytes.count) }
        return writer.bytes
    }

    /// The checks that do not depend on encoding: field ranges, section sizes, where OPT may go.
    private static func checkFields(of message: DNSMessage) throws(DNSEncodeError) {
        guard message.opcode.code <= DNSOpcode.maximumCode else { throw .opcodeOutOfRange(code: message.opcode.code) }
        guard message.rcode.code <= DNSResponseCode.maximumCode else { throw .rcodeOutOfRange(code: message.rcode.code) }
        let sections: [(DNSSection, Int)] = [
            (.question, message.questions.count), (.answer, message.answers.count),
            (.authority, message.authority.count), (.additional, message.additional.count),
        ]
        for (section, count) in sections where count > 65_535 {
            throw .tooManyEntries(section: section, count: count)
        }
        for section in [DNSSection.answer, .authority] where message.records(in: section).contains(where: { $0.type == .opt }) {
            throw .optOutsideAdditional(section: section)
        }
        let optCount = message.additional.count(where: { $0.type == .opt })
        guard optCount <= 1 else { throw .multipleOPTRecords }
        if message.rcode.code > 15, optCount == 0 { throw .extendedRcodeWithoutOPT(rcode: message.rcode) }
    }
}

/// An append-only byte buffer with the DNS field writers and the name-compression table.
struct DNSWireWriter {
    private(set) var bytes: [UInt8] = []
    /// Offsets of names already written, keyed by their lowercased wire form; nil when not compressing.
    private var compressionTargets: [[UInt8]: Int]?

    init(compressing: Bool) {
        bytes.reserveCapacity(512)
        compressionTargets = compressing ? [:] : nil
    }

    mutating func writeUInt16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    mutating func writeUInt32(_ value: UInt32) {
        writeUInt16(UInt16(truncatingIfNeeded: value >> 16))
        writeUInt16(UInt16(truncatingIfNeeded: value))
    }

    mutating func writeHeader(of message: DNSMessage) {
        writeUInt16(message.id)
        var flags = UInt16(message.opcode.code & 0xF) << 11 | message.rcode.code & 0xF
        if message.isResponse { flags |= 0x8000 }
        if message.isAuthoritative { flags |= 0x0400 }
        if message.isTruncated { flags |= 0x0200 }
        if message.recursionDesired { flags |= 0x0100 }
        if message.recursionAvailable { flags |= 0x0080 }
        if message.authenticData { flags |= 0x0020 }
        if message.checkingDisabled { flags |= 0x0010 }
        writeUInt16(flags)
        for count in [message.questions.count, message.answers.count, message.authority.count, message.additional.count] {
            writeUInt16(UInt16(count))
        }
    }

    /// Writes `name`, ending in a pointer to the longest suffix already in the message when compressing.
    mutating func writeName(_ name: DNSName) {
        let wire = name.wireBytes
        var index = 0
        while wire[index] != 0 {
            if compressionTargets != nil {
                let suffix = wire[index...].map(DNSName.foldCase)
                if let target = compressionTargets?[suffix] {
                    writeUInt16(0xC000 | UInt16(target))
                    return
                }
                // Pointers have 14 bits, so only names in the first 16 KiB can be targets.
                if bytes.count < 0x4000 { compressionTargets?[suffix] = bytes.count }
            }
            let length = Int(wire[index])
            bytes.append(contentsOf: wire[index...(index + length)])
            index += 1 + length
        }
        bytes.append(0)
    }

    mutating func writeRecord(_ record: DNSRecord, extendedRcode: UInt8) throws(DNSEncodeError) {
        writeName(record.name)
        writeUInt16(record.type.code)
        if case .opt(let size, _, let version, let dnssecOK, _) = record.data {
            writeUInt16(size)
            writeUInt32(DNSRecord.optTTL(extendedRcode: extendedRcode, version: version, dnssecOK: dnssecOK))
        } else {
            writeUInt16(record.recordClass.code)
            writeUInt32(record.ttl)
        }
        let lengthOffset = bytes.count
        writeUInt16(0)
        try writeData(record.data)
        let length = bytes.count - lengthOffset - 2
        guard length <= 65_535 else { throw .rdataTooLong(type: record.type, length: length) }
        bytes[lengthOffset] = UInt8(truncatingIfNeeded: length >> 8)
        bytes[lengthOffset + 1] = UInt8(truncatingIfNeeded: length)
    }

    mutating func writeData(_ data: DNSRecordData) throws(DNSEncodeError) {
        switch data {
        case .a(let address):
            writeUInt32(address.value)
        case .aaaa(let address):
            bytes.append(contentsOf: address.bytes)
        case .ns(let name), .cname(let name), .ptr(let name):
            writeName(name)
        case .mx(let preference, let exchange):
            writeUInt16(preference)
            writeName(exchange)
        case .soa(let mname, let rname, let serial, let refresh, let retry, let expire, let minimum):
            writeName(mname)
            writeName(rname)
            for value in [serial, refresh, retry, expire, minimum] { writeUInt32(value) }
        case .txt(let strings):
            for string in strings {
                guard string.count <= 255 else { throw .characterStringTooLong(length: string.count) }
                bytes.append(UInt8(string.count))
                bytes.append(contentsOf: string)
            }
        case .opt(_, _, _, _, let options):
            for option in options {
                guard option.data.count <= 65_535 else { throw .rdataTooLong(type: .opt, length: option.data.count) }
                writeUInt16(option.code)
                writeUInt16(UInt16(option.data.count))
                bytes.append(contentsOf: option.data)
            }
        case .dnskey, .ds, .rrsig, .nsec, .nsec3:
            bytes.append(contentsOf: DNSSECRecordDecoding.rdata(of: data) ?? [])
        case .unknown(_, let raw):
            bytes.append(contentsOf: raw)
        }
    }
}
