/// A fully qualified domain name, held in uncompressed wire form (length-prefixed labels ending in the zero-length
/// root label) so encoding is a copy and the 255-octet limit is a plain count.
///
/// Equality and hashing ignore ASCII case, as DNS does (RFC 4343): `VIDU.example.` equals `vidu.example.`; the
/// original case is kept for display. Labels are 8-bit clean: any byte may appear, and `description` escapes the odd
/// ones the way zone files do (`\.`, `\\`, `\032`).
public struct DNSName: Hashable, Sendable, CustomStringConvertible {
    /// The longest label, in octets (RFC 1035 §2.3.4).
    public static let maximumLabelLength = 63
    /// The longest name in wire form, counting length bytes and the root label (RFC 1035 §2.3.4).
    public static let maximumWireLength = 255

    /// Length-prefixed labels followed by a zero byte; always valid (labels 1...63 octets, total ≤ 255).
    public let wireBytes: [UInt8]

    /// The root name `.`.
    public static let root = DNSName(validatedWire: [0])

    /// Wraps wire bytes the caller has already checked.
    init(validatedWire: [UInt8]) {
        wireBytes = validatedWire
    }

    /// Builds a name from raw labels (most specific first, no root label), refusing empty, over-long and too many.
    public init(labels: [[UInt8]]) throws(DNSNameError) {
        var wire: [UInt8] = []
        wire.reserveCapacity(labels.reduce(1) { $0 + 1 + $1.count })
        for label in labels {
            guard !label.isEmpty else { throw DNSNameError(message: "a DNS name cannot have an empty label") }
            guard label.count <= Self.maximumLabelLength else {
                throw DNSNameError(message: "label of \(label.count) octets is longer than \(Self.maximumLabelLength)")
            }
            wire.append(UInt8(label.count))
            wire.append(contentsOf: label)
        }
        wire.append(0)
        guard wire.count <= Self.maximumWireLength else {
            throw DNSNameError(message: "name of \(wire.count) octets is longer than \(Self.maximumWireLength)")
        }
        wireBytes = wire
    }

    /// Builds a name from text labels (UTF-8 bytes used as they are), e.g. `["vidu", "example"]`.
    public init(labels: [String]) throws(DNSNameError) {
        try self.init(labels: labels.map { Array($0.utf8) })
    }

    /// Parses presentation text, saying why not. See `init?(_:)` for the accepted forms.
    public init(parsing text: String) throws(DNSNameError) {
        self = try DNSNamePresentation.parse(text)
    }

    /// Parses presentation text: `vidu.example`, `vidu.example.` (the same name: every name here is absolute),
    /// `.` for the root, and the zone-file escapes `\.`, `\\` and `\DDD`. Refuses empty labels, labels over 63 octets,
    /// names over 255 octets, whitespace, control characters and non-ASCII text (write IDNs in their `xn--` form).
    public init?(_ text: String) {
        guard let name = try? DNSNamePresentation.parse(text) else { return nil }
        self = name
    }

    /// The labels, most specific first, without the root label.
    public var labels: [[UInt8]] {
        var result: [[UInt8]] = []
        var index = 0
        while wireBytes[index] != 0 {
            let length = Int(wireBytes[index])
            result.append(Array(wireBytes[index + 1 ... index + length]))
            index += 1 + length
        }
        return result
    }

    /// How many labels the name has (the root has none).
    public var labelCount: Int {
        var count = 0
        var index = 0
        while wireBytes[index] != 0 {
            count += 1
            index += 1 + Int(wireBytes[index])
        }
        return count
    }

    public var isRoot: Bool { wireBytes.count == 1 }

    /// The name with ASCII letters folded to lowercase, the canonical form DNSSEC and caches use.
    public var lowercased: DNSName {
        DNSName(validatedWire: wireBytes.map(Self.foldCase))
    }

    /// The name one label up (`vidu.example.` → `example.`); nil for the root.
    public var parent: DNSName? {
        guard !isRoot else { return nil }
        return DNSName(validatedWire: Array(wireBytes[(1 + Int(wireBytes[0]))...]))
    }

    /// Whether this name equals `other` or lies below it, ignoring case (`a.vidu.example.` is within `example.`).
    public func isWithin(_ other: DNSName) -> Bool {
        let extra = wireBytes.count - other.wireBytes.count
        guard extra >= 0 else { return false }
        // The suffix must start on a label boundary, so walk the labels rather than compare tails blindly.
        var index = 0
        while index < extra {
            index += 1 + Int(wireBytes[index])
        }
        guard index == extra else { return false }
        for position in 0..<other.wireBytes.count
        where Self.foldCase(wireBytes[extra + position]) != Self.foldCase(other.wireBytes[position]) {
            return false
        }
        return true
    }

    /// Presentation form with a trailing dot (`vidu.example.`; `.` for the root), odd bytes escaped.
    public var description: String {
        DNSNamePresentation.format(self)
    }

    public static func == (lhs: DNSName, rhs: DNSName) -> Bool {
        guard lhs.wireBytes.count == rhs.wireBytes.count else { return false }
        for index in lhs.wireBytes.indices where foldCase(lhs.wireBytes[index]) != foldCase(rhs.wireBytes[index]) {
            return false
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Length bytes are at most 63, below "A" (65), so folding the whole wire form touches only letters.
        for byte in wireBytes { hasher.combine(Self.foldCase(byte)) }
    }

    /// ASCII-only lowercase: DNS compares other bytes exactly.
    @inline(__always)
    static func foldCase(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
