import Testing
@testable import V6Core

@Suite("Security: TLS ClientHello and the server's flight")
struct TLSServerFlightTests {
    typealias F = SecurityFixtures

    /// The extension types of a ClientHello record, read back by hand.
    func extensionTypes(_ record: [UInt8]) -> [UInt16] {
        var index = 5 + 4 + 2 + 32
        index += 1 + Int(record[index])                                     // session id
        index += 2 + (Int(record[index]) << 8 | Int(record[index + 1]))     // suites
        index += 1 + Int(record[index])                                     // compression
        let end = index + 2 + (Int(record[index]) << 8 | Int(record[index + 1]))
        index += 2
        var types: [UInt16] = []
        while index + 4 <= end {
            types.append(UInt16(record[index]) << 8 | UInt16(record[index + 1]))
            index += 4 + (Int(record[index + 2]) << 8 | Int(record[index + 3]))
        }
        return types
    }

    @Test("the ClientHello: lengths agree, SNI, groups, signature algorithms, versions 1.3 and 1.2, an X25519 key share")
    func clientHello() {
        let hello = TLSClientHello(serverName: "portal.vidu.example.", random: [UInt8](repeating: 1, count: 32),
                                   sessionID: [UInt8](repeating: 2, count: 32), keyShare: [UInt8](repeating: 3, count: 32))
        let record = hello.record
        #expect(record[0] == 22)
        #expect(Int(record[3]) << 8 | Int(record[4]) == record.count - 5)
        #expect(record[5] == 1)
        #expect(Int(record[6]) << 16 | Int(record[7]) << 8 | Int(record[8]) == record.count - 9)
        #expect(extensionTypes(record) == [0x0000, 0x000A, 0x000B, 0x000D, 0xFF01, 0x002B, 0x002D, 0x0033])
        #expect(record.windowContains(Array("portal.vidu.example".utf8)), "SNI without the trailing dot")
        #expect(record.windowContains([0x00, 0x2B, 0x00, 0x05, 0x04, 0x03, 0x04, 0x03, 0x03]))
        #expect(record.windowContains([0x00, 0x1D, 0x00, 0x20] + [UInt8](repeating: 3, count: 32)))

        let legacy = TLSClientHello(serverName: "2001:db8::1", random: [], sessionID: [], keyShare: [], offersTLS13: false).record
        #expect(extensionTypes(legacy) == [0x000A, 0x000B, 0x000D, 0xFF01], "no SNI for an address, nothing of TLS 1.3")
        #expect(!legacy.windowContains([0x13, 0x01]))
    }

    @Test("TLS 1.2: ServerHello and Certificate split over records and fed one byte at a time")
    func fragmented() throws {
        let leaf = F.der("leaf.pem"), other = F.der("generalized.pem")
        let messages = F.handshake(2, F.serverHello(suite: 0xC02F)) + F.handshake(11, F.certificateBody([leaf, other]))
            + F.handshake(14, [])
        var bytes: [UInt8] = []
        var rest = messages[...]
        while !rest.isEmpty {
            bytes += F.record(22, Array(rest.prefix(1000)))
            rest = rest.dropFirst(1000)
        }
        var flight = TLSServerFlight()
        for byte in bytes where !flight.isComplete { try flight.append([byte]) }
        #expect(flight.isComplete)
        #expect(flight.serverHello == TLSServerHello(version: 0x0303, cipherSuite: 0xC02F))
        #expect(flight.certificates == [leaf, other])
    }

    @Test("TLS 1.3: the hello says so in supported_versions, and the flight ends there")
    func tls13() throws {
        var flight = TLSServerFlight()
        try flight.append(F.record(22, F.handshake(2, F.serverHello(suite: 0x1302, version: 0x0304)))
                          + F.record(20, [1]) + F.record(23, [UInt8](repeating: 0xAA, count: 40)))
        #expect(flight.isComplete)
        #expect(flight.serverHello?.version == 0x0304)
        #expect(flight.serverHello?.keyShareGroup == 0x001D)
        #expect(flight.certificates.isEmpty)
        #expect(TLSAttempt.hello(flight.serverHello!, certificates: []).summary == "TLS 1.3, TLS_AES_256_GCM_SHA384")
    }

    @Test("alerts, HelloRetryRequest, text on 443 and nonsense")
    func refusals() throws {
        var alerted = TLSServerFlight()
        try alerted.append(F.record(21, [2, 70]))
        #expect(alerted.alert == TLSAlert(level: 2, code: 70))
        #expect(alerted.alert?.description == "fatal alert protocol_version (70)")

        var retry = TLSServerFlight()
        try retry.append(F.record(22, F.handshake(2, F.serverHello(suite: 0x1301, version: 0x0304, random: TLSServerHello.helloRetryRandom))))
        #expect(retry.serverHello?.isHelloRetryRequest == true)

        var text = TLSServerFlight()
        #expect(throws: TLSDecodeError("not TLS: the server answered in text (\"HTTP/1.1 400 Bad Request\")")) {
            try text.append(Array("HTTP/1.1 400 Bad Request\r\n\r\n".utf8))
        }
        var early = TLSServerFlight()
        #expect(throws: TLSDecodeError.self) { try early.append(F.record(22, F.handshake(11, F.certificateBody([[1]])))) }
        var long = TLSServerFlight()
        #expect(throws: TLSDecodeError.self) { try long.append([22, 3, 3, 0xFF, 0xFF]) }
        var truncated = TLSServerFlight()
        #expect(throws: TLSDecodeError.self) { try truncated.append(F.record(22, F.handshake(2, [3, 3, 1]))) }
    }
}

extension Array where Element == UInt8 {
    func windowContains(_ needle: [UInt8]) -> Bool {
        guard needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { Array(self[$0..<($0 + needle.count)]) == needle }
    }
}
