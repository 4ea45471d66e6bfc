/// Why bytes are not the well-formed XML the scanner reads, at a 1-based line.
public struct XMLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String
    /// The innermost element still open when the document ended, when that is the mistake (a report cut short).
    public var unclosedElement: String?

    public init(line: Int, message: String, unclosedElement: String? = nil) {
        self.line = line
        self.message = message
        self.unclosedElement = unclosedElement
    }

    public var description: String { "line \(line): \(message)" }
}

/// A small streaming reader for machine-written XML (nmap's `-oX` reports): it reports each element's start with its
/// attributes and each element's end, and checks the document is well formed on the way. Comments, processing
/// instructions, CDATA, text and a DOCTYPE that only names its DTD are read and skipped. Entity declarations are
/// refused outright (so no external entity is ever fetched and no entity expands into millions), and only the five
/// predefined entities and character references are expanded. It exists because FoundationXML's parser traps on some
/// malformed input (found by Fuzz/Harnesses/NmapXML), and a hostile file must give an error, never a crash.
public struct XMLElementScanner {
    /// Deeper nesting than any report has; bounds the stack a hostile file can build.
    public static let maximumDepth = 256

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var open: [String] = []
    private var sawRoot = false

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
        // A UTF-8 byte order mark is allowed before the prolog.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    /// Reads the whole document, calling `start(name, attributes, line)` and `end(name)` in document order.
    public static func scan(_ bytes: [UInt8],
                            start: (String, [String: String], Int) -> Void,
                            end: (String) -> Void) throws(XMLSyntaxError) {
        var scanner = XMLElementScanner(bytes)
        try scanner.run(start: start, end: end)
    }

    private mutating func run(start: (String, [String: String], Int) -> Void, end: (String) -> Void) throws(XMLSyntaxError) {
        while index < bytes.count {
            if bytes[index] != UInt8(ascii: "<") {
                try text()
                continue
            }
            if has("<?") {
                try skip(past: "?>", what: "a processing instruction")
            } else if has("<!--") {
                try skip(past: "-->", what: "a comment")
            } else if has("<![CDATA[") {
                guard !open.isEmpty else { throw fail("character data outside the document's element") }
                try skip(past: "]]>", what: "a CDATA section")
            } else if has("<!DOCTYPE") {
                try doctype()
            } else if has("</") {
                index += 2
                let name = try self.name()
                skipSpace()
                try expect(">", "a closing tag that does not end with '>'")
                guard let innermost = open.last, innermost == name else {
                    throw fail("a closing tag that does not match its opening tag")
                }
                open.removeLast()
                end(name)
            } else {
                let tagLine = line
                index += 1
                let name = try self.name()
                let attributes = try self.attributes()
                if has("/>") {
                    index += 2
                    try opening(name)
                    start(name, attributes, tagLine)
                    open.removeLast()
                    end(name)
                } else {
                    try expect(">", "a malformed attribute")
                    try opening(name)
                    start(name, attributes, tagLine)
                }
            }
        }
        if let innermost = open.last {
            throw XMLSyntaxError(line: line, message: "it ends before <\(innermost)> is closed", unclosedElement: innermost)
        }
        guard sawRoot else { throw fail("the document is empty") }
    }

    private mutating func opening(_ name: String) throws(XMLSyntaxError) {
        if open.isEmpty {
            guard !sawRoot else { throw fail("a second top-level element <\(name)>") }
            sawRoot = true
        }
        guard open.count < Self.maximumDepth else { throw fail("elements nested deeper than \(Self.maximumDepth)") }
        open.append(name)
    }

    /// Text between tags: only white space outside the document's element; entities must be well formed inside it.
    private mutating func text() throws(XMLSyntaxError) {
        while index < bytes.count, bytes[index] != UInt8(ascii: "<") {
            let byte = bytes[index]
            if byte == UInt8(ascii: "&") {
                guard !open.isEmpty else { throw fail("text outside the document's element") }
                _ = try reference()
                continue
            }
            try character(byte)
            if open.isEmpty, !Self.isSpace(byte) { throw fail("text outside the document's element") }
            if byte == UInt8(ascii: "]"), has("]]>") { throw fail("']]>' in text") }
            advance()
        }
    }

