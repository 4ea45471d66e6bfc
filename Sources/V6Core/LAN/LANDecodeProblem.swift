/// Something wrong in a received router advertisement or DHCPv6 message: where it is and what is wrong. Decoders
/// report these and go on with the next option, so one bad option from a broken router does not hide the rest of its
/// advertisement (and no input can make them stop the program).
public struct LANDecodeProblem: Sendable, Equatable, CustomStringConvertible {
    /// Byte offset of the option (or field) in the message.
    public var offset: Int
    /// The option's type or code, when the problem is in one.
    public var option: Int?
    public var message: String

    public init(offset: Int, option: Int? = nil, message: String) {
        self.offset = offset
        self.option = option
        self.message = message
    }

    /// `option 25 at byte 56: RDNSS length 2 is too short (at least 3)`.
    public var description: String {
        (option.map { "option \($0) at byte \(offset)" } ?? "byte \(offset)") + ": " + message
    }
}

/// Why a message could not be decoded at all (as opposed to one bad option in it).
public struct LANDecodeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Big-endian reads on a byte array whose length the caller checked.
extension Array where Element == UInt8 {
    @inline(__always)
    func be16(_ offset: Int) -> UInt16 {
        UInt16(self[offset]) << 8 | UInt16(self[offset + 1])
    }

    @inline(__always)
    func be32(_ offset: Int) -> UInt32 {
        UInt32(be16(offset)) << 16 | UInt32(be16(offset + 2))
    }

    /// The IPv6 address in the 16 bytes at `offset`.
    func ipv6(_ offset: Int) -> IPv6Address {
        IPv6Address(bytes: self[offset..<(offset + 16)])
    }

    /// Up to 16 bytes from `offset`, zero-padded to an IPv6 address (route information and PREF64 carry short prefixes).
    func paddedIPv6(_ offset: Int, count: Int) -> IPv6Address {
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<Swift.min(count, 16) where offset + i < self.count { bytes[i] = self[offset + i] }
        return IPv6Address(bytes: bytes)
    }

    mutating func appendBE16(_ value: UInt16) {
        append(UInt8(value >> 8)); append(UInt8(value & 0xFF))
    }

    mutating func appendBE32(_ value: UInt32) {
        appendBE16(UInt16(value >> 16)); appendBE16(UInt16(value & 0xFFFF))
    }
}

/// A link-layer (MAC) address as `ip neigh` and tcpdump print it: `be:2a:65:72:44:4c`.
public struct LinkLayerAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var bytes: [UInt8]
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// Parses `aa:bb:cc:dd:ee:ff` (any number of colon-separated hex pairs); nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.count <= 20 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard part.utf8.count == 2, let byte = UInt8(part, radix: 16) else { return nil }
            bytes.append(byte)
        }
        self.bytes = bytes
    }

    public var description: String {
        bytes.map { b in
            let digits = String(b, radix: 16)
            return b < 16 ? "0" + digits : digits
        }.joined(separator: ":")
    }

    public static func < (a: LinkLayerAddress, b: LinkLayerAddress) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }
}
