import Testing
@testable import V6Core

@Suite("Services: HTTP, SMTP, similarity, resolver settings, answer selection")
struct ServiceProtocolsTests {
    /// Feeds `bytes` to a reader one split at a time, at every split point, and expects the same response.
    func readWholeAndSplit(_ text: String) throws -> HTTPResponse {
        let bytes = Array(text.utf8)
        var whole = HTTPResponseReader()
        try whole.append(bytes)
        let expected = try whole.response ?? whole.finish()
        for split in 0...bytes.count {
            var reader = HTTPResponseReader()
            try reader.append(bytes[..<split])
            try reader.append(bytes[split...])
            #expect(try (reader.response ?? reader.finish()) == expected, "split at \(split)")
        }
        return expected
    }

    @Test("HTTP: Content-Length, chunked and close-delimited bodies, in pieces of any size")
    func httpFraming() throws {
        let length = try readWholeAndSplit("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nServer: nginx\r\n\r\nhello")
        #expect(length.status == 200 && length.body == Array("hello".utf8) && length.header("server") == "nginx")
        let chunked = try readWholeAndSplit("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;x=y\r\nWiki\r\n5\r\npedia\r\n0\r\nX-T: 1\r\n\r\n")
        #expect(chunked.body == Array("Wikipedia".utf8))
        let close = try readWholeAndSplit("HTTP/1.0 404 Not Found\r\n\r\ngone")
        #expect(close.status == 404 && close.body == Array("gone".utf8))
        let interim = try readWholeAndSplit("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")
        #expect(interim.status == 204 && interim.body.isEmpty)
    }

    @Test("HTTP: a body past the limit is cut and marked; a hostile server cannot make the reader grow without bound")
    func httpLimits() throws {
        var reader = HTTPResponseReader(maximumHeaderBytes: 1024, maximumBodyBytes: 10)
        try reader.append(Array("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n".utf8) + [UInt8](repeating: 65, count: 50))
        #expect(reader.response?.body.count == 10)
        #expect(reader.response?.bodyTruncated == true)
        var headers = HTTPResponseReader(maximumHeaderBytes: 1024)
        #expect(throws: HTTPParseError.self) { try headers.append([UInt8](repeating: 65, count: 2000)) }
        var chunk = HTTPResponseReader()
        #expect(throws: HTTPParseError.self) { try chunk.append(Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".utf8)) }
        // Found by the HTTP fuzz harness: a signed chunk size ("-1") was taken as a size and crashed the reader.
        for size in ["-1", "+5", "-ffffff"] {
            var signed = HTTPResponseReader()
            #expect(throws: HTTPParseError("bad chunk size \(String(reflecting: size))")) {
                try signed.append(Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\(size)\r\nabc\r\n".utf8))
            }
        }
        var early = HTTPResponseReader()
        try early.append(Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".utf8))
        #expect(throws: HTTPParseError("the server closed the connection 7 bytes before the end of the body")) { try early.finish() }
        var garbage = HTTPResponseReader()
        #expect(throws: HTTPParseError.self) { try garbage.append(Array("SSH-2.0-OpenSSH_9.2\r\n\r\n".utf8)) }
    }

    @Test("HTTP request: GET with the Host header, brackets for an IPv6 literal, the port when not 80")
    func httpRequest() {
        #expect(String(decoding: HTTPRequest.get(host: "vidu.example"), as: UTF8.self)
                 == "GET / HTTP/1.1\r\nHost: vidu.example\r\nUser-Agent: v6ready/1 (IPv6 readiness check)\r\nAccept: */*\r\nConnection: close\r\n\r\n")
        #expect(String(decoding: HTTPRequest.get(host: "2001:db8::1", port: 8080), as: UTF8.self).contains("Host: [2001:db8::1]:8080\r\n"))
    }

