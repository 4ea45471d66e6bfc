@testable import V6Core

enum DNSFixtures {
    /// Parses a name the test knows to be valid.
    static func name(_ text: String) -> DNSName {
        guard let name = DNSName(text) else { preconditionFailure("test name \(text) does not parse") }
        return name
    }

    static func v4(_ text: String) -> IPv4Address {
        guard let address = IPv4Address(text) else { preconditionFailure("test address \(text) does not parse") }
        return address
    }

    static func v6(_ text: String) -> IPv6Address {
        guard let address = IPv6Address(text) else { preconditionFailure("test address \(text) does not parse") }
        return address
    }

    /// A 12-byte header: id 0x1234, the given flags and counts.
    static func header(flags: UInt16 = 0x8180, qd: UInt16 = 0, an: UInt16 = 0, ns: UInt16 = 0, ar: UInt16 = 0) -> [UInt8] {
        [0x12, 0x34] + [flags, qd, an, ns, ar].flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    /// `vidu.example.` in wire form, 14 bytes.
    static let viduExampleWire: [UInt8] = [4] + Array("vidu".utf8) + [7] + Array("example".utf8) + [0]

    /// The response to `vidu.example. AAAA` (id 0x1234) that a server compressing names sends: vidu.example is a
    /// CNAME for web.vidu.example, which has an AAAA; the NS and the NS's glue A follow. Offsets in the comments.
    static let compressedResponse: [UInt8] = [
        0x12, 0x34,                                         //  0 id 0x1234
        0x85, 0x80,                                         //  2 QR AA RD RA, NOERROR
        0x00, 0x01, 0x00, 0x02, 0x00, 0x01, 0x00, 0x01,     //  4 1 question, 2 answers, 1 authority, 1 additional
        0x04, 0x76, 0x69, 0x64, 0x75,                       // 12 "vidu"
        0x07, 0x65, 0x78, 0x61, 0x6D, 0x70, 0x6C, 0x65,     // 17 "example"
        0x00,                                               // 25 root
        0x00, 0x1C, 0x00, 0x01,                             // 26 AAAA IN
        // answer 1 at 30: vidu.example. 3600 IN CNAME web.vidu.example.
        0xC0, 0x0C,                                         // 30 name -> 12
        0x00, 0x05, 0x00, 0x01,                             // 32 CNAME IN
        0x00, 0x00, 0x0E, 0x10,                             // 36 TTL 3600
        0x00, 0x06,                                         // 40 RDLENGTH 6
        0x03, 0x77, 0x65, 0x62, 0xC0, 0x0C,                 // 42 "web" -> 12
        // answer 2 at 48: web.vidu.example. 300 IN AAAA 2001:db8::80
        0xC0, 0x2A,                                         // 48 name -> 42
        0x00, 0x1C, 0x00, 0x01,                             // 50 AAAA IN
        0x00, 0x00, 0x01, 0x2C,                             // 54 TTL 300
        0x00, 0x10,                                         // 58 RDLENGTH 16
        0x20, 0x01, 0x0D, 0xB8, 0x00, 0x00, 0x00, 0x00,     // 60 2001:db8::
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80,     // 68         ::80
        // authority at 76: vidu.example. 86400 IN NS ns1.vidu.example.
        0xC0, 0x0C,                                         // 76 name -> 12
        0x00, 0x02, 0x00, 0x01,                             // 78 NS IN
        0x00, 0x01, 0x51, 0x80,                             // 82 TTL 86400
        0x00, 0x06,                                         // 86 RDLENGTH 6
        0x03, 0x6E, 0x73, 0x31, 0xC0, 0x0C,                 // 88 "ns1" -> 12
        // additional at 94: ns1.vidu.example. 86400 IN A 192.0.2.53
        0xC0, 0x58,                                         // 94 name -> 88
        0x00, 0x01, 0x00, 0x01,                             // 96 A IN
        0x00, 0x01, 0x51, 0x80,                             // 100 TTL 86400
        0x00, 0x04,                                         // 104 RDLENGTH 4
        0xC0, 0x00, 0x02, 0x35,                             // 106 192.0.2.53
    ]                                                       // 110 bytes

    /// The response to `vidu.example. MX` (id 0xBEEF): one MX answer and the zone's SOA in authority.
    static let mxAndSOAResponse: [UInt8] = [
        0xBE, 0xEF,                                         //  0 id 0xbeef
        0x84, 0x00,                                         //  2 QR AA, NOERROR
        0x00, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,     //  4 1 question, 1 answer, 1 authority
        0x04, 0x76, 0x69, 0x64, 0x75,                       // 12 "vidu"
        0x07, 0x65, 0x78, 0x61, 0x6D, 0x70, 0x6C, 0x65,     // 17 "example"
        0x00,                                               // 25 root
        0x00, 0x0F, 0x00, 0x01,                             // 26 MX IN
        // answer at 30: vidu.example. 3600 IN MX 10 mail.vidu.example.
        0xC0, 0x0C, 0x00, 0x0F, 0x00, 0x01,                 // 30 name -> 12, MX IN
        0x00, 0x00, 0x0E, 0x10, 0x00, 0x09,                 // 36 TTL 3600, RDLENGTH 9
        0x00, 0x0A,                                         // 42 preference 10
        0x04, 0x6D, 0x61, 0x69, 0x6C, 0xC0, 0x0C,           // 44 "mail" -> 12
        // authority at 51: vidu.example. 3600 IN SOA ns1.vidu.example. hostmaster.vidu.example. ...
        0xC0, 0x0C, 0x00, 0x06, 0x00, 0x01,                 // 51 name -> 12, SOA IN
        0x00, 0x00, 0x0E, 0x10, 0x00, 0x27,                 // 57 TTL 3600, RDLENGTH 39
        0x03, 0x6E, 0x73, 0x31, 0xC0, 0x0C,                 // 63 mname "ns1" -> 12
        0x0A, 0x68, 0x6F, 0x73, 0x74, 0x6D, 0x61, 0x73,     // 69 rname "hostmas
        0x74, 0x65, 0x72, 0xC0, 0x0C,                       // 77        ter" -> 12
        0x78, 0xA4, 0x1D, 0x35,                             // 82 serial 2024021301
        0x00, 0x00, 0x1C, 0x20,                             // 86 refresh 7200
        0x00, 0x00, 0x0E, 0x10,                             // 90 retry 3600
        0x00, 0x12, 0x75, 0x00,                             // 94 expire 1209600
        0x00, 0x00, 0x01, 0x2C,                             // 98 minimum 300
    ]                                                       // 102 bytes
}
