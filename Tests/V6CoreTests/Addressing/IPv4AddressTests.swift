import Testing
@testable import V6Core

@Suite("Addressing: IPv4 parsing and formatting")
struct AddressingIPv4ParsingTests {
    @Test("valid dotted quads parse to the right value and print back unchanged", arguments: [
        ("0.0.0.0", UInt32(0)),
        ("192.0.2.1", 0xC000_0201),
        ("198.51.100.255", 0xC633_64FF),
        ("203.0.113.10", 0xCB00_710A),
        ("255.255.255.255", 0xFFFF_FFFF),
        ("10.0.0.0", 0x0A00_0000),
        ("1.22.103.4", 0x0116_6704),
    ])
    func parsesValid(text: String, value: UInt32) throws {
        let address = try #require(IPv4Address(text))
        #expect(address.value == value)
        #expect(address.description == text)
        #expect(IPv4Address(text[...]) == address)
    }

    @Test("malformed dotted quads are refused", arguments: [
        "", "1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.04", "00.0.0.0", "1.2.3.00",
        "256.1.1.1", "1.2.3.256", "1000.1.1.1", "999.1.1.1", " 1.2.3.4", "1.2.3.4 ", "1. 2.3.4",
        "1..3.4", "1.2.3.", ".1.2.3", "a.b.c.d", "1.2.3.-4", "+1.2.3.4", "1.2.3.4/24", "0x1.2.3.4",
        "1.2.3.4\n", "１.2.3.4", "192.0.2.1%eth0", "::1",
    ])
    func refusesInvalid(text: String) {
        #expect(IPv4Address(text) == nil)
        #expect(IPAddress(text).flatMap(\.ipv4) == nil)
    }

    @Test("bytes are network order and round-trip")
    func bytesRoundTrip() {
        let address = IPv4Address(0xC000_0201)
        #expect(address.bytes == [192, 0, 2, 1])
        #expect(IPv4Address(bytes: [198, 51, 100, 7]) == IPv4Address("198.51.100.7"))
        #expect(IPv4Address(bytes: [198, 51, 100, 7][...]).value == 0xC633_6407)
    }

    @Test("advancing and masking")
    func arithmetic() {
        let address = IPv4Address(0xC000_02FF)
        #expect(address.advanced(by: 1).description == "192.0.3.0")
        #expect(address.advanced(by: -255).description == "192.0.2.0")
        #expect(IPv4Address(0xFFFF_FFFF).advanced(by: 1).value == 0)
        #expect(address.masked(toLength: 24).description == "192.0.2.0")
        #expect(address.masked(toLength: 0).value == 0)
        #expect(address.masked(toLength: 32) == address)
        #expect(IPv4Address(0xC000_0201) < IPv4Address(0xC000_0202))
    }

    @Test("parse errors name the text and the family")
    func parseErrorMessage() {
        #expect(throws: AddressParseError(message: "\"192.0.2.300\" is not an IPv4 address")) {
            try IPv4Address(parsing: "192.0.2.300")
        }
    }
}
