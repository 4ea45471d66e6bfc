/// Why a `DNSMessage` cannot be put on the wire. Names are valid by construction, so these are about sizes and
/// fields that have no room in the format.
public enum DNSEncodeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The encoded message would pass 65,535 bytes.
    case messageTooLarge(length: Int)
    /// A section has more than the 65,535 entries its 16-bit count holds.
    case tooManyEntries(section: DNSSection, count: Int)
    /// A TXT character string longer than 255 octets.
    case characterStringTooLong(length: Int)
    /// Record data longer than the 65,535 bytes RDLENGTH holds.
    case rdataTooLong(type: DNSRecordType, length: Int)
    /// An opcode above 15 (the field has 4 bits).
    case opcodeOutOfRange(code: UInt8)
    /// An rcode above 4095 (4 header bits plus 8 extended bits).
    case rcodeOutOfRange(code: UInt16)
    /// An rcode above 15 needs an OPT record to carry its upper bits.
    case extendedRcodeWithoutOPT(rcode: DNSResponseCode)
    /// More than one OPT record: the upper rcode bits would have two homes.
    case multipleOPTRecords
    /// An OPT record outside the additional section, where decoders refuse it.
    case optOutsideAdditional(section: DNSSection)

    public var description: String {
        switch self {
        case .messageTooLarge(let length): "message of \(length) bytes is larger than 65535"
        case .tooManyEntries(let section, let count): "\(count) entries in the \(section) section; the limit is 65535"
        case .characterStringTooLong(let length): "TXT string of \(length) octets; the limit is 255"
        case .rdataTooLong(let type, let length): "\(type) record data of \(length) bytes; the limit is 65535"
        case .opcodeOutOfRange(let code): "opcode \(code) does not fit in 4 bits"
        case .rcodeOutOfRange(let code): "rcode \(code) does not fit in 12 bits"
        case .extendedRcodeWithoutOPT(let rcode): "rcode \(rcode) (\(rcode.code)) needs an OPT record to carry it"
        case .multipleOPTRecords: "more than one OPT record"
        case .optOutsideAdditional(let section): "OPT record in the \(section) section; it belongs in additional"
        }
    }
}
