/// Why bytes are not a DNS message v6ready will accept. A hostile or broken server gets one of these, never a crash:
/// the kind says what was wrong and where (byte offsets from the start of the message), the section and record index
/// say which entry it was found in.
public struct DNSDecodeError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// More than 65,535 bytes: no DNS transport can carry that, so it is not a message.
        case messageTooLarge(length: Int)
        /// Fewer than the 12 header bytes.
        case truncatedHeader(length: Int)
        /// The header's counts claim more entries than the message could hold even at their smallest
        /// (5 bytes a question, 11 a record): refused before anything is allocated for them.
        case countsExceedMessage(questions: Int, records: Int, minimumLength: Int, length: Int)
        /// A name's labels run past `end` (the end of the message, or of the record data holding the name).
        case nameRunsPastEnd(offset: Int, end: Int)
        /// A length byte of 64–191: labels are at most 63 octets, and 0x40/0x80 prefixes are label types DNS no
        /// longer uses (RFC 6891 §5).
        case labelTooLong(offset: Int, lengthByte: UInt8)
        /// The name starting at `offset` is longer than 255 octets once decompressed.
        case nameTooLong(offset: Int)
        /// A compression pointer at `offset` aims at the header or past the end of the message.
        case compressionPointerOutOfRange(offset: Int, target: Int)
        /// A compression pointer at `offset` aims at a place this name already passed through.
        case compressionPointerLoop(offset: Int, target: Int)
        /// A name follows more pointers than any real name needs (one per label at most).
        case tooManyCompressionPointers(offset: Int, limit: Int)
        /// A question's type and class run past the end of the message.
        case questionPastEnd(offset: Int)
        /// A record's type, class, TTL and length run past the end of the message.
        case recordPastEnd(offset: Int)
        /// A record's data length (RDLENGTH) claims more bytes than the message has left.
        case rdataPastEnd(offset: Int, length: Int, available: Int)
        /// An A record's data is not 4 bytes, or an AAAA record's not 16.
        case invalidAddressLength(type: DNSRecordType, length: Int)
        /// Record data ends before its fixed fields (MX preference, SOA serial and timers).
        case rdataTooShort(type: DNSRecordType, offset: Int, length: Int)
        /// Record data is longer than its contents: RDLENGTH and the data disagree.
        case rdataLengthMismatch(type: DNSRecordType, length: Int, used: Int)
        /// A TXT character string's length byte runs past the record data.
        case characterStringPastEnd(offset: Int)
        /// An EDNS0 option's header or data runs past the OPT record's data.
        case optionPastEnd(offset: Int)
        /// An OPT pseudo-record outside the additional section.
        case optOutsideAdditional
        /// More than one OPT record: the extended RCODE would be ambiguous (RFC 6891 §6.1.1 says FORMERR).
        case multipleOPTRecords
        /// DNSSEC record data (DNSKEY, DS, RRSIG, NSEC, NSEC3) whose fields do not parse.
        case invalidRecordData(type: DNSRecordType, reason: String)
        /// Bytes left after the last record the header counts (only when trailing bytes are refused).
        case trailingBytes(offset: Int, count: Int)
    }

    public var kind: Kind
    /// The section being read when the problem was found (nil for header-level problems).
    public var section: DNSSection?
    /// The 0-based index of the question or record within `section`.
    public var index: Int?

    public init(_ kind: Kind, section: DNSSection? = nil, index: Int? = nil) {
        self.kind = kind
        self.section = section
        self.index = index
    }

    public var description: String {
        var place = ""
        if let section {
            place = section == .question ? "question" : "\(section) record"
            if let index { place += " \(index + 1)" }
            place += ": "
        }
        return place + Self.explain(kind)
    }

    private static func explain(_ kind: Kind) -> String {
        switch kind {
        case .messageTooLarge(let length):
            return "message of \(length) bytes is larger than the 65535 any DNS transport carries"
        case .truncatedHeader(let length):
            return "message of \(length) bytes is shorter than the 12-byte DNS header"
        case .countsExceedMessage(let questions, let records, let minimumLength, let length):
            return "header claims \(questions) question(s) and \(records) record(s), which need at least "
                + "\(minimumLength) bytes, but the message has \(length)"
        case .nameRunsPastEnd(let offset, let end):
            return "name at offset \(offset) runs past the end of its data at offset \(end)"
        case .labelTooLong(let offset, let lengthByte):
            return "label length byte 0x\(hex(lengthByte)) at offset \(offset) is not a label of at most 63 octets"
        case .nameTooLong(let offset):
            return "name at offset \(offset) is longer than 255 octets"
        case .compressionPointerOutOfRange(let offset, let target):
            return "compression pointer at offset \(offset) points to offset \(target), outside the message body"
        case .compressionPointerLoop(let offset, let target):
            return "compression pointer at offset \(offset) points back to offset \(target) and makes a loop"
        case .tooManyCompressionPointers(let offset, let limit):
            return "name at offset \(offset) follows more than \(limit) compression pointers"
        case .questionPastEnd(let offset):
            return "question type and class at offset \(offset) run past the end of the message"
        case .recordPastEnd(let offset):
            return "record header at offset \(offset) runs past the end of the message"
        case .rdataPastEnd(let offset, let length, let available):
            return "record data length \(length) at offset \(offset) runs past the end of the message "
                + "(\(available) bytes left)"
        case .invalidAddressLength(let type, let length):
            return "\(type) record data is \(length) bytes; it must be \(type == .a ? 4 : 16)"
        case .rdataTooShort(let type, let offset, let length):
            return "\(type) record data of \(length) bytes at offset \(offset) is too short for its fields"
        case .rdataLengthMismatch(let type, let length, let used):
            return "\(type) record data length is \(length) bytes but its contents use \(used)"
        case .characterStringPastEnd(let offset):
            return "TXT character string at offset \(offset) runs past the end of the record data"
        case .optionPastEnd(let offset):
            return "EDNS option at offset \(offset) runs past the end of the OPT record data"
        case .optOutsideAdditional:
            return "OPT pseudo-record outside the additional section"
        case .multipleOPTRecords:
            return "more than one OPT pseudo-record"
        case .invalidRecordData(let type, let reason):
            return "\(type) record data \(reason)"
        case .trailingBytes(let offset, let count):
            return "\(count) byte(s) at offset \(offset) after the last record the header counts"
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let text = String(byte, radix: 16, uppercase: true)
        return text.count == 1 ? "0" + text : text
    }
}
