import Testing
@testable import V6Core

@Suite("DNS: matching responses to queries")
struct DNSValidatorTests {
    let query = DNSMessage.query(id: 0x1234, name: DNSFixtures.name("vidu.example"), type: .aaaa, ednsPayloadSize: 1232)

    func goodResponse() -> DNSMessage {
        var response = DNSMessage.response(to: query)
        response.recursionAvailable = true
        response.answers = [DNSRecord(name: DNSFixtures.name("vidu.example"), ttl: 60,
                                      data: .aaaa(DNSFixtures.v6("2001:db8::1")))]
        return response
    }

    @Test("a proper answer has no problems, and the fixture response answers its query")
    func accepted() throws {
        #expect(DNSResponseValidator.check(response: goodResponse(), for: query).isEmpty)
        #expect(DNSResponseValidator.isReply(goodResponse(), to: query))
        let fixture = try DNSMessageDecoder.decode(DNSFixtures.compressedResponse)
        #expect(DNSResponseValidator.check(response: fixture, for: query).isEmpty)
    }

    @Test("the echoed name may differ in case (0x20 randomisation)")
    func caseOfEchoedName() {
        var response = goodResponse()
        response.questions[0].name = DNSFixtures.name("ViDu.EXAMPLE")
        #expect(DNSResponseValidator.check(response: response, for: query).isEmpty)
    }

    @Test("a different id is foreign, with the ids in hex")
    func wrongID() {
        var response = goodResponse()
        response.id = 0x1235
        let problems = DNSResponseValidator.check(response: response, for: query)
        #expect(problems == [.idMismatch(query: 0x1234, response: 0x1235)])
        #expect(problems.map(\.description) == ["response id 0x1235 does not match query id 0x1234"])
        #expect(problems.allSatisfy { $0.isForeign })
        #expect(!DNSResponseValidator.isReply(response, to: query))
        #expect(DNSResponseProblem.idMismatch(query: 0x0001, response: 0xABCD).description
            == "response id 0xabcd does not match query id 0x0001")
    }

    @Test("our own query looped back is not a response")
    func notAResponse() {
        let problems = DNSResponseValidator.check(response: query, for: query)
        #expect(problems == [.notAResponse])
        #expect(problems[0].isForeign)
    }

    @Test("a different question is foreign: name, type, class, count and opcode")
    func questionMismatch() {
        var response = goodResponse()
        response.questions[0] = DNSQuestion(name: DNSFixtures.name("other.example"), type: .a, recordClass: .chaos)
        response.opcode = .status
        let problems = DNSResponseValidator.check(response: response, for: query)
        #expect(problems == [
            .opcodeMismatch(query: .query, response: .status),
            .questionNameMismatch(query: DNSFixtures.name("vidu.example"), response: DNSFixtures.name("other.example")),
            .questionTypeMismatch(query: .aaaa, response: .a),
            .questionClassMismatch(query: .internet, response: .chaos),
        ])
        #expect(problems.map(\.description) == [
            "response opcode STATUS does not match query opcode QUERY",
            "response question name other.example. does not match query name vidu.example.",
            "response question type A does not match query type AAAA",
            "response question class CH does not match query class IN",
        ])
        #expect(problems.allSatisfy { $0.isForeign })

        response = goodResponse()
        response.questions = []
        #expect(DNSResponseValidator.check(response: response, for: query) == [.questionCountMismatch(query: 1, response: 0)])
    }

    @Test("truncation and error rcodes are problems with the reply, not foreign")
    func answerProblems() {
        var response = goodResponse()
        response.isTruncated = true
        response.rcode = .nonExistentDomain
        let problems = DNSResponseValidator.check(response: response, for: query)
        #expect(problems == [.truncated, .errorResponseCode(.nonExistentDomain)])
        #expect(problems.map(\.description)
            == ["response is truncated (TC set); repeat the query over TCP", "server answered NXDOMAIN"])
        #expect(!problems.contains { $0.isForeign })
        #expect(DNSResponseValidator.isReply(response, to: query))
    }
}

@Suite("DNS: TCP length-prefix framing")
struct DNSTCPFramingTests {
    @Test("a frame is the big-endian length then the message")
    func frame() throws {
        let query = DNSMessageEncoder.query(id: 0x1234, name: DNSFixtures.name("vidu.example"), type: .aaaa)
        let framed = try DNSTCPFraming.frame(query)
        #expect(framed.count == query.count + 2)
        #expect(Array(framed.prefix(2)) == [0x00, 0x1E])  // 30 bytes
        #expect(Array(framed.dropFirst(2)) == query)
        #expect(try DNSTCPFraming.frame(Array(repeating: 0, count: 300)).prefix(2) == [0x01, 0x2C])
        #expect(throws: DNSEncodeError.messageTooLarge(length: 65_536)) {
            try DNSTCPFraming.frame(Array(repeating: 0, count: 65_536))
        }
    }

    @Test("the reader yields whole messages however the stream is split")
    func readerReassembles() throws {
        let messages = [DNSFixtures.compressedResponse, [], DNSFixtures.mxAndSOAResponse,
                        Array(repeating: 0xAA, count: 65_535)]
        var stream: [UInt8] = []
        for message in messages { stream += try DNSTCPFraming.frame(message) }

        var random = SeededGenerator(seed: 42)
        for maximumChunk in [1, 2, 3, 7, 100, 70_000] {
            var reader = DNSTCPFraming.Reader()
            var received: [[UInt8]] = []
            var position = 0
            while position < stream.count {
                let chunk = min(Int.random(in: 1...maximumChunk, using: &random), stream.count - position)
                reader.append(stream[position..<(position + chunk)])
                position += chunk
                while let message = reader.nextMessage() { received.append(message) }
            }
            #expect(received == messages, "chunks up to \(maximumChunk) bytes")
            #expect(reader.isAtMessageBoundary)
            #expect(reader.bufferedByteCount == 0)
        }
    }

    @Test("a partial frame waits for more bytes and shows at end of stream")
    func partialFrame() {
        var reader = DNSTCPFraming.Reader()
        #expect(reader.isAtMessageBoundary)
        reader.append([0x00])
        #expect(reader.nextMessage() == nil)
        reader.append([0x03, 0xAA, 0xBB])
        #expect(reader.nextMessage() == nil)
        #expect(!reader.isAtMessageBoundary)
        #expect(reader.bufferedByteCount == 4)
        reader.append([0xCC, 0x00])
        #expect(reader.nextMessage() == [0xAA, 0xBB, 0xCC])
        #expect(reader.nextMessage() == nil)
        #expect(reader.bufferedByteCount == 1)
        #expect(!reader.isAtMessageBoundary)
    }
}