    /// `<!DOCTYPE name ...>` naming an external DTD, which is not read; an internal subset (declarations) is refused.
    private mutating func doctype() throws(XMLSyntaxError) {
        guard !sawRoot else { throw fail("a DOCTYPE after the document's element") }
        index += "<!DOCTYPE".utf8.count
        var quote: UInt8?
        while index < bytes.count {
            let byte = bytes[index]
            if let q = quote {
                if byte == q { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "[") {
                throw fail("a DOCTYPE with declarations (entities are not read)")
            } else if byte == UInt8(ascii: ">") {
                index += 1
                return
            }
            try character(byte)
            advance()
        }
        throw fail("the document ends inside its DOCTYPE")
    }

    private mutating func attributes() throws(XMLSyntaxError) -> [String: String] {
        var attributes: [String: String] = [:]
        while true {
            let spaced = skipSpace()
            guard index < bytes.count else { throw fail("the document ends inside a tag") }
            if bytes[index] == UInt8(ascii: ">") || has("/>") { return attributes }
            guard spaced else { throw fail("a malformed attribute") }
            let name = try self.name()
            skipSpace()
            try expect("=", "a malformed attribute")
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw fail("a malformed attribute")
            }
            let quote = bytes[index]
            index += 1
            var value: [UInt8] = []
            while true {
                guard index < bytes.count else { throw fail("the document ends inside an attribute value") }
                let byte = bytes[index]
                if byte == quote { index += 1; break }
                if byte == UInt8(ascii: "<") { throw fail("a malformed attribute") }
                if byte == UInt8(ascii: "&") {
                    value += try reference()
                    continue
                }
                try character(byte)
                // Attribute-value normalisation (XML 1.0 §3.3.3): a line break or tab reads as a space.
                value.append(byte == 0x09 || byte == 0x0A || byte == 0x0D ? 0x20 : byte)
                advance()
            }
            let key = name
            guard attributes[key] == nil else { throw fail("the attribute \(key) appears twice") }
            attributes[key] = String(decoding: value, as: UTF8.self)
        }
    }

    /// `&name;` or `&#N;`/`&#xN;` at `index`: the UTF-8 bytes it stands for.
    private mutating func reference() throws(XMLSyntaxError) -> [UInt8] {
        let start = index + 1
        var end = start
        while end < bytes.count, end - start < 12, bytes[end] != UInt8(ascii: ";") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > start else {
            throw fail("an '&' that does not start an entity reference")
        }
        let body = bytes[start..<end]
        index = end + 1
        switch String(decoding: body, as: UTF8.self) {
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "amp": return [UInt8(ascii: "&")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        case let reference where reference.hasPrefix("#"):
            let hex = reference.hasPrefix("#x")
            let digits = reference.dropFirst(hex ? 2 : 1)
            guard !digits.isEmpty, digits.allSatisfy({ hex ? $0.isHexDigit && $0.isASCII : $0.isASCII && $0.isNumber }),
                  let value = UInt32(digits, radix: hex ? 16 : 10), Self.isXMLCharacter(value),
                  let scalar = Unicode.Scalar(value) else {
                throw fail("a character reference &\(reference); that is not an XML character")
            }
            return Array(String(Character(scalar)).utf8)
        case let reference:
            throw fail("an unknown entity &\(reference.prefix(40));")
        }
    }

    private mutating func name() throws(XMLSyntaxError) -> String {
        let start = index
        while index < bytes.count, Self.isNameByte(bytes[index], first: index == start) { index += 1 }
        guard index > start else { throw fail("a tag without a name") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private static func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"),
             UInt8(ascii: ":"), 0x80...0xFF:
            return true
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return !first
        default:
            return false
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// XML 1.0's Char production: tab, line feed, carriage return and everything from U+0020 but surrogates and FFFE/FFFF.
    private static func isXMLCharacter(_ value: UInt32) -> Bool {
        value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
            || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
    }

    /// A raw byte in the document: control characters other than tab and line breaks are not XML.
    private func character(_ byte: UInt8) throws(XMLSyntaxError) {
        if byte < 0x20, !Self.isSpace(byte) { throw fail("an invalid character") }
    }

    private func has(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { literal in
            var offset = 0
            while offset < count {
                if bytes[index + offset] != literal[offset] { return false }
                offset += 1
            }
            return true
        }
    }

    private mutating func expect(_ literal: StaticString, _ message: String) throws(XMLSyntaxError) {
        guard has(literal) else {
            throw fail(index < bytes.count ? message : "the document ends too early")
        }
        index += literal.utf8CodeUnitCount
    }

    /// Skips to just past `terminator`, counting lines; the document must not end first.
    private mutating func skip(past terminator: StaticString, what: String) throws(XMLSyntaxError) {
        index += 2
        while index < bytes.count {
            if has(terminator) {
                index += terminator.utf8CodeUnitCount
                return
            }
            try character(bytes[index])
            advance()
        }
        throw fail("the document ends inside \(what)")
    }

    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = index
        while index < bytes.count, Self.isSpace(bytes[index]) { advance() }
        return index > start
    }

    private mutating func advance() {
        if bytes[index] == 0x0A { line += 1 }
        index += 1
    }

    private func fail(_ message: String) -> XMLSyntaxError { XMLSyntaxError(line: line, message: message) }
}
