import Testing
@testable import V6System

@Suite struct SocketAddressTests {
    @Test func ipv4FromValueAndBytesAgree() {
        let fromValue = SocketAddress(ipv4: 0xC000_0201, port: 443)
        let fromBytes = SocketAddress(ipv4Bytes: [192, 0, 2, 1], port: 443)
        #expect(fromValue == fromBytes)
        #expect(fromValue.hashValue == fromBytes.hashValue)
        #expect(fromValue.description == "192.0.2.1:443")
        #expect(fromValue.addressBytes == [192, 0, 2, 1])
        #expect(fromValue.ipv4Value == 0xC000_0201)
        #expect(fromValue.ipv6Halves == nil)
        #expect(fromValue.family == .ipv4)
        #expect(fromValue.port == 443)
    }

    @Test func ipv6FromHalvesAndBytesAgree() throws {
        let bytes: [UInt8] = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x35]
        let fromBytes = SocketAddress(ipv6Bytes: bytes, port: 53)
        let fromHalves = SocketAddress(ipv6High: 0x2001_0db8_0000_0000, low: 0x35, port: 53)
        #expect(fromBytes == fromHalves)
        #expect(fromBytes.hashValue == fromHalves.hashValue)
        #expect(fromBytes.description == "[2001:db8::35]:53")
        #expect(fromBytes.addressBytes == bytes)
        let halves = try #require(fromBytes.ipv6Halves)
        #expect(halves.high == 0x2001_0db8_0000_0000 && halves.low == 0x35)
        #expect(fromBytes.ipv4Value == nil)
    }

    @Test func scopeAndPortTakePartInEquality() {
        let linkLocal = SocketAddress(ipv6High: 0xfe80_0000_0000_0000, low: 1, port: 0, scopeID: 2)
        #expect(linkLocal.description == "[fe80::1%2]:0")
        #expect(linkLocal != SocketAddress(ipv6High: 0xfe80_0000_0000_0000, low: 1, port: 0, scopeID: 3))
        #expect(linkLocal.withPort(7) != linkLocal)
        #expect(linkLocal.withPort(7).port == 7)
        #expect(linkLocal.withPort(7).scopeID == 2)
        #expect(SocketAddress.ipv4Loopback(port: 1) != SocketAddress.ipv6Loopback(port: 1))
        #expect(SocketAddress.ipv6Loopback(port: 9).description == "[::1]:9")
    }

    @Test func interfaceIndexOfLoopbackAndOfMissingInterface() throws {
        #expect(try SocketAddress.interfaceIndex(named: "lo") > 0)
        let error = try #require(throws: SystemError.self) { try SocketAddress.interfaceIndex(named: "v6r-nonexistent") }
        #expect(error.description.hasPrefix(#"if_nametoindex("v6r-nonexistent"): "#))
    }
}
