import Testing
@testable import V6Core

/// Issue 13 item 7: what is left after validation is escaped where it is shown.
@Suite("Escaping: terminal, Markdown, HTML/SVG")
struct EscapingTests {
    @Test("the terminal sees no ESC, CSI, OSC, NUL, C1 or BiDi control; LF, tab, CRLF and Vietnamese pass")
    func terminal() throws {
        #expect(TerminalText.escaped("a\u{1B}[2Jb") == "a\\u001B[2Jb")
        #expect(TerminalText.escaped("\u{1B}]0;owned\u{07}") == "\\u001B]0;owned\\u0007")
        #expect(TerminalText.escaped("x\u{0}y\u{9B}z\u{202E}w\u{2069}") == "x\\u0000y\\u009Bz\\u202Ew\\u2069")
        #expect(TerminalText.escaped("dòng 1\nTỉnh\tVí Dụ\r\n") == "dòng 1\nTỉnh\tVí Dụ\r\n")
        #expect(TerminalText.escaped("lone\rcarriage") == "lone\\u000Dcarriage")
        // What JSON output becomes stays the same JSON.
        let line = "{\"name\":\"a\u{202E}b\"}"
        #expect(try JSONParser.parse(TerminalText.escaped(line)).value == JSONParser.parse(line).value)
    }

    @Test("the byte-level escaper agrees with escaping scalar by scalar, on random text of controls, C1, BiDi and Vietnamese")
    func terminalMatchesTheScalarRule() {
        // The rule, one scalar at a time: what `TerminalText.escaped` must do, however it does it.
        func reference(_ text: String) -> String {
            let scalars = Array(text.unicodeScalars)
            var out = ""
            for (i, s) in scalars.enumerated() {
                let crlf = s == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n"
                if TerminalText.needsEscape(s) && !crlf {
                    let hex = String(s.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(s)
                }
            }
            return out
        }
        let pool: [Unicode.Scalar] = ["a", "\n", "\r", "\t", "\u{0}", "\u{1B}", "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}", "\u{BF}",
                                      "\u{2013}", "\u{2026}", "\u{2029}", "\u{202A}", "\u{202E}", "\u{202F}", "\u{2066}",
                                      "\u{2069}", "\u{206A}", "ệ", "Đ", "\u{1F600}", "\u{FFFD}"]
        var generator = SeededGenerator(seed: 0x7E57)
        for _ in 0..<2_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...24, using: &generator) { text.append(pool.randomElement(using: &generator)!) }
            let string = String(text)
            #expect(TerminalText.escaped(string) == reference(string), "\(string.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test("Markdown: markup is escaped, raw HTML cannot appear, CRLF and U+2028/2029 are flattened")
    func markdown() {
        #expect(MarkdownText.escaped("<img src=x onerror=alert(1)>") == "\\<img src=x onerror=alert(1)\\>")
        #expect(MarkdownText.escaped("a | b") == "a \\| b")
        #expect(MarkdownText.escaped("**URGENT** _x_ [link](http://x.example) `code` # h") == "\\*\\*URGENT\\*\\* \\_x\\_ \\[link\\](http://x.example) \\`code\\` # h")
        #expect(MarkdownText.escaped("# not a heading") == "\\# not a heading")
        #expect(MarkdownText.escaped("- not a list") == "\\- not a list")
        #expect(MarkdownText.escaped("hai\r\ndòng\u{2028}ba\u{2029}bốn\rnăm") == "hai dòng ba bốn năm")
        #expect(MarkdownText.escaped("Sở Tư pháp (tỉnh)") == "Sở Tư pháp (tỉnh)")
    }

    @Test("HTML and SVG: NUL and other XML-illegal characters become U+FFFD")
    func html() {
        #expect(HTMLReport.escape("a\u{0}b<\u{1B}>") == "a\u{FFFD}b&lt;\u{FFFD}&gt;")
        #expect(!SVGCharts.text(0, 0, "x\u{0}y", size: 10).unicodeScalars.contains("\u{0}"))
    }
}
