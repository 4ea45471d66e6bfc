/// The parts of an X.509 certificate (RFC 5280) that say whom it is for and when: subject, issuer, validity and
/// the DNS names of subjectAltName, plus the SHA-256 fingerprint of the whole DER that tells two certificates apart.
/// Signatures are not verified: the question is whether both address families present the same certificate.
public struct X509Certificate: Sendable, Equatable {
    /// The subject's common name (2.5.4.3), if it has one.
    public var subjectCommonName: String?
    /// The subject as `CN=portal.vidu.example, O=Sở TT&TT` (RFC 4514 order of the attributes as encoded).
    public var subject: String
    public var issuer: String
    public var notBefore: CertificateTime
    public var notAfter: CertificateTime
    /// dNSName entries of subjectAltName (2.5.29.17), in order.
    public var dnsNames: [String]
    /// Lower-case hex SHA-256 of the DER.
    public var fingerprint: String

    /// Parses a DER certificate. Throws with the part that is wrong; never traps on any input.
    public init(der: [UInt8]) throws(X509Error) {
        var outer = DERReader(der[...])
        let certificate = try outer.next(0x30, "certificate")
        var parts = DERReader(certificate.content)
        let tbs = try parts.next(0x30, "tbsCertificate")
        var fields = DERReader(tbs.content)
        _ = try fields.optionalContext(0)                 // version
        _ = try fields.next(0x02, "serialNumber")
        _ = try fields.next(0x30, "signature algorithm")
        let issuerName = try fields.next(0x30, "issuer")
        let validity = try fields.next(0x30, "validity")
        let subjectName = try fields.next(0x30, "subject")
        _ = try fields.next(0x30, "subjectPublicKeyInfo")
        var sanNames: [String] = []
        while !fields.isAtEnd {
            let element = try fields.next()
            guard element.contextNumber == 3 else { continue } // issuerUniqueID [1], subjectUniqueID [2]
            sanNames = try Self.subjectAltNames(inExtensions: element)
        }
        var times = DERReader(validity.content)
        let before = try times.next(), after = try times.next()
        for (element, what) in [(before, "notBefore"), (after, "notAfter")] where element.tag != 0x17 && element.tag != 0x18 {
            throw X509Error("\(what): neither UTCTime nor GeneralizedTime (tag 0x\(hex(element.tag)))")
        }
        notBefore = try CertificateTime(der: before.tag, before.content)
        notAfter = try CertificateTime(der: after.tag, after.content)
        let subjectAttributes = try Self.attributes(subjectName)
        subject = Self.render(subjectAttributes)
        issuer = Self.render(try Self.attributes(issuerName))
        subjectCommonName = subjectAttributes.first { $0.type == "CN" }?.value
        dnsNames = sanNames
        fingerprint = CertificateFingerprint.sha256Hex(der)
    }

    /// Is `host` covered by a SAN DNS name (or, without SANs, by the CN, as old clients did)? One leading `*.` label
    /// matches exactly one label (RFC 6125 §6.4.3); comparison ignores case and a trailing dot.
    public func covers(_ host: String) -> Bool {
        let names = dnsNames.isEmpty ? [subjectCommonName].compactMap { $0 } : dnsNames
        let wanted = Self.normalised(host)
        return names.contains { pattern in
            let p = Self.normalised(pattern)
            if p.hasPrefix("*.") {
                let suffix = p.dropFirst(1)
                guard wanted.hasSuffix(suffix) else { return false }
                let label = wanted.dropLast(suffix.count)
                return !label.isEmpty && !label.contains(".")
            }
            return p == wanted
        }
    }

    /// The names the certificate is for, as findings list them.
    public var names: [String] { dnsNames.isEmpty ? [subjectCommonName].compactMap { $0 } : dnsNames }

    static func normalised(_ name: String) -> String {
        var text = name.lowercased()
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    struct Attribute: Equatable {
        var type: String
        var value: String
    }

    /// Name ::= SEQUENCE OF RelativeDistinguishedName (SET OF AttributeTypeAndValue).
    static func attributes(_ name: DERElement) throws(X509Error) -> [Attribute] {
        var result: [Attribute] = []
        for rdn in try name.children() {
            guard rdn.tag == 0x31 else { throw X509Error("name: expected a SET, found tag 0x\(hex(rdn.tag))") }
            for pair in try rdn.children() {
                var reader = DERReader(pair.content)
                let oid = try reader.next(0x06, "attribute type")
                let value = try reader.next()
                result.append(Attribute(type: shortName(oid.content), value: string(value)))
            }
        }
        return result
    }

    static func render(_ attributes: [Attribute]) -> String {
        attributes.map { "\($0.type)=\($0.value)" }.joined(separator: ", ")
    }

    /// Extensions ::= [3] EXPLICIT SEQUENCE OF Extension; only subjectAltName's dNSName entries are kept.
    static func subjectAltNames(inExtensions wrapper: DERElement) throws(X509Error) -> [String] {
        var outer = DERReader(wrapper.content)
        let list = try outer.next(0x30, "extensions")
        var names: [String] = []
        for ext in try list.children() {
            var reader = DERReader(ext.content)
            let oid = try reader.next(0x06, "extension id")
            var value = try reader.next()
            if value.tag == 0x01 { value = try reader.next() } // critical
            guard Array(oid.content) == [0x55, 0x1D, 0x11] else { continue }
            guard value.tag == 0x04 else { throw X509Error("subjectAltName: expected an OCTET STRING") }
            var inner = DERReader(value.content)
            let general = try inner.next(0x30, "subjectAltName")
            for entry in try general.children() where entry.tag == 0x82 {
                names.append(String(decoding: entry.content, as: UTF8.self))
            }
        }
        return names
    }

    /// A directory string as text: UTF8String, PrintableString, IA5String, T61String (read as Latin-1), BMPString.
    static func string(_ element: DERElement) -> String {
        switch element.tag {
        case 0x1E:
            var units: [UInt16] = []
            var index = element.content.startIndex
            while index + 1 < element.content.endIndex {
                units.append(UInt16(element.content[index]) << 8 | UInt16(element.content[index + 1]))
                index += 2
            }
            return String(decoding: units, as: UTF16.self)
        case 0x14:
            return String(element.content.map { Character(Unicode.Scalar($0)) })
        default:
            return String(decoding: element.content, as: UTF8.self)
        }
    }

    /// CN, O, OU, C, L, ST, emailAddress, else the dotted OID.
    static func shortName(_ oid: ArraySlice<UInt8>) -> String {
        switch Array(oid) {
        case [0x55, 0x04, 0x03]: "CN"
        case [0x55, 0x04, 0x06]: "C"
        case [0x55, 0x04, 0x07]: "L"
        case [0x55, 0x04, 0x08]: "ST"
        case [0x55, 0x04, 0x0A]: "O"
        case [0x55, 0x04, 0x0B]: "OU"
        case [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x01]: "emailAddress"
        default: dotted(oid)
        }
    }

    static func dotted(_ oid: ArraySlice<UInt8>) -> String {
        guard let first = oid.first else { return "" }
        var parts = [String(Int(first) / 40), String(Int(first) % 40)]
        var value = 0
        for byte in oid.dropFirst() {
            value = (value << 7) | Int(byte & 0x7F)
            if value > Int(UInt32.max) { return parts.joined(separator: ".") + ".…" }
            if byte & 0x80 == 0 { parts.append(String(value)); value = 0 }
        }
        return parts.joined(separator: ".")
    }
}
