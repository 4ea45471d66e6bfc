/// An IPv6 address as two big-endian 64-bit halves, plus the zone (scope id) a link-local address needs to say which
/// link it lives on.
public struct IPv6Address: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The first 64 bits (the routing prefix and subnet id), most significant bit first.
    public var high: UInt64
    /// The last 64 bits (usually the interface identifier).
    public var low: UInt64
    /// The zone, e.g. `"eth0"` in `fe80::1%eth0`. Part of equality: the same link-local address on two links is two
    /// different neighbours.
    public var zone: String?

    public init(high: UInt64, low: UInt64, zone: String? = nil) {
        self.high = high
        self.low = low
        self.zone = zone
    }

    /// Parses every RFC 4291 text form: full, `::`-compressed, groups with leading zeros (up to four hex digits),
    /// an embedded dotted quad in the last 32 bits (`::ffff:192.0.2.1`, `64:ff9b::192.0.2.33`), and a zone id
    /// (`fe80::1%eth0`), which is only accepted on link-local unicast and on interface- or link-scope multicast.
    public init?(_ text: String) {
        var text = text
        guard let address = text.withUTF8({ try? Self.parse($0) }) else { return nil }
        self = address
    }

    /// Parses an address from a slice of a larger string without copying it.
    public init?(_ text: Substring) {
        var text = text
        guard let address = text.withUTF8({ try? Self.parse($0) }) else { return nil }
        self = address
    }

    /// Parses an address, saying why not: `"2001:db8::zz" is not an IPv6 address`, with the reason in parentheses
    /// when it helps (a second `::`, an over-long group, a zone on a global address).
    public init(parsing text: String) throws(AddressParseError) {
        var copy = text
        let result: Result<IPv6Address, ParseFailure> = copy.withUTF8 { buffer in
            do throws(ParseFailure) { return .success(try Self.parse(buffer)) } catch { return .failure(error) }
        }
        switch result {
        case .success(let address):
            self = address
        case .failure(let failure):
            var message = "\(AddressParseError.quoted(text)) is not an IPv6 address"
            if let reason = failure.reason { message += " (\(reason))" }
            throw AddressParseError(message: message)
        }
    }

    /// The IPv4-mapped form `::ffff:a.b.c.d` of an IPv4 address, as dual-stack sockets report IPv4 peers.
    public init(ipv4Mapped address: IPv4Address) {
        self.init(high: 0, low: 0xFFFF_0000_0000 | UInt64(address.value))
    }

    /// The sixteen bytes in network order, as they go on the wire.
    public var bytes: [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(16)
        for shift in stride(from: 56, through: 0, by: -8) { result.append(UInt8(truncatingIfNeeded: high >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { result.append(UInt8(truncatingIfNeeded: low >> UInt64(shift))) }
        return result
    }

    /// Builds an address from sixteen network-order bytes (for example from a packet or `sockaddr_in6`).
    public init(bytes: some Collection<UInt8>, zone: String? = nil) {
        precondition(bytes.count == 16, "an IPv6 address has 16 bytes, not \(bytes.count)")
        var high: UInt64 = 0, low: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            if index < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt64(byte) }
        }
        self.init(high: high, low: low, zone: zone)
    }

    /// The embedded IPv4 address of an IPv4-mapped address (`::ffff:a.b.c.d`), otherwise nil.
    public var ipv4Mapped: IPv4Address? {
        guard high == 0, low >> 32 == 0xFFFF else { return nil }
        return IPv4Address(UInt32(truncatingIfNeeded: low))
    }

    /// The address `offset` places further on, wrapping around modulo 2^128 (negative offsets go back). Keeps the zone.
    public func advanced(by offset: Int) -> IPv6Address {
        let magnitude = Bits128(UInt64(offset.magnitude))
        let result = offset >= 0 ? bits.addingReportingOverflow(magnitude).partialValue : bits.subtractingWrapping(magnitude)
        return IPv6Address(high: result.high, low: result.low, zone: zone)
    }

    /// The network address of the `length`-bit prefix holding this address (host bits cleared, zone kept).
    public func masked(toLength length: Int) -> IPv6Address {
        precondition((0...128).contains(length), "IPv6 prefix length \(length) is outside 0...128")
        let result = bits & Bits128.networkMask(prefixLength: length, width: 128)
        return IPv6Address(high: result.high, low: result.low, zone: zone)
    }

    /// The special-purpose range this address falls in, or `.global`.
    public var addressClass: AddressClass {
        if high == 0 {
            if low == 0 { return .unspecified }
            if low == 1 { return .loopback }
            if low >> 32 == 0xFFFF { return .ipv4Mapped }
        }
        if high == 0x0064_FF9B_0000_0000, low >> 32 == 0 { return .nat64 }
        if high >> 54 == 0x3FA { return .linkLocal }
        if high >> 57 == 0x7E { return .uniqueLocal }
        if high >> 32 == 0x2001_0DB8 || high >> 44 == 0x3_FFF0 { return .documentation }
        if high >> 16 == 0x2001_0002_0000 { return .benchmarking }
        if high >> 56 == 0xFF { return .multicast }
        return .global
    }

    /// RFC 5952 canonical text: lowercase, no leading zeros, the longest run of two or more zero groups as `::`
    /// (the first on a tie), IPv4-mapped addresses with a dotted-quad tail, then `%zone`.
    public var description: String {
        let zoneBytes = zone?.utf8
        return String(unsafeUninitializedCapacity: 45 + 1 + (zoneBytes?.count ?? 0)) { storage in
            var writer = ASCIIWriter(storage)
            if let mapped = ipv4Mapped {
                writer.append("::ffff:")
                mapped.writeDottedQuad(to: &writer)
            } else {
                writeCanonicalGroups(to: &writer)
            }
            if let zoneBytes {
                writer.append(UInt8(ascii: "%"))
                for byte in zoneBytes { writer.append(byte) }
            }
            return writer.count
        }
    }

    /// Orders by numeric value, then by zone (no zone first).
    public static func < (lhs: IPv6Address, rhs: IPv6Address) -> Bool {
        if lhs.high != rhs.high { return lhs.high < rhs.high }
        if lhs.low != rhs.low { return lhs.low < rhs.low }
        switch (lhs.zone, rhs.zone) {
        case (nil, nil): return false
        case (nil, _): return true
        case (_, nil): return false
        case (let left?, let right?): return left < right
        }
    }

    // MARK: - Internals

    var bits: Bits128 { Bits128(high: high, low: low) }

    /// Group `index` (0...7) as printed.
    func group(_ index: Int) -> UInt16 {
        let half = index < 4 ? high : low
        return UInt16(truncatingIfNeeded: half >> UInt64(48 - 16 * (index % 4)))
    }

    private func writeCanonicalGroups(to writer: inout ASCIIWriter) {
        // Longest run of zero groups, at least two long; the first one wins a tie.
        var bestStart = -1, bestLength = 0, runStart = -1
        for index in 0...8 {
            if index < 8, group(index) == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                let runLength = index - runStart
                if runLength > bestLength { bestStart = runStart; bestLength = runLength }
                runStart = -1
            }
        }
        if bestLength < 2 { bestStart = -1 }

        let colon = UInt8(ascii: ":")
        var index = 0
        while index < 8 {
            if index == bestStart {
                writer.append(colon)
                writer.append(colon)
                index += bestLength
                continue
            }
            if index > 0, index != bestStart + bestLength { writer.append(colon) }  // no ":" right after "::"
            writer.appendHex(group(index))
            index += 1
        }
    }

    /// Why a text is not an IPv6 address; `reason` is shown to the user only where it adds something.
    enum ParseFailure: Error {
        case empty, invalidCharacter, groupTooLong, tooManyGroups, tooFewGroups, multipleCompressions
        case strayColon, badIPv4Tail, emptyZone, invalidZone, zoneNotAllowed

        var reason: String? {
            switch self {
            case .empty, .invalidCharacter, .tooFewGroups, .strayColon: nil
            case .groupTooLong: "a group has more than 4 hex digits"
            case .tooManyGroups: "more than 8 groups"
            case .multipleCompressions: "\"::\" may appear only once"
            case .badIPv4Tail: "an embedded IPv4 address must be a valid dotted quad at the end"
            case .emptyZone: "empty zone id after \"%\""
            case .invalidZone: "the zone id must be an interface name or number"
            case .zoneNotAllowed: "a zone id is only allowed on link-local addresses"
            }
        }
    }

    /// Accumulates 16-bit groups into a 128-bit number, remembering how many it holds.
    private struct GroupAccumulator {
        var bits = Bits128.zero
        var count = 0

        mutating func push(_ group: UInt16) {
            bits = Bits128(high: bits.high << 16 | bits.low >> 48, low: bits.low << 16 | UInt64(group))
            count += 1
        }
    }

    static func parse(_ text: UnsafeBufferPointer<UInt8>) throws(ParseFailure) -> IPv6Address {
        let percent = UInt8(ascii: "%")
        var end = text.count
        var zone: String?
        if let zoneMark = text.firstIndex(of: percent) {
            end = zoneMark
            let zoneBytes = UnsafeBufferPointer(rebasing: text[(zoneMark + 1)...])
            guard !zoneBytes.isEmpty else { throw .emptyZone }
            for byte in zoneBytes where byte <= 0x20 || byte >= 0x7F || byte == percent || byte == UInt8(ascii: "/") {
                throw .invalidZone
            }
            zone = String(decoding: zoneBytes, as: UTF8.self)
        }
        let bits = try parseBits(text, to: end)
        let address = IPv6Address(high: bits.high, low: bits.low, zone: zone)
        if zone != nil, !address.acceptsZone { throw .zoneNotAllowed }
        return address
    }

    /// Link-local unicast, and multicast of interface-local (ffx1::) or link-local (ffx2::) scope.
    private var acceptsZone: Bool {
        if high >> 54 == 0x3FA { return true }
        if high >> 56 == 0xFF {
            let scope = (high >> 48) & 0xF
            return scope == 1 || scope == 2
        }
        return false
    }

    private static func hexValue(_ byte: UInt8) -> UInt16? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt16(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt16(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt16(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// Parses `text[0..<end]` (the part before any zone) into 128 bits.
    private static func parseBits(_ text: UnsafeBufferPointer<UInt8>, to end: Int) throws(ParseFailure) -> Bits128 {
        let colon = UInt8(ascii: ":"), dot = UInt8(ascii: ".")
        guard end > 0 else { throw .empty }
        var head = GroupAccumulator(), tail = GroupAccumulator()
        var compressed = false
        var index = 0

        if text[0] == colon {
            guard end > 1, text[1] == colon else { throw .strayColon }  // leading single ":"
            compressed = true
            index = 2
            if index == end { return .zero }  // "::"
            if text[index] == colon { throw .strayColon }  // ":::"
        }

        while true {
            // A group starts at `index`; it is not past the end and not a colon.
            let groupStart = index
            var value: UInt16 = 0
            var digits = 0
            while index < end, let nibble = hexValue(text[index]) {
                if digits == 4 { throw .groupTooLong }
                value = value << 4 | nibble
                digits += 1
                index += 1
            }
            if index < end, text[index] == dot {
                guard let ipv4 = IPv4Address.parseDottedQuad(text, from: groupStart, to: end) else { throw .badIPv4Tail }
                guard head.count + tail.count <= 6 else { throw .tooManyGroups }
                if compressed {
                    tail.push(UInt16(truncatingIfNeeded: ipv4 >> 16)); tail.push(UInt16(truncatingIfNeeded: ipv4))
                } else {
                    head.push(UInt16(truncatingIfNeeded: ipv4 >> 16)); head.push(UInt16(truncatingIfNeeded: ipv4))
                }
                break
            }
            guard digits > 0 else { throw .invalidCharacter }
            guard head.count + tail.count < 8 else { throw .tooManyGroups }
            if compressed { tail.push(value) } else { head.push(value) }

            if index == end { break }
            guard text[index] == colon else { throw .invalidCharacter }
            index += 1
            guard index < end else { throw .strayColon }  // trailing single ":"
            if text[index] == colon {
                guard !compressed else { throw .multipleCompressions }
                compressed = true
                index += 1
                if index == end { break }
                if text[index] == colon { throw .strayColon }  // ":::"
            }
        }

        let total = head.count + tail.count
        if compressed {
            // "::" stands for at least one zero group.
            guard total <= 7 else { throw .tooManyGroups }
            return head.bits.shiftedLeft(by: 16 * (8 - head.count)) | tail.bits
        }
        guard total == 8 else { throw total > 8 ? .tooManyGroups : .tooFewGroups }
        return head.bits
    }
}
