import Testing
@testable import V6Core

@Suite("Target file parser: any chunking gives the same targets and the same line numbers")
struct TargetFileParserTests {
    static let text = "# targets\n2001:db8::1\n\n  192.0.2.7  # printer\r\n198.51.100.0/30\nportal.vidu.example\nnot an address\n2001:db8::2"

    static func parse(_ text: String, chunk: Int) -> [(Int, TargetFileParser.Line)] {
        var parser = TargetFileParser(name: "t.txt")
        var out: [(Int, TargetFileParser.Line)] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            bytes[start..<end].withUnsafeBytes { parser.feed($0) { out.append(($0, $1)) } }
            start = end
        }
        parser.finish { out.append(($0, $1)) }
        return out
    }

    @Test("chunks of 1 to 64 bytes read the file exactly as one piece does")
    func chunking() {
        let whole = Self.parse(Self.text, chunk: 1 << 20)
        #expect(whole.map(\.0) == [2, 4, 5, 6, 7, 8])
        let targets = whole.compactMap { $0.1.target }
        #expect(targets == [.address(IPAddress("2001:db8::1")!), .address(IPAddress("192.0.2.7")!), .prefix(IPPrefix("198.51.100.0/30")!),
                            .hostname("portal.vidu.example"), .address(IPAddress("2001:db8::2")!)])
        for chunk in 1...64 {
            let parsed = Self.parse(Self.text, chunk: chunk)
            #expect(parsed.map(\.0) == whole.map(\.0), "chunk \(chunk)")
            #expect(parsed.compactMap { $0.1.target } == targets, "chunk \(chunk)")
        }
    }

    @Test("a line longer than the limit is one problem with its number, and memory stays bounded")
    func overlongLine() {
        let long = String(repeating: "a", count: TargetFileParser.maxLineLength * 5)
        let parsed = Self.parse("2001:db8::1\n\(long)\n2001:db8::2\n", chunk: 100)
        #expect(parsed.map(\.0) == [1, 2, 3])
        guard case let .problem(problem) = parsed[1].1 else { Issue.record("accepted"); return }
        #expect(problem.line == 2 && problem.message.contains("longer than"))
    }
}