    @Test("SMTP: multi-line greetings, bare LF, a 554 refusal, and garbage")
    func smtp() throws {
        var reader = SMTPGreetingReader()
        for byte in Array("220-mx1.vidu.example ESMTP\r\n220-no UCE\n220 ready\r\n".utf8) { try reader.append([byte]) }
        #expect(reader.greeting == SMTPGreeting(code: 220, lines: ["mx1.vidu.example ESMTP", "no UCE", "ready"]))
        var refusing = SMTPGreetingReader()
        try refusing.append(Array("554 no service\r\n".utf8))
        #expect(refusing.greeting?.isReady == false)
        var http = SMTPGreetingReader()
        #expect(throws: SMTPParseError.self) { try http.append(Array("HTTP/1.1 400 Bad Request\r\n".utf8)) }
        var long = SMTPGreetingReader()
        #expect(throws: SMTPParseError.self) { try long.append([UInt8](repeating: 0x32, count: 2000)) }
        var mixed = SMTPGreetingReader()
        #expect(throws: SMTPParseError.self) { try mixed.append(Array("220-a\r\n421 b\r\n".utf8)) }
    }

    @Test("page similarity: identical 1, unrelated near 0, a small change above 90%")
    func similarity() {
        let page = ServicesFixtures.page
        #expect(PageSimilarity.similarity(page, page) == 1)
        #expect(PageSimilarity.similarity([], []) == 1)
        #expect(PageSimilarity.similarity(page, Array("<html>IPv6-only test page</html>".utf8)) < 0.1)
        var changed = page
        changed.replaceSubrange(100..<110, with: Array("2026-11-22".utf8))
        #expect(PageSimilarity.similarity(page, changed) > 0.9)
        #expect(PageSimilarity.similarity(page, Array(page.prefix(page.count / 2))) < 0.9)
    }

    @Test("resolv.conf: nameservers in order, options, comments; --resolver with and without a port")
    func resolverSettings() throws {
        let conf = ResolverConfiguration.parse(resolvConf: """
            # generated
            search vidu.example
            nameserver 192.0.2.53
            nameserver 2001:db8::53 ; second
            nameserver not-an-address
            options timeout:1 attempts:3 rotate
            """)
        #expect(conf.servers == [ResolverAddress(ServicesFixtures.ip("192.0.2.53")), ResolverAddress(ServicesFixtures.ip("2001:db8::53"))])
        #expect(conf.timeoutMilliseconds == 1000 && conf.attempts == 3)
        #expect(try ResolverAddress(parsing: "[2001:db8::53]:5353") == ResolverAddress(ServicesFixtures.ip("2001:db8::53"), port: 5353))
        #expect(try ResolverAddress(parsing: "192.0.2.53:5353").port == 5353)
        #expect(try ResolverAddress(parsing: "2001:db8::53").port == 53)
        #expect(throws: ResolverConfigurationError.self) { try ResolverAddress(parsing: "resolver.vidu.example") }
        #expect(throws: ResolverConfigurationError.self) { try ResolverAddress(parsing: "[2001:db8::53]:0") }
    }

    @Test("answers: CNAME chains are followed; records for other names and CNAME loops are ignored")
    func answerSelection() {
        let n = ServicesFixtures.name
        let www = n("www.vidu.example"), apex = n("vidu.example"), evil = n("bank.example")
        let message = DNSMessage(id: 1, isResponse: true, answers: [
            DNSRecord(name: www, ttl: 60, data: .cname(apex)),
            DNSRecord(name: evil, ttl: 60, data: .aaaa(IPv6Address("2001:db8::666")!)),
            DNSRecord(name: apex, ttl: 60, data: .aaaa(IPv6Address("2001:db8::20")!)),
        ])
        let found = DNSAnswerSelection.records(.aaaa, for: www, in: message)
        #expect(found.canonicalName == apex)
        #expect(DNSAnswerSelection.addresses(found.data) == [ServicesFixtures.ip("2001:db8::20")])
        let loop = DNSMessage(id: 1, isResponse: true, answers: [
            DNSRecord(name: www, ttl: 60, data: .cname(apex)), DNSRecord(name: apex, ttl: 60, data: .cname(www)),
        ])
        #expect(DNSAnswerSelection.records(.aaaa, for: www, in: loop).data.isEmpty)
    }
}
