/// Reads DNS messages from bytes that may come from anyone (RFC 1035 §4, RFC 6891 for EDNS0).
///
/// It never traps, never loops without bound and never allocates in proportion to a count the message claims rather
/// than to the bytes it has: the header's counts are checked against the smallest size their entries could take,
/// names are bounded by the 255-octet limit and at most 128 compression pointers, and every read is bounds-checked.
/// Forward compression pointers are accepted (RFC 1035 does not forbid them); pointers into the header, past the end,
/// or back onto the name's own path are refused.
///
/// Trailing bytes after the last counted record are refused by default: DNS has no framing inside a message but its
/// counts, so leftover bytes mean a count is wrong (a record the server forgot to count, or two messages run
/// together), and a readiness scanner should say so. Pass `allowingTrailingBytes: true` to read such messages anyway.
public enum DNSMessageDecoder {
    /// The most compression pointers one name may follow: a 255-octet name has at most 127 labels, and a real
    /// encoder uses at most one pointer per label plus one.
    public static let maximumPointersPerName = 128

    public static func decode(_ bytes: [UInt8], allowingTrailingBytes: Bool = false) throws(DNSDecodeError) -> DNSMessage {
        var parser = DNSWireParser(bytes: bytes)
        return try parser.parseMessage(allowingTrailingBytes: allowingTrailingBytes)
    }
}

/// The decoding state: the message bytes and a read position that only moves forward (pointers are followed by
/// `readName` without moving it).
struct DNSWireParser {
    let bytes: [UInt8]
    var offset = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func parseMessage(allowingTrailingBytes: Bool) throws(DNSDecodeError) -> DNSMessage {
        guard bytes.count <= 65_535 else { throw DNSDecodeError(.messageTooLarge(length: bytes.count)) }
        guard bytes.count >= 12 else { throw DNSDecodeError(.truncatedHeader(length: bytes.count)) }
        let flags = uint16(at: 2)
        let counts = [uint16(at: 4), uint16(at: 6), uint16(at: 8), uint16(at: 10)].map(Int.init)
        let recordCount = counts[1] + counts[2] + counts[3]
        let minimumLength = 12 + counts[0] * 5 + recordCount * 11
        guard minimumLength <= bytes.count else {
            throw DNSDecodeError(.countsExceedMessage(
                questions: counts[0], records: recordCount, minimumLength: minimumLength, length: bytes.count))
        }
        offset = 12

        // Capacities are safe now: the counts are bounded by the bytes actually present.
        var questions: [DNSQuestion] = []
        questions.reserveCapacity(counts[0])
        for index in 0..<counts[0] {
            do throws(DNSDecodeError) {
                questions.append(try parseQuestion())
            } catch {
                throw DNSDecodeError(error.kind, section: .question, index: index)
            }
        }
        var sections: [[DNSRecord]] = []
        var optRecord: DNSRecord?
        for (section, count) in zip([DNSSection.answer, .authority, .additional], counts[1...]) {
            var records: [DNSRecord] = []
            records.reserveCapacity(count)
            for index in 0..<count {
                do throws(DNSDecodeError) {
                    let record = try parseRecord()
                    if record.type == .opt {
                        guard section == .additional else { throw DNSDecodeError(.optOutsideAdditional) }
                        guard optRecord == nil else { throw DNSDecodeError(.multipleOPTRecords) }
                        optRecord = record
                    }
                    records.append(record)
                } catch {
                    throw DNSDecodeError(error.kind, section: section, index: index)
                }
            }
            sections.append(records)
        }
        if !allowingTrailingBytes, offset < bytes.count {
            throw DNSDecodeError(.trailingBytes(offset: offset, count: bytes.count - offset))
        }

        var rcode = flags & 0xF
        if case .opt(_, let extendedRcode, _, _, _)? = optRecord?.data {
            rcode |= UInt16(extendedRcode) << 4
        }
        return DNSMessage(
            id: uint16(at: 0), isResponse: flags & 0x8000 != 0, opcode: DNSOpcode(code: UInt8(flags >> 11 & 0xF)),
            isAuthoritative: flags & 0x0400 != 0, isTruncated: flags & 0x0200 != 0,
            recursionDesired: flags & 0x0100 != 0, recursionAvailable: flags & 0x0080 != 0,
            authenticData: flags & 0x0020 != 0, checkingDisabled: flags & 0x0010 != 0,
            rcode: DNSResponseCode(code: rcode), questions: questions,
            answers: sections[0], authority: sections[1], additional: sections[2])
    }

