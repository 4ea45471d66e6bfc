/// Where validation starts: DS or DNSKEY records for one zone that are trusted without proof.
public struct DNSSECTrustAnchor: Sendable, Hashable {
    public var zone: DNSName
    public var ds: [DSData]
    public var keys: [DNSKEYData]

    public init(zone: DNSName, ds: [DSData] = [], keys: [DNSKEYData] = []) {
        self.zone = zone
        self.ds = ds
        self.keys = keys
    }

    /// The root zone's key-signing keys as IANA publishes them (root-anchors.xml): KSK-2017 (20326) and KSK-2024
    /// (38696), both RSA/SHA-256 with SHA-256 digests.
    public static let root = DNSSECTrustAnchor(zone: .root, ds: [
        DSData(keyTag: 20326, algorithm: 8, digestType: 2,
               digest: hexBytes("E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D")),
        DSData(keyTag: 38696, algorithm: 8, digestType: 2,
               digest: hexBytes("683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16")),
    ])

    /// True when `key` is trusted by this anchor: listed itself, or described by one of its DS records.
    public func trusts(_ key: DNSKEYData) -> Bool {
        keys.contains(key) || ds.contains { DNSSECDigests.matches($0, key: key, owner: zone) }
    }

    static func hexBytes(_ text: String) -> [UInt8] {
        DNSSECPresentation.hex(text) ?? []
    }
}

/// Reads trust-anchor files: DS and DNSKEY records in presentation format, one per line (`;` comments, blank
/// lines, optional TTL and class), as `dig DNSKEY` or `ldns-key2ds` print them.
public enum DNSSECPresentation {
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public static func trustAnchors(_ text: String) throws(ParseError) -> [DNSSECTrustAnchor] {
        var anchors: [DNSSECTrustAnchor] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            var fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard !fields.isEmpty else { continue }
            let number = index + 1
            guard let zone = DNSName(fields.removeFirst()) else {
                throw ParseError(line: number, message: "the owner is not a domain name")
            }
            if let first = fields.first, UInt32(first) != nil { fields.removeFirst() }
            if fields.first?.uppercased() == "IN" { fields.removeFirst() }
            guard let type = fields.first?.uppercased() else {
                throw ParseError(line: number, message: "no record type (DS or DNSKEY)")
            }
            fields.removeFirst()
            var anchor = anchors.first { $0.zone == zone } ?? DNSSECTrustAnchor(zone: zone)
            switch type {
            case "DS":
                guard fields.count >= 4, let tag = UInt16(fields[0]), let algorithm = UInt8(fields[1]),
                      let digestType = UInt8(fields[2]), let digest = hex(fields[3...].joined()), !digest.isEmpty else {
                    throw ParseError(line: number, message: "DS needs key tag, algorithm, digest type and a hex digest")
                }
                anchor.ds.append(DSData(keyTag: tag, algorithm: algorithm, digestType: digestType, digest: digest))
            case "DNSKEY":
                guard fields.count >= 4, let flags = UInt16(fields[0]), let proto = UInt8(fields[1]),
                      let algorithm = UInt8(fields[2]), let key = Base64.decode(fields[3...].joined()), !key.isEmpty else {
                    throw ParseError(line: number, message: "DNSKEY needs flags, protocol, algorithm and a base64 key")
                }
                anchor.keys.append(DNSKEYData(flags: flags, protocolField: proto, algorithm: algorithm, publicKey: key))
            default:
                throw ParseError(line: number, message: "type \(type) is not DS or DNSKEY")
            }
            anchors.removeAll { $0.zone == zone }
            anchors.append(anchor)
        }
        return anchors
    }

    /// Hex digits (either case) to bytes; nil for odd lengths or other characters.
    public static func hex(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 65...70: c - 55
        case 97...102: c - 87
        default: nil
        }
    }
}
