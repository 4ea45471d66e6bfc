import Testing
@testable import V6Core

@Suite("DNS: names, presentation format and reverse names")
struct DNSNameTests {
    @Test("text with and without the trailing dot is the same absolute name")
    func parsesAbsoluteNames() throws {
        let name = try DNSName(parsing: "vidu.example")
        #expect(name == (try DNSName(parsing: "vidu.example.")))
        #expect(name.description == "vidu.example.")
        #expect(name.labels == [Array("vidu".utf8), Array("example".utf8)])
        #expect(name.labelCount == 2)
        #expect(name.wireBytes == DNSFixtures.viduExampleWire)
        #expect(try DNSName(parsing: ".") == .root)
        #expect(DNSName.root.description == ".")
        #expect(DNSName.root.isRoot)
        #expect(DNSName.root.labelCount == 0)
    }

    @Test("equality and hashing ignore ASCII case but the case is kept for display")
    func caseInsensitive() throws {
        let upper = DNSFixtures.name("VIDU.Example")
        let lower = DNSFixtures.name("vidu.example")
        #expect(upper == lower)
        #expect(Set([upper, lower]).count == 1)
        #expect(upper.description == "VIDU.Example.")
        #expect(upper.lowercased.description == "vidu.example.")
        #expect(upper != DNSFixtures.name("vidu.example.net"))
        // Only ASCII letters fold: bytes 0xC1 and 0xE1 are different labels.
        #expect(try DNSName(labels: [[0xC1]]) != (try DNSName(labels: [[0xE1]])))
    }

    @Test("odd bytes are escaped and the escapes read back", arguments: [
        ("a\\.b.example", "a\\.b.example.", [Array("a.b".utf8), Array("example".utf8)]),
        ("back\\\\slash.test", "back\\\\slash.test.", [Array("back\\slash".utf8), Array("test".utf8)]),
        ("sp\\032ace.test", "sp\\032ace.test.", [Array("sp ace".utf8), Array("test".utf8)]),
        ("\\000\\255.test", "\\000\\255.test.", [[0, 255], Array("test".utf8)]),
        ("semi\\;colon.test", "semi\\;colon.test.", [Array("semi;colon".utf8), Array("test".utf8)]),
        ("_dmarc.vidu.example", "_dmarc.vidu.example.", [Array("_dmarc".utf8), Array("vidu".utf8), Array("example".utf8)]),
        ("\\x.test", "x.test.", [Array("x".utf8), Array("test".utf8)]),
    ])
    func escapes(text: String, presentation: String, labels: [[UInt8]]) throws {
        let name = try DNSName(parsing: text)
        #expect(name.labels == labels)
        #expect(name.description == presentation)
        #expect(try DNSName(parsing: name.description) == name)
    }

    @Test("bad text is refused with the reason", arguments: [
        ("", "\"\" is not a DNS name (it is empty)"),
        ("a..example", "\"a..example\" is not a DNS name (empty label)"),
        (".example", "\".example\" is not a DNS name (empty label)"),
        ("vidu.example..", "\"vidu.example..\" is not a DNS name (empty label)"),
        ("has space.example", "\"has space.example\" is not a DNS name (space or control character)"),
        ("cổng.example", "\"cổng.example\" is not a DNS name (non-ASCII text; write internationalized names in their xn-- form)"),
        ("bad\\25.example", "\"bad\\\\25.example\" is not a DNS name (\\DDD needs exactly three decimal digits)"),
        ("bad\\256.example", "\"bad\\\\256.example\" is not a DNS name (\\256 is not a byte value)"),
        ("trailing\\", "\"trailing\\\\\" is not a DNS name (a backslash at the end escapes nothing)"),
    ])
    func refusesBadText(text: String, message: String) {
        #expect(throws: DNSNameError(message: message)) { try DNSName(parsing: text) }
        #expect(DNSName(text) == nil)
    }