    private mutating func parseQuestion() throws(DNSDecodeError) -> DNSQuestion {
        let (name, next) = try readName(at: offset, end: bytes.count)
        guard next + 4 <= bytes.count else { throw DNSDecodeError(.questionPastEnd(offset: next)) }
        offset = next + 4
        return DNSQuestion(name: name, type: DNSRecordType(code: uint16(at: next)),
                           recordClass: DNSClass(code: uint16(at: next + 2)))
    }

    private mutating func parseRecord() throws(DNSDecodeError) -> DNSRecord {
        let (name, next) = try readName(at: offset, end: bytes.count)
        guard next + 10 <= bytes.count else { throw DNSDecodeError(.recordPastEnd(offset: next)) }
        let type = DNSRecordType(code: uint16(at: next))
        let classCode = uint16(at: next + 2)
        let ttl = uint32(at: next + 4)
        let length = Int(uint16(at: next + 8))
        let start = next + 10
        guard start + length <= bytes.count else {
            throw DNSDecodeError(.rdataPastEnd(offset: next + 8, length: length, available: bytes.count - start))
        }
        offset = start + length
        if type == .opt {
            // Flag bits other than DO have no meaning yet (RFC 6891 §6.1.4) and are dropped, so the record equals
            // what `DNSRecord.opt` builds from the same fields.
            let extendedRcode = UInt8(truncatingIfNeeded: ttl >> 24), version = UInt8(truncatingIfNeeded: ttl >> 16)
            let dnssecOK = ttl & 0x8000 != 0
            let options = try parseOptions(from: start, to: start + length)
            var record = DNSRecord.opt(udpPayloadSize: classCode, extendedRcode: extendedRcode, version: version,
                                       dnssecOK: dnssecOK, options: options)
            record.name = name
            return record
        }
        let data = try parseData(type: type, from: start, to: start + length)
        // RFC 2181 §8: a TTL with the top bit set is to be read as zero (it is a 31-bit value).
        let validTTL = ttl & 0x8000_0000 == 0 ? ttl : 0
        return DNSRecord(name: name, recordClass: DNSClass(code: classCode), ttl: validTTL, data: data)
    }

    /// Decodes the data of a record that occupies `bytes[start..<end]`; names inside may point anywhere before.
    private func parseData(type: DNSRecordType, from start: Int, to end: Int) throws(DNSDecodeError) -> DNSRecordData {
        let length = end - start
        switch type {
        case .a:
            guard length == 4 else { throw DNSDecodeError(.invalidAddressLength(type: type, length: length)) }
            return .a(IPv4Address(uint32(at: start)))
        case .aaaa:
            guard length == 16 else { throw DNSDecodeError(.invalidAddressLength(type: type, length: length)) }
            return .aaaa(IPv6Address(bytes: bytes[start..<end]))
        case .ns, .cname, .ptr:
            let (name, next) = try readName(at: start, end: end)
            try expectFullyUsed(type: type, from: start, used: next, to: end)
            switch type {
            case .ns: return .ns(name)
            case .cname: return .cname(name)
            default: return .ptr(name)
            }
        case .mx:
            guard length >= 2 else { throw DNSDecodeError(.rdataTooShort(type: type, offset: start, length: length)) }
            let (exchange, next) = try readName(at: start + 2, end: end)
            try expectFullyUsed(type: type, from: start, used: next, to: end)
            return .mx(preference: uint16(at: start), exchange: exchange)
        case .soa:
            let (mname, afterMname) = try readName(at: start, end: end)
            let (rname, afterRname) = try readName(at: afterMname, end: end)
            guard afterRname + 20 <= end else {
                throw DNSDecodeError(.rdataTooShort(type: type, offset: start, length: length))
            }
            try expectFullyUsed(type: type, from: start, used: afterRname + 20, to: end)
            return .soa(mname: mname, rname: rname, serial: uint32(at: afterRname),
                        refresh: uint32(at: afterRname + 4), retry: uint32(at: afterRname + 8),
                        expire: uint32(at: afterRname + 12), minimum: uint32(at: afterRname + 16))
        case .txt:
            var strings: [[UInt8]] = []
            var position = start
            while position < end {
                let stringLength = Int(bytes[position])
                guard position + 1 + stringLength <= end else {
                    throw DNSDecodeError(.characterStringPastEnd(offset: position))
                }
                strings.append(Array(bytes[(position + 1)..<(position + 1 + stringLength)]))
                position += 1 + stringLength
            }
            return .txt(strings)
        case .dnskey, .ds, .rrsig, .nsec, .nsec3:
            return try DNSSECRecordDecoding.decode(type: type, rdata: Array(bytes[start..<end]))
        default:
            return .unknown(type: type, bytes: Array(bytes[start..<end]))
        }
    }

