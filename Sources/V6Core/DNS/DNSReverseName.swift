extension DNSName {
    /// The name a PTR lookup asks for: `1.2.0.192.in-addr.arpa.` for `192.0.2.1` (RFC 1035 §3.5) and the 32 reversed
    /// nibbles under `ip6.arpa.` for IPv6 (RFC 3596 §2.5). An IPv6 zone is not part of the name and is ignored.
    public static func reverseName(for address: IPAddress) -> DNSName {
        var wire: [UInt8] = []
        switch address {
        case .v4(let v4):
            wire.reserveCapacity(30)
            for byte in v4.bytes.reversed() {
                let digits = decimalDigits(byte)
                wire.append(UInt8(digits.count))
                wire.append(contentsOf: digits)
            }
            appendLabels(["in-addr", "arpa"], to: &wire)
        case .v6(let v6):
            wire.reserveCapacity(74)
            for byte in v6.bytes.reversed() {
                wire.append(1)
                wire.append(hexDigit(byte & 0xF))
                wire.append(1)
                wire.append(hexDigit(byte >> 4))
            }
            appendLabels(["ip6", "arpa"], to: &wire)
        }
        wire.append(0)
        return DNSName(validatedWire: wire)
    }

    /// The address a reverse name stands for, if this is a complete `in-addr.arpa.` or `ip6.arpa.` name (so a PTR
    /// answer can be matched to the address it describes); nil for anything else, including partial zones.
    public var reverseAddress: IPAddress? {
        let labels = self.labels.map { $0.map(DNSName.foldCase) }
        if labels.count == 6, labels[4] == Array("in-addr".utf8), labels[5] == Array("arpa".utf8) {
            var value: UInt32 = 0
            for label in labels[0..<4].reversed() {
                guard let octet = Self.parseDecimalOctet(label) else { return nil }
                value = value << 8 | UInt32(octet)
            }
            return .v4(IPv4Address(value))
        }
        if labels.count == 34, labels[32] == Array("ip6".utf8), labels[33] == Array("arpa".utf8) {
            var high: UInt64 = 0, low: UInt64 = 0
            for (position, label) in labels[0..<32].reversed().enumerated() {
                guard label.count == 1, let nibble = Self.hexValue(label[0]) else { return nil }
                if position < 16 { high = high << 4 | UInt64(nibble) } else { low = low << 4 | UInt64(nibble) }
            }
            return .v6(IPv6Address(high: high, low: low))
        }
        return nil
    }

    private static func appendLabels(_ labels: [StaticString], to wire: inout [UInt8]) {
        for label in labels {
            wire.append(UInt8(label.utf8CodeUnitCount))
            wire.append(contentsOf: UnsafeBufferPointer(start: label.utf8Start, count: label.utf8CodeUnitCount))
        }
    }

    private static func decimalDigits(_ byte: UInt8) -> [UInt8] {
        if byte >= 100 { return [0x30 + byte / 100, 0x30 + byte / 10 % 10, 0x30 + byte % 10] }
        if byte >= 10 { return [0x30 + byte / 10, 0x30 + byte % 10] }
        return [0x30 + byte]
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x61 + nibble - 10
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// A decimal octet as reverse zones write it: 0–255, no leading zeros.
    private static func parseDecimalOctet(_ label: [UInt8]) -> UInt8? {
        guard (1...3).contains(label.count), label.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        guard label.count == 1 || label[0] != 0x30 else { return nil }
        let value = label.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        return value <= 255 ? UInt8(value) : nil
    }
}
