import Testing
@testable import V6Core

/// Seeded, deterministic fuzzing: the decoder must only ever return or throw, quickly, and whatever it accepts must
/// survive re-encoding. Random well-formed messages must round-trip through the encoder exactly.
@Suite("DNS: fuzzing and random round trips")
struct DNSFuzzTests {
    /// Random messages of every record type, with names that share suffixes so compression has work to do.
    struct MessageGenerator {
        var random: SeededGenerator

        mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
        mutating func bool() -> Bool { Bool.random(using: &random) }
        mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) } }

        mutating func label() -> [UInt8] {
            switch int(0...9) {
            case 0: return bytes(int(1...63))                                        // any byte at all
            case 1: return Array(repeating: UInt8(ascii: "x"), count: 63)            // longest
            default: return (0..<int(1...10)).map { _ in Array("abcXYZ019-_.".utf8)[int(0...11)] }
            }
        }

        mutating func name(reusing pool: inout [DNSName]) -> DNSName {
            if !pool.isEmpty, int(0...2) == 0 { return pool[int(0...(pool.count - 1))] }
            var labels: [[UInt8]] = []
            if !pool.isEmpty, bool() { labels = pool[int(0...(pool.count - 1))].labels }  // a child of a known name
            for _ in 0..<int(0...3) {
                let candidate = [label()] + labels
                if (try? DNSName(labels: candidate)) != nil { labels = candidate }
            }
            let name = (try? DNSName(labels: labels)) ?? .root
            pool.append(name)
            return name
        }

        mutating func data(pool: inout [DNSName]) -> DNSRecordData {
            switch int(0...9) {
            case 0: return .a(IPv4Address(UInt32.random(in: 0...UInt32.max, using: &random)))
            case 1: return .aaaa(IPv6Address(high: random.next(), low: random.next()))
            case 2: return .ns(name(reusing: &pool))
            case 3: return .cname(name(reusing: &pool))
            case 4: return .ptr(name(reusing: &pool))
            case 5: return .mx(preference: UInt16(int(0...65535)), exchange: name(reusing: &pool))
            case 6:
                return .soa(mname: name(reusing: &pool), rname: name(reusing: &pool), serial: UInt32(int(0...Int(UInt32.max))),
                            refresh: UInt32(int(0...100_000)), retry: UInt32(int(0...100_000)),
                            expire: UInt32(int(0...10_000_000)), minimum: UInt32(int(0...86400)))
            case 7: return .txt((0..<int(0...3)).map { _ in bytes(int(0...255)) })
            case 8: return .unknown(type: .other(UInt16(int(256...65535))), bytes: bytes(int(0...40)))
            default: return .unknown(type: .other(99), bytes: [])
            }
        }

        mutating func message() -> DNSMessage {
            var pool: [DNSName] = []
            var message = DNSMessage(
                id: UInt16(int(0...65535)), isResponse: bool(), opcode: DNSOpcode(code: UInt8(int(0...15))),
                isAuthoritative: bool(), isTruncated: bool(), recursionDesired: bool(), recursionAvailable: bool(),
                authenticData: bool(), checkingDisabled: bool(), rcode: DNSResponseCode(code: UInt16(int(0...15))))
            for _ in 0..<int(0...2) {
                message.questions.append(DNSQuestion(
                    name: name(reusing: &pool), type: DNSRecordType(code: UInt16(int(0...300))),
                    recordClass: DNSClass(code: UInt16(int(0...5)))))
            }
            func records(_ generator: inout MessageGenerator, _ pool: inout [DNSName]) -> [DNSRecord] {
                (0..<generator.int(0...5)).map { _ in
                    DNSRecord(name: generator.name(reusing: &pool), recordClass: DNSClass(code: UInt16(generator.int(1...4))),
                              ttl: UInt32(generator.int(0...Int(Int32.max))), data: generator.data(pool: &pool))
                }
            }
            message.answers = records(&self, &pool)
            message.authority = records(&self, &pool)
            message.additional = records(&self, &pool)
            if bool() {
                message.rcode = DNSResponseCode(code: UInt16(int(0...4095)))
                let options = (0..<int(0...2)).map { _ in DNSOption(code: UInt16(int(0...65535)), data: bytes(int(0...20))) }
                message.additional.insert(.opt(
                    udpPayloadSize: UInt16(int(512...4096)), extendedRcode: UInt8(message.rcode.code >> 4),
                    version: UInt8(int(0...1)), dnssecOK: bool(), options: options), at: int(0...message.additional.count))
            }
            return message
        }
    }

    @Test("random messages round-trip, compressed and not", arguments: [UInt64(1), 2, 3, 4])
    func roundTrip(seed: UInt64) throws {
        var generator = MessageGenerator(random: SeededGenerator(seed: seed))
        for _ in 0..<250 {
            let message = generator.message()
            let compressed = try DNSMessageEncoder.encode(message)
            let plain = try DNSMessageEncoder.encode(message, compressingNames: false)
            #expect(compressed.count <= plain.count)
            #expect(try DNSMessageDecoder.decode(compressed) == message)
            #expect(try DNSMessageDecoder.decode(plain) == message)
        }
    }

    /// Valid messages to mutate: the hand-written fixtures, a query and some random ones.
    static func seedMessages() throws -> [[UInt8]] {
        var generator = MessageGenerator(random: SeededGenerator(seed: 99))
        var seeds = [
            DNSFixtures.compressedResponse, DNSFixtures.mxAndSOAResponse,
            DNSMessageEncoder.query(id: 1, name: DNSFixtures.name("vidu.example"), type: .aaaa, ednsPayloadSize: 1232),
        ]
        for _ in 0..<5 { seeds.append(try DNSMessageEncoder.encode(generator.message())) }
        return seeds
    }

    /// Decodes hostile bytes; when they are accepted, what came out must encode and decode to itself.
    func decodeSurvivingBytes(_ bytes: [UInt8]) -> Bool {
        guard let message = try? DNSMessageDecoder.decode(bytes, allowingTrailingBytes: true) else { return false }
        do {
            let again = try DNSMessageDecoder.decode(try DNSMessageEncoder.encode(message))
            #expect(again == message, "re-encoding changed a message decoded from \(bytes)")
        } catch {
            Issue.record("a decoded message did not re-encode: \(error); bytes \(bytes)")
        }
        return true
    }

    @Test("truncating valid messages at every length only ever returns or throws")
    func truncations() throws {
        for seed in try Self.seedMessages() {
            for length in 0..<seed.count {
                _ = decodeSurvivingBytes(Array(seed.prefix(length)))
                // A strict decode of a cut message must fail: the counts promise bytes that are gone.
                #expect(throws: DNSDecodeError.self) { try DNSMessageDecoder.decode(Array(seed.prefix(length))) }
            }
        }
    }

    @Test("random byte mutations only ever return or throw, and quickly")
    func mutations() throws {
        var random = SeededGenerator(seed: 0xD45)
        var accepted = 0, rejected = 0
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for seed in try Self.seedMessages() {
                for _ in 0..<1500 {
                    var bytes = seed
                    for _ in 0..<Int.random(in: 1...4, using: &random) {
                        let index = Int.random(in: 0..<bytes.count, using: &random)
                        switch Int.random(in: 0...3, using: &random) {
                        case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
                        case 1: bytes[index] = [0x00, 0x3F, 0x40, 0xC0, 0xFF][Int.random(in: 0...4, using: &random)]
                        case 2: bytes[index] ^= 1 << UInt8.random(in: 0...7, using: &random)
                        default: bytes.insert(UInt8.random(in: 0...255, using: &random), at: index)
                        }
                    }
                    if decodeSurvivingBytes(bytes) { accepted += 1 } else { rejected += 1 }
                }
            }
        }
        // Both outcomes occur, so the mutations are neither all harmless nor all fatal.
        #expect(accepted > 100 && rejected > 100, "accepted \(accepted), rejected \(rejected)")
        #expect(elapsed < .seconds(20), "fuzzing took \(elapsed)")
    }

    @Test("random garbage of every small size only ever returns or throws")
    func garbage() {
        var random = SeededGenerator(seed: 7)
        for length in 0..<600 {
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            if length >= 12 {
                // Small counts, so parsing gets past the header check and into the names.
                for index in [4, 6, 8, 10] { bytes[index] = 0 }
                for index in [5, 7, 9, 11] { bytes[index] = UInt8.random(in: 0...3, using: &random) }
            }
            _ = decodeSurvivingBytes(bytes)
        }
    }
}