    private func parseOptions(from start: Int, to end: Int) throws(DNSDecodeError) -> [DNSOption] {
        var options: [DNSOption] = []
        var position = start
        while position < end {
            guard position + 4 <= end else { throw DNSDecodeError(.optionPastEnd(offset: position)) }
            let length = Int(uint16(at: position + 2))
            guard position + 4 + length <= end else { throw DNSDecodeError(.optionPastEnd(offset: position)) }
            options.append(DNSOption(code: uint16(at: position), data: Array(bytes[(position + 4)..<(position + 4 + length)])))
            position += 4 + length
        }
        return options
    }

    private func expectFullyUsed(type: DNSRecordType, from start: Int, used: Int, to end: Int) throws(DNSDecodeError) {
        guard used == end else {
            throw DNSDecodeError(.rdataLengthMismatch(type: type, length: end - start, used: used - start))
        }
    }

    /// Reads the name starting at `start`, whose own labels must end before `end`; pointers may lead anywhere in the
    /// message body. Returns the name and the offset just after it where it starts (after its first pointer, if any).
    func readName(at start: Int, end: Int) throws(DNSDecodeError) -> (DNSName, next: Int) {
        do {
            return try readName(at: start, end: end, trackingPointers: false)
        } catch {
            switch error.kind {
            case .nameTooLong, .tooManyCompressionPointers:
                // Every loop ends in one of these two limits. Walk again remembering pointer targets, which costs an
                // allocation and a search per hop, so the error names the loop when there is one.
                return try readName(at: start, end: end, trackingPointers: true)
            default:
                throw error
            }
        }
    }

    /// The name reader. Each step adds a label (bounded by the 255-octet limit) or follows a pointer (bounded by
    /// `maximumPointersPerName`), so it ends after a few hundred steps whatever the bytes say. With
    /// `trackingPointers` a pointer to a place already visited is reported as a loop as soon as it is seen.
    private func readName(at start: Int, end: Int, trackingPointers: Bool) throws(DNSDecodeError) -> (DNSName, next: Int) {
        var wire: [UInt8] = []
        var position = start
        var limit = end
        var next: Int?
        var jumps = 0
        var visited: [Int] = []
        while true {
            guard position < limit else { throw DNSDecodeError(.nameRunsPastEnd(offset: start, end: limit)) }
            let lengthByte = bytes[position]
            switch lengthByte >> 6 {
            case 0 where lengthByte == 0:
                wire.append(0)
                return (DNSName(validatedWire: wire), next ?? position + 1)
            case 0:
                let length = Int(lengthByte)
                guard position + 1 + length <= limit else {
                    throw DNSDecodeError(.nameRunsPastEnd(offset: start, end: limit))
                }
                // Room for this label and the root label still to come.
                guard wire.count + 1 + length + 1 <= DNSName.maximumWireLength else {
                    throw DNSDecodeError(.nameTooLong(offset: start))
                }
                if wire.isEmpty { wire.reserveCapacity(64) }
                wire.append(contentsOf: bytes[position...(position + length)])
                position += 1 + length
            case 3:
                guard position + 2 <= limit else { throw DNSDecodeError(.nameRunsPastEnd(offset: start, end: limit)) }
                let target = Int(lengthByte & 0x3F) << 8 | Int(bytes[position + 1])
                if next == nil { next = position + 2 }
                guard target >= 12, target < bytes.count else {
                    throw DNSDecodeError(.compressionPointerOutOfRange(offset: position, target: target))
                }
                if trackingPointers {
                    guard target != start, !visited.contains(target) else {
                        throw DNSDecodeError(.compressionPointerLoop(offset: position, target: target))
                    }
                    visited.append(target)
                }
                guard jumps < DNSMessageDecoder.maximumPointersPerName else {
                    throw DNSDecodeError(.tooManyCompressionPointers(
                        offset: start, limit: DNSMessageDecoder.maximumPointersPerName))
                }
                jumps += 1
                position = target
                limit = bytes.count
            default:
                throw DNSDecodeError(.labelTooLong(offset: position, lengthByte: lengthByte))
            }
        }
    }

    private func uint16(at index: Int) -> UInt16 {
        UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
    }

    private func uint32(at index: Int) -> UInt32 {
        UInt32(uint16(at: index)) << 16 | UInt32(uint16(at: index + 2))
    }
}
