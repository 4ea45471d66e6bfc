/// The greeting an SMTP server sends when a client connects (RFC 5321 §4.2, §4.3.1): one or more lines
/// `220-text` ending in `220 text`. 220 means ready; 554 means "no SMTP service here" — still an SMTP server
/// talking over IPv6, but one that refuses mail.
public struct SMTPGreeting: Sendable, Equatable, CustomStringConvertible {
    public var code: Int
    /// The text of every line, in order, without the code.
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// Ready to take mail.
    public var isReady: Bool { code == 220 }

    /// `220 mx1.vidu.example ESMTP`: the code and the first line, as one line.
    public var description: String {
        "\(code) \(lines.first ?? "")".trimmingSpaces()
    }
}

/// Why bytes from port 25 are not an SMTP greeting.
public struct SMTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Reads an SMTP greeting from a stream in pieces of any size, with bounded memory (lines of at most 1000 octets,
/// RFC 5321 §4.5.3.1.5, accepting a bare LF as some servers send; at most 100 lines).
public struct SMTPGreetingReader: Sendable {
    public static let maximumLineLength = 1000
    public static let maximumLines = 100

    private var buffer: [UInt8] = []
    private var code: Int?
    private var lines: [String] = []
    public private(set) var greeting: SMTPGreeting?

    public init() {}

    /// Feeds the next bytes; `greeting` is set once the final line has arrived.
    public mutating func append(_ bytes: some Collection<UInt8>) throws(SMTPParseError) {
        guard greeting == nil else { return }
        buffer.append(contentsOf: bytes)
        while greeting == nil, let newline = buffer.firstIndex(of: 10) {
            var line = Array(buffer[..<newline])
            buffer.removeFirst(newline + 1)
            if line.last == 13 { line.removeLast() }
            try take(line)
        }
        if greeting == nil, buffer.count > Self.maximumLineLength {
            throw SMTPParseError("greeting line longer than \(Self.maximumLineLength) octets")
        }
    }

    private mutating func take(_ line: [UInt8]) throws(SMTPParseError) {
        let text = String(decoding: line, as: UTF8.self)
        guard line.count >= 3, line.prefix(3).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let value = Int(String(decoding: line.prefix(3), as: UTF8.self)) else {
            throw SMTPParseError("not an SMTP reply line: \(String(reflecting: String(text.prefix(80))))")
        }
        if let code, code != value {
            throw SMTPParseError("greeting changes its code from \(code) to \(value) between lines")
        }
        code = value
        let separator = line.count > 3 ? line[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw SMTPParseError("not an SMTP reply line: \(String(reflecting: String(text.prefix(80))))")
        }
        lines.append(line.count > 4 ? String(decoding: line[4...], as: UTF8.self) : "")
        if separator == UInt8(ascii: " ") {
            greeting = SMTPGreeting(code: value, lines: lines)
        } else if lines.count >= Self.maximumLines {
            throw SMTPParseError("greeting longer than \(Self.maximumLines) lines")
        }
    }
}
