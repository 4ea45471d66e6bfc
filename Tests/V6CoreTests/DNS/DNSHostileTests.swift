import Testing
@testable import V6Core

/// Every way a broken or hostile server can lie in its bytes, each with the specific error it must produce.
@Suite("DNS: hostile answers are rejected with a clear error")
struct DNSHostileTests {
    typealias Kind = DNSDecodeError.Kind
    let header = DNSFixtures.header
    let aaaaIN: [UInt8] = [0x00, 0x1C, 0x00, 0x01]

    /// Decodes bytes that must fail and returns the error.
    func decodeError(_ bytes: [UInt8], allowingTrailingBytes: Bool = false) -> DNSDecodeError? {
        do {
            let message = try DNSMessageDecoder.decode(bytes, allowingTrailingBytes: allowingTrailingBytes)
            Issue.record("decoded a hostile message: \(message)")
            return nil
        } catch {
            return error
        }
    }

    @Test("message sizes: shorter than a header, longer than 65535")
    func sizes() {
        #expect(decodeError([]) == DNSDecodeError(.truncatedHeader(length: 0)))
        #expect(decodeError(Array(header(0x8180, 0, 0, 0, 0).prefix(11))) == DNSDecodeError(.truncatedHeader(length: 11)))
        #expect(decodeError(header(0x8180, 0, 0, 0, 0) + Array(repeating: 0, count: 65_524))
            == DNSDecodeError(.messageTooLarge(length: 65_536)))
        #expect(decodeError([1, 2, 3])?.description == "message of 3 bytes is shorter than the 12-byte DNS header")
    }

    @Test("counts that claim more entries than the bytes can hold are refused before anything is allocated")
    func countsTooLarge() {
        let bytes = header(0x8180, 1, 0xFFFF, 0xFFFF, 0xFFFF) + DNSFixtures.viduExampleWire + aaaaIN
        let error = decodeError(bytes)
        #expect(error == DNSDecodeError(.countsExceedMessage(
            questions: 1, records: 196_605, minimumLength: 12 + 5 + 196_605 * 11, length: 30)))
        #expect(error?.description
            == "header claims 1 question(s) and 196605 record(s), which need at least 2162672 bytes, but the message has 30")
        // Counts that just fit pass this check and fail later, on the actual bytes.
        let fits = header(0x8180, 0, 1, 0, 0) + [0x01, 0x61, 0x00] + Array(repeating: 0, count: 8)
        #expect(decodeError(fits) == DNSDecodeError(.recordPastEnd(offset: 15), section: .answer, index: 0))
    }

    @Test("a name whose labels run past the end")
    func nameRunsPastEnd() {
        let bytes = header(0x8180, 1, 0, 0, 0) + [0x07, 0x65, 0x78, 0x61, 0x00, 0x00]  // "example" cut short
        let error = decodeError(bytes)
        #expect(error == DNSDecodeError(.nameRunsPastEnd(offset: 12, end: 18), section: .question, index: 0))
        #expect(error?.description == "question 1: name at offset 12 runs past the end of its data at offset 18")
        // No terminating root label at all.
        let unterminated = header(0x8180, 1, 0, 0, 0) + [0x01, 0x61, 0x01, 0x62, 0x01]
        #expect(decodeError(unterminated)?.kind == .nameRunsPastEnd(offset: 12, end: 17))
    }

    @Test("compression pointer loops: to itself, and between two names")
    func pointerLoops() {
        // The question's name is a pointer to itself.
        let selfLoop = header(0x8180, 1, 0, 0, 0) + [0xC0, 0x0C] + aaaaIN
        let error = decodeError(selfLoop)
        #expect(error == DNSDecodeError(.compressionPointerLoop(offset: 12, target: 12), section: .question, index: 0))
        #expect(error?.description
            == "question 1: compression pointer at offset 12 points back to offset 12 and makes a loop")

        // Label "a" then a pointer back to the label: a.a.a.a... forever.
        let labelLoop = header(0x8180, 1, 0, 0, 0) + [0x01, 0x61, 0xC0, 0x0C] + aaaaIN
        #expect(decodeError(labelLoop)?.kind == .compressionPointerLoop(offset: 14, target: 12))

        // Two answer names pointing at each other (offsets 30 and 42), reached from the second.
        var twoNames = header(0x8180, 1, 2, 0, 0) + DNSFixtures.viduExampleWire + aaaaIN  // question, 12...29
        twoNames += [0xC0, 0x2A] + [0x00, 0x01, 0x00, 0x01, 0, 0, 0, 0, 0x00, 0x00]        // answer 1 at 30 -> 42
        twoNames += [0xC0, 0x1E] + [0x00, 0x01, 0x00, 0x01, 0, 0, 0, 0, 0x00, 0x00]        // answer 2 at 42 -> 30
        let mutual = decodeError(twoNames)
        #expect(mutual?.section == .answer && mutual?.index == 0)
        #expect(mutual?.kind == .compressionPointerLoop(offset: 42, target: 30))
    }

    @Test("pointers into the header or past the end")
    func pointersOutOfRange() {
        let pastEnd = header(0x8180, 1, 0, 0, 0) + [0xC0, 0xFF] + aaaaIN
        #expect(decodeError(pastEnd)?.kind == .compressionPointerOutOfRange(offset: 12, target: 255))
        let intoHeader = header(0x8180, 1, 0, 0, 0) + [0xC0, 0x02] + aaaaIN
        #expect(decodeError(intoHeader)?.kind == .compressionPointerOutOfRange(offset: 12, target: 2))
        let maximal = header(0x8180, 1, 0, 0, 0) + [0xFF, 0xFF] + aaaaIN
        #expect(decodeError(maximal)?.kind == .compressionPointerOutOfRange(offset: 12, target: 16383))
        // Half a pointer at the very end of the message.
        let half = header(0x8180, 1, 0, 0, 0) + [0x01, 0x61, 0x01, 0x62, 0xC0]
        #expect(decodeError(half)?.kind == .nameRunsPastEnd(offset: 12, end: 17))
    }

    @Test("forward pointers are followed, but only so far")
    func forwardPointers() throws {
        // The question's name points forward into the answer's CNAME data at offset 29.
        var forward = header(0x8180, 1, 1, 0, 0) + [0xC0, 0x1D] + aaaaIN                // question 12...17
        forward += [0x00, 0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x00, 0x3C, 0x00, 0x0E]    // answer at 18: root CNAME
        forward += DNSFixtures.viduExampleWire                                            // 29: vidu.example.
        let message = try DNSMessageDecoder.decode(forward)
        #expect(message.questions[0].name == DNSFixtures.name("vidu.example"))
        #expect(message.answers[0].data == .cname(DNSFixtures.name("vidu.example")))

        // A chain of pointers, each to the next two bytes, ending in the root label.
        func chain(_ jumps: Int) -> [UInt8] {
            var bytes = header(0x8180, 1, 0, 0, 0)
            for hop in 0..<jumps {
                let target = 12 + 2 * (hop + 1)
                bytes += [0xC0 | UInt8(target >> 8), UInt8(target & 0xFF)]
            }
            return bytes + [0x00] + aaaaIN
        }
        let limit = DNSMessageDecoder.maximumPointersPerName
        let allowed = try DNSMessageDecoder.decode(chain(limit), allowingTrailingBytes: true)
        #expect(allowed.questions[0].name == .root)
        #expect(decodeError(chain(limit + 1), allowingTrailingBytes: true)
            == DNSDecodeError(.tooManyCompressionPointers(offset: 12, limit: limit), section: .question, index: 0))
    }

    @Test("label length bytes of 64 to 191 are not labels", arguments: [UInt8(0x40), 0x41, 0x7F, 0x80, 0xBF])
    func labelTooLong(lengthByte: UInt8) {
        let bytes = header(0x8180, 1, 0, 0, 0) + [0x01, 0x61, lengthByte] + Array(repeating: 0x61, count: 70) + aaaaIN
        let error = decodeError(bytes, allowingTrailingBytes: true)
        #expect(error?.kind == .labelTooLong(offset: 14, lengthByte: lengthByte))
        #expect(error?.description.contains("is not a label of at most 63 octets") == true)
    }

    @Test("names longer than 255 octets, written out or assembled through pointers")
    func nameTooLong() {
        let label: [UInt8] = [63] + Array(repeating: 0x61, count: 63)
        let plain = header(0x8180, 1, 0, 0, 0) + label + label + label + label + [0x00] + aaaaIN
        #expect(decodeError(plain) == DNSDecodeError(.nameTooLong(offset: 12), section: .question, index: 0))

        // Four 64-byte label blocks joined by forward pointers: 257 octets, though no stretch of bytes is that long.
        var linked = header(0x8180, 1, 0, 0, 0)
        for block in 0..<3 {
            let next = 12 + 66 * (block + 1)
            linked += label + [0xC0 | UInt8(next >> 8), UInt8(next & 0xFF)]
        }
        linked += label + [0x00] + aaaaIN
        #expect(decodeError(linked, allowingTrailingBytes: true)?.kind == .nameTooLong(offset: 12))

        // 255 octets exactly is fine.
        let longest = header(0x8180, 1, 0, 0, 0) + label + label + label + [61] + Array(repeating: 0x62, count: 61)
            + [0x00] + aaaaIN
        #expect(throws: Never.self) { try DNSMessageDecoder.decode(longest) }
    }

    @Test("questions and record headers cut short")
    func cutShort() {
        let question = header(0x8180, 1, 0, 0, 0) + DNSFixtures.viduExampleWire + [0x00, 0x1C, 0x00]
        #expect(decodeError(question) == DNSDecodeError(.questionPastEnd(offset: 26), section: .question, index: 0))
        // "a." then 9 of the 10 bytes of type, class, TTL and length.
        let record = header(0x8180, 0, 1, 0, 0) + [0x01, 0x61, 0x00] + [0x00, 0x01, 0x00, 0x01, 0, 0, 0, 0, 0x00]
        #expect(decodeError(record) == DNSDecodeError(.recordPastEnd(offset: 15), section: .answer, index: 0))
        #expect(decodeError(record)?.description
            == "answer record 1: record header at offset 15 runs past the end of the message")
    }

    @Test("record data longer than the message")
    func rdataPastEnd() {
        let bytes = header(0x8180, 0, 0, 1, 0) + [0x00, 0x00, 0x10, 0x00, 0x01, 0, 0, 0, 60, 0x01, 0x2C] + [0x61, 0x62]
        let error = decodeError(bytes)
        #expect(error == DNSDecodeError(.rdataPastEnd(offset: 21, length: 300, available: 2), section: .authority, index: 0))
        #expect(error?.description
            == "authority record 1: record data length 300 at offset 21 runs past the end of the message (2 bytes left)")
    }

    @Test("A must be 4 bytes and AAAA 16", arguments: [(UInt8(1), 5), (1, 0), (1, 16), (28, 4), (28, 17), (28, 0)])
    func addressLengths(typeCode: UInt8, length: Int) {
        let bytes = header(0x8180, 0, 1, 0, 0) + [0x00, 0x00, typeCode, 0x00, 0x01, 0, 0, 0, 60, 0x00, UInt8(length)]
            + Array(repeating: 0xAB, count: length)
        let type = DNSRecordType(code: UInt16(typeCode))
        let error = decodeError(bytes)
        #expect(error == DNSDecodeError(.invalidAddressLength(type: type, length: length), section: .answer, index: 0))
        #expect(error?.description == "answer record 1: \(type) record data is \(length) bytes; it must be \(typeCode == 1 ? 4 : 16)")
    }

    /// An answer record at offset 12 with an empty owner name, the given type and data.
    func answer(type: UInt8, data: [UInt8], rdlength: Int? = nil) -> [UInt8] {
        let length = rdlength ?? data.count
        return header(0x8180, 0, 1, 0, 0) + [0x00, 0x00, type, 0x00, 0x01, 0, 0, 0, 60]
            + [UInt8(length >> 8), UInt8(length & 0xFF)] + data
    }

    @Test("names inside record data must fill it exactly")
    func namesInRdata() {
        // CNAME data of 16 bytes holding a 14-byte name: two bytes unexplained.
        let slack = answer(type: 5, data: DNSFixtures.viduExampleWire + [0, 0])
        #expect(decodeError(slack)?.kind == .rdataLengthMismatch(type: .cname, length: 16, used: 14))
        // RDLENGTH 10 but the name runs on past it (into what would be the next record).
        let overrun = answer(type: 2, data: DNSFixtures.viduExampleWire, rdlength: 10)
        #expect(decodeError(overrun, allowingTrailingBytes: true)?.kind == .nameRunsPastEnd(offset: 23, end: 33))
        // A compressed name in data ends at its pointer; the pointer may lead outside the record.
        let pointerTail = answer(type: 12, data: [0x01, 0x61, 0xC0, 0x0C, 0xFF], rdlength: 5)
        #expect(decodeError(pointerTail)?.kind == .rdataLengthMismatch(type: .ptr, length: 5, used: 4))
    }

    @Test("MX and SOA data too short for their fixed fields")
    func rdataTooShort() {
        #expect(decodeError(answer(type: 15, data: [0x00]))?.kind == .rdataTooShort(type: .mx, offset: 23, length: 1))
        let soa = answer(type: 6, data: [0x00, 0x00] + Array(repeating: 0, count: 19))
        #expect(decodeError(soa)?.kind == .rdataTooShort(type: .soa, offset: 23, length: 21))
        let soaSlack = answer(type: 6, data: [0x00, 0x00] + Array(repeating: 0, count: 21))
        #expect(decodeError(soaSlack)?.kind == .rdataLengthMismatch(type: .soa, length: 23, used: 22))
    }

    @Test("TXT strings and EDNS options that overrun their record")
    func innerLengths() throws {
        let txt = answer(type: 16, data: [0x03, 0x61, 0x62, 0x63, 0x05, 0x61])
        #expect(decodeError(txt)?.kind == .characterStringPastEnd(offset: 27))

        func opt(_ data: [UInt8]) -> [UInt8] {
            header(0x8180, 0, 0, 0, 1) + [0x00, 0x00, 0x29, 0x04, 0xD0, 0, 0, 0, 0]
                + [UInt8(data.count >> 8), UInt8(data.count & 0xFF)] + data
        }
        #expect(decodeError(opt([0x00, 0x0A, 0x00]))?.kind == .optionPastEnd(offset: 23))
        #expect(decodeError(opt([0x00, 0x0A, 0x00, 0x08, 1, 2, 3]))?.kind == .optionPastEnd(offset: 23))
        let exact = try DNSMessageDecoder.decode(opt([0x00, 0x0A, 0x00, 0x08, 1, 2, 3, 4, 5, 6, 7, 8]))
        #expect(exact.optRecord == .opt(udpPayloadSize: 1232, options: [DNSOption(code: 10, data: [1, 2, 3, 4, 5, 6, 7, 8])]))
    }

    @Test("OPT records: only in additional, at most one")
    func optPlacement() {
        let optRecord: [UInt8] = [0x00, 0x00, 0x29, 0x04, 0xD0, 0, 0, 0, 0, 0x00, 0x00]
        let inAnswer = header(0x8180, 0, 1, 0, 0) + optRecord
        #expect(decodeError(inAnswer) == DNSDecodeError(.optOutsideAdditional, section: .answer, index: 0))
        let twice = header(0x8180, 0, 0, 0, 2) + optRecord + optRecord
        #expect(decodeError(twice) == DNSDecodeError(.multipleOPTRecords, section: .additional, index: 1))
    }

    @Test("trailing bytes are refused unless allowed")
    func trailingBytes() throws {
        let bytes = DNSFixtures.compressedResponse + [0xDE, 0xAD, 0xBE]
        let error = decodeError(bytes)
        #expect(error == DNSDecodeError(.trailingBytes(offset: 110, count: 3)))
        #expect(error?.description == "3 byte(s) at offset 110 after the last record the header counts")
        let lenient = try DNSMessageDecoder.decode(bytes, allowingTrailingBytes: true)
        #expect(lenient == (try DNSMessageDecoder.decode(DNSFixtures.compressedResponse)))
    }

    @Test("a worst-case message of pointer chains decodes quickly")
    func worstCasePointerChains() throws {
        // The first answer's data is a chain of 127 pointers ending in the root; thousands of records then name the
        // chain's start, so each owner name costs the full chain.
        var bytes = header(0x8180, 0, 5000, 0, 0)
        let chainStart = 12 + 11
        var chain: [UInt8] = []
        for hop in 0..<127 {
            let target = chainStart + 2 * (hop + 1)
            chain += [0xC0 | UInt8(target >> 8), UInt8(target & 0xFF)]
        }
        chain.append(0)
        bytes += [0x00, 0x00, 0x63, 0x00, 0x01, 0, 0, 0, 0, UInt8(chain.count >> 8), UInt8(chain.count & 0xFF)] + chain
        for _ in 1..<5000 {
            bytes += [0xC0 | UInt8(chainStart >> 8), UInt8(chainStart & 0xFF), 0x00, 0x63, 0x00, 0x01, 0, 0, 0, 0, 0, 0]
        }
        #expect(bytes.count <= 65_535)
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            let message = try DNSMessageDecoder.decode(bytes)
            #expect(message.answers.count == 5000)
            #expect(message.answers.allSatisfy { $0.name == .root })
        }
        #expect(elapsed < .seconds(5), "decoding took \(elapsed)")
    }
}
