/// Reads the fields of DNSSEC record data (RFC 4034, RFC 5155). These types carry names uncompressed (RFC 3597 §4),
/// so a reader needs only the record's own bytes; every read checks the length and throws rather than trapping.
struct DNSSECRecordReader {
    let bytes: [UInt8]
    let type: DNSRecordType
    private(set) var position = 0

    init(_ bytes: [UInt8], type: DNSRecordType) {
        self.bytes = bytes
        self.type = type
    }

    var remaining: Int { bytes.count - position }
    var isAtEnd: Bool { position == bytes.count }

    func failure(_ reason: String) -> DNSDecodeError {
        DNSDecodeError(.invalidRecordData(type: type, reason: reason))
    }

    mutating func uint8(_ field: String) throws(DNSDecodeError) -> UInt8 {
        guard remaining >= 1 else { throw failure("ends before its \(field)") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func uint16(_ field: String) throws(DNSDecodeError) -> UInt16 {
        guard remaining >= 2 else { throw failure("ends before its \(field)") }
        defer { position += 2 }
        return UInt16(bytes[position]) << 8 | UInt16(bytes[position + 1])
    }

    mutating func uint32(_ field: String) throws(DNSDecodeError) -> UInt32 {
        let high = try uint16(field), low = try uint16(field)
        return UInt32(high) << 16 | UInt32(low)
    }

    mutating func take(_ count: Int, _ field: String) throws(DNSDecodeError) -> [UInt8] {
        guard count >= 0, remaining >= count else { throw failure("ends inside its \(field)") }
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    mutating func rest() -> [UInt8] {
        defer { position = bytes.count }
        return Array(bytes[position...])
    }

    /// An uncompressed name; a compression pointer here is malformed.
    mutating func name(_ field: String) throws(DNSDecodeError) -> DNSName {
        var labels: [[UInt8]] = []
        while true {
            let length = Int(try uint8(field))
            if length == 0 { break }
            guard length <= DNSName.maximumLabelLength else {
                throw failure("has a compressed or malformed \(field)")
            }
            labels.append(try take(length, field))
        }
        do {
            return try DNSName(labels: labels)
        } catch {
            throw failure("has an invalid \(field): \(error.message)")
        }
    }

    func expectEnd() throws(DNSDecodeError) {
        guard isAtEnd else { throw failure("has \(remaining) byte(s) after its last field") }
    }
}