    @Test("labels stop at 63 octets and names at 255")
    func lengthLimits() throws {
        let label63 = String(repeating: "a", count: 63)
        #expect(try DNSName(parsing: label63 + ".example").labels[0].count == 63)
        #expect(throws: DNSNameError.self) { try DNSName(parsing: label63 + "a.example") }
        #expect(throws: DNSNameError.self) { try DNSName(labels: [Array(repeating: 0x61, count: 64)]) }
        #expect(throws: DNSNameError.self) { try DNSName(labels: [[]]) }

        // 3 labels of 63 + 1 of 61 = 4*1 + 250 + root = 255 octets exactly.
        let longest = [label63, label63, label63, String(repeating: "b", count: 61)].joined(separator: ".")
        let name = try DNSName(parsing: longest)
        #expect(name.wireBytes.count == 255)
        #expect(try DNSName(parsing: longest + ".") == name)
        #expect(throws: DNSNameError(message: "\"\(longest)c\" is not a DNS name (longer than 255 octets in wire form)")) {
            try DNSName(parsing: longest + "c")
        }
        #expect(throws: DNSNameError.self) { try DNSName(parsing: longest + ".c") }
        #expect(throws: DNSNameError.self) { try DNSName(labels: name.labels + [[0x63]]) }
        #expect(try DNSName(labels: name.labels) == name)
    }

    @Test("parent and containment walk labels, not characters")
    func hierarchy() {
        let host = DNSFixtures.name("www.vidu.example")
        #expect(host.parent == DNSFixtures.name("vidu.example"))
        #expect(DNSFixtures.name("example").parent == .root)
        #expect(DNSName.root.parent == nil)
        #expect(host.isWithin(DNSFixtures.name("VIDU.example")))
        #expect(host.isWithin(host))
        #expect(host.isWithin(.root))
        #expect(!host.isWithin(DNSFixtures.name("du.example")))
        #expect(!DNSFixtures.name("vidu.example").isWithin(host))
    }

    @Test("reverse names for PTR lookups", arguments: [
        ("192.0.2.1", "1.2.0.192.in-addr.arpa."),
        ("198.51.100.0", "0.100.51.198.in-addr.arpa."),
        ("2001:db8::1", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa."),
        ("2001:db8:abcd:12::fe", "e.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.2.1.0.0.d.c.b.a.8.b.d.0.1.0.0.2.ip6.arpa."),
    ])
    func reverseNames(address: String, expected: String) throws {
        let ip = try #require(IPAddress(address))
        let name = DNSName.reverseName(for: ip)
        #expect(name.description == expected)
        #expect(name.reverseAddress == ip)
        #expect(try DNSName(parsing: expected) == name)
    }

    @Test("only complete reverse names give an address back")
    func reverseAddressRefusesOthers() {
        #expect(DNSFixtures.name("vidu.example").reverseAddress == nil)
        #expect(DNSFixtures.name("2.0.192.in-addr.arpa").reverseAddress == nil)
        #expect(DNSFixtures.name("1.2.0.256.in-addr.arpa").reverseAddress == nil)
        #expect(DNSFixtures.name("1.2.0.01.in-addr.arpa").reverseAddress == nil)
        #expect(DNSFixtures.name("1.2.0.192.IN-ADDR.ARPA").reverseAddress == IPAddress("192.0.2.1"))
        let nibbles = Array(repeating: "g", count: 32).joined(separator: ".")
        #expect(DNSFixtures.name(nibbles + ".ip6.arpa").reverseAddress == nil)
    }

    @Test("record types, classes, opcodes and rcodes: codes, mnemonics, and .other equal to named cases")
    func codes() {
        #expect(DNSRecordType(code: 28) == .aaaa)
        #expect(DNSRecordType.other(28) == .aaaa)
        #expect(Set([DNSRecordType.other(1), .a]).count == 1)
        #expect(DNSRecordType.aaaa.description == "AAAA")
        #expect(DNSRecordType.other(65).description == "TYPE65")
        #expect(DNSRecordType("aaaa") == .aaaa)
        #expect(DNSRecordType("TYPE15") == .mx)
        #expect(DNSRecordType("bogus") == nil)
        #expect(DNSClass(code: 3) == .chaos)
        #expect(DNSClass.other(1) == .internet)
        #expect(DNSClass.other(42).description == "CLASS42")
        #expect(DNSOpcode(code: 4) == .notify)
        #expect(DNSResponseCode(code: 3).description == "NXDOMAIN")
        #expect(DNSResponseCode(code: 16) == .badVersion)
        #expect(DNSResponseCode.other(23).description == "RCODE23")
    }
}
