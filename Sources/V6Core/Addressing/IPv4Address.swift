/// An IPv4 address, held as one host-order number so comparison, masking and iteration are plain integer work.
public struct IPv4Address: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The address in host byte order: `192.0.2.1` is `0xC000_0201`.
    public var value: UInt32

    public init(_ value: UInt32) {
        self.value = value
    }

    /// Parses a strict dotted quad: four decimal parts 0–255, no leading zeros (`01.2.3.4` is refused, because some
    /// tools read it as octal), no spaces, no shorthand such as `10.1`.
    public init?(_ text: String) {
        var text = text
        guard let value = text.withUTF8({ Self.parseDottedQuad($0, from: 0, to: $0.count) }) else { return nil }
        self.value = value
    }

    /// Parses a strict dotted quad from a slice of a larger string without copying it.
    public init?(_ text: Substring) {
        var text = text
        guard let value = text.withUTF8({ Self.parseDottedQuad($0, from: 0, to: $0.count) }) else { return nil }
        self.value = value
    }

    /// Parses a strict dotted quad, saying why not: `"192.0.2.300" is not an IPv4 address`.
    public init(parsing text: String) throws(AddressParseError) {
        guard let address = IPv4Address(text) else {
            throw AddressParseError(message: "\(AddressParseError.quoted(text)) is not an IPv4 address")
        }
        self = address
    }

    /// The four bytes in network order, as they go on the wire.
    public var bytes: [UInt8] {
        [UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
         UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    /// Builds an address from four network-order bytes (for example from a packet).
    public init(bytes: some Collection<UInt8>) {
        precondition(bytes.count == 4, "an IPv4 address has 4 bytes, not \(bytes.count)")
        var value: UInt32 = 0
        for byte in bytes { value = value << 8 | UInt32(byte) }
        self.value = value
    }

    /// The address `offset` places further on, wrapping around modulo 2^32 (negative offsets go back).
    public func advanced(by offset: Int) -> IPv4Address {
        IPv4Address(value &+ UInt32(truncatingIfNeeded: offset))
    }

    /// The network address of the `length`-bit prefix holding this address (host bits cleared).
    public func masked(toLength length: Int) -> IPv4Address {
        precondition((0...32).contains(length), "IPv4 prefix length \(length) is outside 0...32")
        return IPv4Address(length == 0 ? 0 : value & (UInt32.max << UInt32(32 - length)))
    }

    /// The special-purpose range this address falls in, or `.global`.
    public var addressClass: AddressClass {
        if value == 0 { return .unspecified }
        if value >> 24 == 127 { return .loopback }
        if value >> 16 == 0xA9FE { return .linkLocal }
        if value >> 24 == 10 || value >> 20 == 0xAC1 || value >> 16 == 0xC0A8 { return .privateUse }
        if value >> 22 == 0x191 { return .sharedAddressSpace }
        switch value >> 8 {
        case 0xC0_0002, 0xC6_3364, 0xCB_0071: return .documentation
        default: break
        }
        if value >> 17 == 0x6309 { return .benchmarking }
        if value >> 28 == 0xE { return .multicast }
        return .global
    }

    public var description: String {
        String(unsafeUninitializedCapacity: 15) { storage in
            var writer = ASCIIWriter(storage)
            writeDottedQuad(to: &writer)
            return writer.count
        }
    }

    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool {
        lhs.value < rhs.value
    }

    /// Writes the dotted-quad text (shared with IPv6's mapped form).
    func writeDottedQuad(to writer: inout ASCIIWriter) {
        for shift in stride(from: 24, through: 0, by: -8) {
            let octet = UInt8(truncatingIfNeeded: value >> UInt32(shift))
            if octet >= 100 { writer.append(UInt8(ascii: "0") + octet / 100) }
            if octet >= 10 { writer.append(UInt8(ascii: "0") + octet / 10 % 10) }
            writer.append(UInt8(ascii: "0") + octet % 10)
            if shift != 0 { writer.append(UInt8(ascii: ".")) }
        }
    }

    /// Parses `bytes[start..<end]` as a strict dotted quad; the whole range must be used.
    static func parseDottedQuad(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt32? {
        let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9"), dot = UInt8(ascii: ".")
        var index = start
        var value: UInt32 = 0
        for part in 0..<4 {
            if part > 0 {
                guard index < end, bytes[index] == dot else { return nil }
                index += 1
            }
            guard index < end else { return nil }
            let first = bytes[index]
            guard first >= zero, first <= nine else { return nil }
            var octet = UInt32(first - zero)
            index += 1
            if first == zero {
                if index < end, bytes[index] >= zero, bytes[index] <= nine { return nil }  // leading zero
            } else {
                while index < end, bytes[index] >= zero, bytes[index] <= nine {
                    octet = octet * 10 + UInt32(bytes[index] - zero)
                    if octet > 255 { return nil }
                    index += 1
                }
            }
            value = value << 8 | octet
        }
        return index == end ? value : nil
    }
}
