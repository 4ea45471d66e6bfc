import Testing
@testable import V6Core

@Suite("DNS: encoding and decoding real messages")
struct DNSCodecTests {
    @Test("a query for vidu.example AAAA is byte-exact")
    func queryBytes() {
        let expected: [UInt8] = [
            0x12, 0x34,                                     // ID 0x1234
            0x01, 0x00,                                     // flags: QR=0 query, OPCODE=0 QUERY, RD=1; RCODE 0
            0x00, 0x01,                                     // QDCOUNT 1
            0x00, 0x00,                                     // ANCOUNT 0
            0x00, 0x00,                                     // NSCOUNT 0
            0x00, 0x00,                                     // ARCOUNT 0
            0x04, 0x76, 0x69, 0x64, 0x75,                   // label "vidu"
            0x07, 0x65, 0x78, 0x61, 0x6D, 0x70, 0x6C, 0x65, // label "example"
            0x00,                                           // root label
            0x00, 0x1C,                                     // QTYPE 28 AAAA
            0x00, 0x01,                                     // QCLASS 1 IN
        ]
        let bytes = DNSMessageEncoder.query(id: 0x1234, name: DNSFixtures.name("vidu.example"), type: .aaaa)
        #expect(bytes == expected)
    }

    @Test("with ednsPayloadSize the query carries an OPT record")
    func queryWithEDNS() throws {
        let expected: [UInt8] = [
            0x12, 0x34, 0x00, 0x00,                         // ID 0x1234; flags all clear (RD not wanted)
            0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, // 1 question, 1 additional
            0x04, 0x76, 0x69, 0x64, 0x75,                   // "vidu"
            0x07, 0x65, 0x78, 0x61, 0x6D, 0x70, 0x6C, 0x65, // "example"
            0x00, 0x00, 0x1C, 0x00, 0x01,                   // root, AAAA, IN
            0x00,                                           // OPT owner: root
            0x00, 0x29,                                     // TYPE 41 OPT
            0x04, 0xD0,                                     // CLASS = UDP payload size 1232
            0x00, 0x00, 0x00, 0x00,                         // TTL = extended RCODE 0, version 0, DO 0, Z 0
            0x00, 0x00,                                     // RDLENGTH 0: no options
        ]
        let bytes = DNSMessageEncoder.query(
            id: 0x1234, name: DNSFixtures.name("vidu.example"), type: .aaaa, recursionDesired: false,
            ednsPayloadSize: 1232)
        #expect(bytes == expected)
        let decoded = try DNSMessageDecoder.decode(bytes)
        #expect(decoded.ednsPayloadSize == 1232)
        #expect(decoded == DNSMessage.query(
            id: 0x1234, name: DNSFixtures.name("vidu.example"), type: .aaaa, recursionDesired: false,
            ednsPayloadSize: 1232))
    }

    @Test("a response with compressed names decodes, and re-encodes to the same bytes")
    func compressedResponse() throws {
        let message = try DNSMessageDecoder.decode(DNSFixtures.compressedResponse)
        #expect(message.id == 0x1234)
        #expect(message.isResponse && message.isAuthoritative && message.recursionDesired && message.recursionAvailable)
        #expect(!message.isTruncated && !message.authenticData && !message.checkingDisabled)
        #expect(message.opcode == .query && message.rcode == .noError)
        #expect(message.questions == [DNSQuestion(name: DNSFixtures.name("vidu.example"), type: .aaaa)])
        #expect(message.answers == [
            DNSRecord(name: DNSFixtures.name("vidu.example"), ttl: 3600,
                      data: .cname(DNSFixtures.name("web.vidu.example"))),
            DNSRecord(name: DNSFixtures.name("web.vidu.example"), ttl: 300,
                      data: .aaaa(DNSFixtures.v6("2001:db8::80"))),
        ])
        #expect(message.authority == [
            DNSRecord(name: DNSFixtures.name("vidu.example"), ttl: 86400, data: .ns(DNSFixtures.name("ns1.vidu.example"))),
        ])
        #expect(message.additional == [
            DNSRecord(name: DNSFixtures.name("ns1.vidu.example"), ttl: 86400, data: .a(DNSFixtures.v4("192.0.2.53"))),
        ])
        #expect(message.answers[1].description == "web.vidu.example. 300 IN AAAA 2001:db8::80")
        // Our compressor makes the same choices as the server that wrote the fixture.
        #expect(try DNSMessageEncoder.encode(message) == DNSFixtures.compressedResponse)
        // Uncompressed, every name is spelled out and the message still decodes to the same thing.
        let plain = try DNSMessageEncoder.encode(message, compressingNames: false)
        #expect(plain.count > DNSFixtures.compressedResponse.count)
        #expect(try DNSMessageDecoder.decode(plain) == message)
    }

    @Test("MX and SOA records decode with their names decompressed")
    func mxAndSOA() throws {
        let message = try DNSMessageDecoder.decode(DNSFixtures.mxAndSOAResponse)
        #expect(message.id == 0xBEEF)
        #expect(message.answers.map(\.data) == [.mx(preference: 10, exchange: DNSFixtures.name("mail.vidu.example"))])
        #expect(message.authority.map(\.data) == [
            .soa(mname: DNSFixtures.name("ns1.vidu.example"), rname: DNSFixtures.name("hostmaster.vidu.example"),
                 serial: 2_024_021_301, refresh: 7200, retry: 3600, expire: 1_209_600, minimum: 300),
        ])
        #expect(message.authority[0].description
            == "vidu.example. 3600 IN SOA ns1.vidu.example. hostmaster.vidu.example. 2024021301 7200 3600 1209600 300")
        #expect(try DNSMessageEncoder.encode(message) == DNSFixtures.mxAndSOAResponse)
    }

    @Test("a PTR answer for a reverse name decodes")
    func ptr() throws {
        let reverse = DNSName.reverseName(for: .v4(DNSFixtures.v4("192.0.2.53")))
        let bytes: [UInt8] = DNSFixtures.header(flags: 0x8180, qd: 1, an: 1)
            + reverse.wireBytes + [0x00, 0x0C, 0x00, 0x01]      // 12: 53.2.0.192.in-addr.arpa. PTR IN
            + [0xC0, 0x0C, 0x00, 0x0C, 0x00, 0x01]              // answer: name -> 12, PTR IN
            + [0x00, 0x00, 0x00, 0x3C, 0x00, 0x12]              // TTL 60, RDLENGTH 18
            + [0x03] + Array("ns1".utf8) + DNSFixtures.viduExampleWire  // ns1.vidu.example. uncompressed
        let message = try DNSMessageDecoder.decode(bytes)
        #expect(message.questions[0].name.description == "53.2.0.192.in-addr.arpa.")
        #expect(message.answers.count == 1)
        #expect(message.answers[0].name.reverseAddress == IPAddress("192.0.2.53"))
        #expect(message.answers[0].data == .ptr(DNSFixtures.name("ns1.vidu.example")))
    }

    @Test("TXT strings and types v6ready does not know are kept as they are")
    func txtAndUnknown() throws {
        var message = DNSMessage.response(to: .query(id: 7, name: DNSFixtures.name("vidu.example"), type: .txt))
        message.answers = [
            DNSRecord(name: DNSFixtures.name("vidu.example"), ttl: 60,
                      data: .txt([Array("v=spf1 -all".utf8), [], [0x22, 0x00, 0xFF]])),
            DNSRecord(name: DNSFixtures.name("vidu.example"), ttl: 60,
                      data: .unknown(type: .other(65), bytes: [0x00, 0x01, 0x00, 0x00])),
        ]
        let bytes = try DNSMessageEncoder.encode(message)
        let decoded = try DNSMessageDecoder.decode(bytes)
        #expect(decoded == message)
        #expect(decoded.answers[0].description == "vidu.example. 60 IN TXT \"v=spf1 -all\" \"\" \"\\\"\\000\\255\"")
        #expect(decoded.answers[1].description == "vidu.example. 60 IN TYPE65 \\# 4 00010000")
        #expect(throws: DNSEncodeError.characterStringTooLong(length: 256)) {
            var tooLong = message
            tooLong.answers = [DNSRecord(name: .root, ttl: 0, data: .txt([Array(repeating: 0x61, count: 256)]))]
            return try DNSMessageEncoder.encode(tooLong)
        }
    }

    @Test("EDNS0: payload size, DO bit, options and the extended rcode survive a round trip")
    func ednsRoundTrip() throws {
        let cookie = DNSOption(code: 10, data: [1, 2, 3, 4, 5, 6, 7, 8])
        var message = DNSMessage.response(to: .query(id: 0x4242, name: DNSFixtures.name("vidu.example"), type: .a))
        message.rcode = .badVersion
        message.additional = [.opt(udpPayloadSize: 4096, extendedRcode: 1, version: 0, dnssecOK: true, options: [cookie])]
        let bytes = try DNSMessageEncoder.encode(message)
        // The header keeps the low 4 bits of BADVERS (16), which are 0; the OPT TTL's first byte holds 16 >> 4.
        #expect(bytes[3] & 0x0F == 0)
        let opt = Array(bytes[30...])
        #expect(opt == [0x00, 0x00, 0x29, 0x10, 0x00,          // root, OPT, payload 4096
                        0x01, 0x00, 0x80, 0x00,                 // extended RCODE 1, version 0, DO
                        0x00, 0x0C, 0x00, 0x0A, 0x00, 0x08,     // RDLENGTH 12; option 10, length 8
                        1, 2, 3, 4, 5, 6, 7, 8])
        let decoded = try DNSMessageDecoder.decode(bytes)
        #expect(decoded == message)
        #expect(decoded.rcode == .badVersion)
        #expect(decoded.ednsPayloadSize == 4096)

        // The message's rcode is what goes on the wire, whatever the OPT record was built with.
        message.additional = [.opt(udpPayloadSize: 1232)]
        let rewritten = try DNSMessageDecoder.decode(try DNSMessageEncoder.encode(message))
        #expect(rewritten.rcode == .badVersion)
        #expect(rewritten.optRecord == .opt(udpPayloadSize: 1232, extendedRcode: 1))

        message.additional = []
        #expect(throws: DNSEncodeError.extendedRcodeWithoutOPT(rcode: .badVersion)) {
            try DNSMessageEncoder.encode(message)
        }
    }

    @Test("every header flag lands on its own bit")
    func headerFlags() throws {
        let flags: [(WritableKeyPath<DNSMessage, Bool>, UInt16)] = [
            (\.isResponse, 0x8000), (\.isAuthoritative, 0x0400), (\.isTruncated, 0x0200),
            (\.recursionDesired, 0x0100), (\.recursionAvailable, 0x0080), (\.authenticData, 0x0020),
            (\.checkingDisabled, 0x0010),
        ]
        for (flag, bit) in flags {
            var message = DNSMessage(id: 1)
            message[keyPath: flag] = true
            let bytes = try DNSMessageEncoder.encode(message)
            #expect(UInt16(bytes[2]) << 8 | UInt16(bytes[3]) == bit)
            #expect(try DNSMessageDecoder.decode(bytes) == message)
        }
        let notify = DNSMessage(id: 1, opcode: .notify, rcode: .refused)
        let bytes = try DNSMessageEncoder.encode(notify)
        #expect(bytes[2] == 0x20 && bytes[3] == 0x05)
        #expect(try DNSMessageDecoder.decode(bytes) == notify)
        #expect(throws: DNSEncodeError.opcodeOutOfRange(code: 16)) {
            try DNSMessageEncoder.encode(DNSMessage(id: 1, opcode: .other(16)))
        }
    }

    @Test("OPT placement is enforced when encoding")
    func optPlacement() {
        let opt = DNSRecord.opt(udpPayloadSize: 1232)
        #expect(throws: DNSEncodeError.optOutsideAdditional(section: .answer)) {
            try DNSMessageEncoder.encode(DNSMessage(id: 1, answers: [opt]))
        }
        #expect(throws: DNSEncodeError.multipleOPTRecords) {
            try DNSMessageEncoder.encode(DNSMessage(id: 1, additional: [opt, opt]))
        }
    }

    @Test("compression only points at the first 16 KiB")
    func compressionLimit() throws {
        // Enough TXT data to push later names past offset 0x4000, where a 14-bit pointer cannot reach.
        let filler = DNSRecord(name: DNSFixtures.name("fill.vidu.example"), ttl: 0,
                               data: .txt(Array(repeating: Array(repeating: 0x78, count: 255), count: 70)))
        let late = DNSRecord(name: DNSFixtures.name("late.vidu.example"), ttl: 0, data: .a(DNSFixtures.v4("192.0.2.9")))
        let message = DNSMessage(id: 9, isResponse: true, answers: [filler, late, late])
        let bytes = try DNSMessageEncoder.encode(message)
        #expect(bytes.count > 0x4000)
        #expect(try DNSMessageDecoder.decode(bytes) == message)
    }
}
