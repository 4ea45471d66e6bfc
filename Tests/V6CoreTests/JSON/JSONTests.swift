import Testing
@testable import V6Core

@Suite("JSON: parser and writer")
struct JSONParserWriterTests {
    @Test("parses every value kind and keeps member order")
    func parsesAndKeepsOrder() throws {
        let parsed = try JSONParser.parse(#"{"z": 1, "a": [true, false, null, -2.5e1, "x\u00e9\ud83d\ude00"], "m": {}}"#)
        guard case let .object(members) = parsed.value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["z", "a", "m"])
        #expect(parsed.value["a"] == .array([.bool(true), .bool(false), .null, .number(-25), .string("xé😀")]))
    }

    @Test("records the line of every value")
    func recordsLines() throws {
        let text = "{\n  \"devices\": [\n    {\"id\": \"a\"},\n    {\n      \"id\": \"b\"\n    }\n  ]\n}\n"
        let parsed = try JSONParser.parse(text)
        #expect(parsed.line(of: JSONPath("devices[1].id")) == 5)
        #expect(parsed.line(of: JSONPath("devices[0]")) == 3)
        // A path below an existing one falls back to its closest recorded ancestor.
        #expect(parsed.line(of: JSONPath("devices[1].ipv6[0]")) == 4)
    }

    @Test("rejects malformed documents with line and column", arguments: [
        ("{\"a\": 1,}", 1, "expected a quoted member name"),
        ("{\"a\": 1 \"b\": 2}", 1, "expected ',' or '}'"),
        ("{\n\"a\": 01}", 2, "leading zeros"),
        ("{\"a\": 1, \"a\": 2}", 1, "appears twice"),
        ("[1, 2", 1, "unexpected end"),
        ("{\"a\": tru}", 1, "expected a value"),
        ("\"\\ud800\"", 1, "surrogate"),
        ("{} x", 1, "after the end"),
    ])
    func rejects(text: String, line: Int, fragment: String) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.line == line)
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test("rejects invalid UTF-8 and deep nesting without crashing")
    func rejectsHostileInput() {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(String(repeating: "[", count: 10_000)) }
    }

    @Test("pretty output matches Python's json.dumps(indent=2, ensure_ascii=False)")
    func prettyFormat() {
        let value = JSONValue.object([("schema", .number(1)), ("name", .string("Sở Tư pháp \"A\"\n")),
                                      ("list", .array([])), ("obj", .object([])), ("n", .array([.number(1.5), .number(-3)]))])
        let expected = "{\n  \"schema\": 1,\n  \"name\": \"Sở Tư pháp \\\"A\\\"\\n\",\n  \"list\": [],\n  \"obj\": {},\n  \"n\": [\n    1.5,\n    -3\n  ]\n}\n"
        #expect(JSONWriter.pretty(value) == expected)
        #expect(JSONWriter.compact(value) == "{\"schema\":1,\"name\":\"Sở Tư pháp \\\"A\\\"\\n\",\"list\":[],\"obj\":{},\"n\":[1.5,-3]}")
    }

    @Test("writing then parsing gives the same value, Vietnamese and control characters included")
    func roundTrip() throws {
        let value = JSONValue.object([("tên", .string("Ủy ban nhân dân tỉnh — Phòng CNTT\t\u{01}")), ("x", .array([.null, .bool(true)]))])
        #expect(try JSONParser.parse(JSONWriter.pretty(value)).value == value)
        #expect(try JSONParser.parse(JSONWriter.compact(value)).value == value)
    }
}
