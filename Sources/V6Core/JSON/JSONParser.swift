/// A JSON syntax error with the line and column where reading stopped.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "line \(line), column \(column): \(message)" }
}

/// A parsed document plus the line each value starts on, so diagnostics can say `file:LINE: path: problem`.
public struct ParsedJSON: Sendable {
    public var value: JSONValue
    public var lines: [JSONPath: Int]
    public func line(of path: JSONPath) -> Int? {
        var probe = path
        while true {
            if let line = lines[probe] { return line }
            guard let cut = probe.text.lastIndex(where: { $0 == "." || $0 == "[" }) else { return lines[.root] }
            probe = JSONPath(String(probe.text[..<cut]))
        }
    }
}

/// A strict RFC 8259 parser over UTF-8 bytes. Duplicate keys are errors: in a hand-edited file the second one
/// would silently win.
public struct JSONParser {
    private let bytes: [UInt8]
    private var position = 0
    private var line = 1
    private var lineStart = 0
    private var lines: [JSONPath: Int] = [:]
    private let recordLines: Bool
    private var depth = 0
    private static let maximumDepth = 256

    private init(bytes: [UInt8], recordLines: Bool) {
        self.bytes = bytes
        self.recordLines = recordLines
    }

    /// Parses a whole document. A UTF-8 byte order mark is accepted and ignored.
    public static func parse(_ bytes: [UInt8], recordLines: Bool = true) throws(JSONSyntaxError) -> ParsedJSON {
        var parser = JSONParser(bytes: bytes, recordLines: recordLines)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.position = 3; parser.lineStart = 3 }
        parser.skipWhitespace()
        let value = try parser.parseValue(at: .root)
        parser.skipWhitespace()
        if parser.position < bytes.count { throw parser.error("unexpected text after the end of the document") }
        return ParsedJSON(value: value, lines: parser.lines)
    }

    public static func parse(_ text: String) throws(JSONSyntaxError) -> ParsedJSON {
        try parse(Array(text.utf8))
    }

    private func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(line: line, column: position - lineStart + 1, message: message)
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0D: position += 1
            case 0x0A: position += 1; line += 1; lineStart = position
            default: return
            }
        }
    }

    private mutating func parseValue(at path: JSONPath) throws(JSONSyntaxError) -> JSONValue {
        guard position < bytes.count else { throw error("unexpected end of the document") }
        if recordLines { lines[path] = line }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject(at: path)
        case UInt8(ascii: "["): return try parseArray(at: path)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default:
            throw error("expected a value, found '\(String(decoding: [bytes[position]], as: UTF8.self))'")
        }
    }

    private mutating func expectWord(_ word: String) throws(JSONSyntaxError) {
        let w = Array(word.utf8)
        guard bytes.count - position >= w.count, Array(bytes[position..<position + w.count]) == w else {
            throw error("expected a value (did you forget quotes around a string?)")
        }
        position += w.count
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maximumDepth { throw error("nested more than \(Self.maximumDepth) levels deep") }
    }

    private mutating func parseObject(at path: JSONPath) throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        position += 1
        var members: [(key: String, value: JSONValue)] = []
        var seen = Set<String>()
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error("expected a quoted member name")
            }
            let key = try parseString()
            if !seen.insert(key).inserted { throw error("member \"\(key)\" appears twice in the same object") }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw error("expected ':' after \"\(key)\"")
            }
            position += 1
            skipWhitespace()
            let value = try parseValue(at: path.member(key))
            members.append((key, value))
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of the document inside an object") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
            throw error("expected ',' or '}' after the value of \"\(key)\"")
        }
    }

    private mutating func parseArray(at path: JSONPath) throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try parseValue(at: path.index(items.count)))
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of the document inside an array") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
            throw error("expected ',' or ']' in an array")
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> Double {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        func digits(_ p: inout Int, _ b: [UInt8]) -> Int {
            let s = p
            while p < b.count, b[p] >= 0x30, b[p] <= 0x39 { p += 1 }
            return p - s
        }
        let intStart = position
        let intDigits = digits(&position, bytes)
        if intDigits == 0 { throw error("a number needs digits") }
        if intDigits > 1, bytes[intStart] == UInt8(ascii: "0") { throw error("numbers may not have leading zeros") }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            if digits(&position, bytes) == 0 { throw error("a number needs digits after '.'") }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            if digits(&position, bytes) == 0 { throw error("a number needs digits in its exponent") }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Double(text) else { throw error("not a number") }
        // 1e999 would read as infinity, which no field means and no writer can write back.
        guard value.isFinite else { throw error("\(text) is too large a number") }
        return value
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var runStart = position
        func flush(_ upTo: Int, _ bytes: [UInt8], _ scalars: inout String.UnicodeScalarView) {
            if upTo > runStart { scalars.append(contentsOf: String(decoding: bytes[runStart..<upTo], as: UTF8.self).unicodeScalars) }
        }
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                flush(position, bytes, &scalars)
                position += 1
                return String(scalars)
            }
            if b < 0x20 { throw error(b == 0x0A ? "a string is not closed on its line" : "a control character inside a string must be escaped") }
            if b >= 0x80 {
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0
                guard length > 0, position + length <= bytes.count,
                      String(validating: bytes[position..<position + length], as: UTF8.self) != nil else {
                    throw error("the file is not valid UTF-8 here (save it as UTF-8)")
                }
                position += length
                continue
            }
            if b == UInt8(ascii: "\\") {
                flush(position, bytes, &scalars)
                position += 1
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    let first = try parseHex4()
                    if (0xD800...0xDBFF).contains(first) {
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                              bytes[position + 1] == UInt8(ascii: "u") else { throw error("a lone UTF-16 surrogate in \\u escape") }
                        position += 2
                        let second = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(second) else { throw error("a lone UTF-16 surrogate in \\u escape") }
                        let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                        scalars.append(Unicode.Scalar(value)!)
                    } else {
                        guard let scalar = Unicode.Scalar(first) else { throw error("a lone UTF-16 surrogate in \\u escape") }
                        scalars.append(scalar)
                    }
                default: throw error("unknown escape '\\\(String(decoding: [escape], as: UTF8.self))' in a string")
                }
                runStart = position
                continue
            }
            position += 1
        }
        throw error("a string is not closed")
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("\\u needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            // Only letters are lowered: `| 0x20` on a control byte 0x10–0x19 would turn it into a digit.
            let b = bytes[position]
            let digit: UInt8
            switch b {
            case 0x30...0x39: digit = b - 0x30
            case 0x61...0x66: digit = b - 0x61 + 10
            case 0x41...0x46: digit = b - 0x41 + 10
            default: throw error("\\u needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }
}
