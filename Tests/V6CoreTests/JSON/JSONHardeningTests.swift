import Testing
@testable import V6Core

/// Issue 13 items 3 and 9: numbers that trap and the `\u` escape defect.
@Suite("JSON hardening: \\u escapes, huge numbers, range checks")
struct JSONHardeningTests {
    @Test("control bytes 0x10–0x19 are not hex digits in a \\u escape (the | 0x20 lowering made them 0–9)")
    func controlBytesAreNotHexDigits() throws {
        for byte in UInt8(0x10)...UInt8(0x19) {
            let bytes = Array("[\"\\u00".utf8) + [byte, UInt8(ascii: "1")] + Array("\"]".utf8)
            #expect(throws: JSONSyntaxError.self, "byte \(byte)") { try JSONParser.parse(bytes) }
        }
        #expect(try JSONParser.parse("[\"\\u00E9\\u00e9\"]").value == .array([.string("éé")]))
    }

    @Test("a number too large for a Double (1e999) is a syntax error with its line, not infinity")
    func infinityRefused() {
        do { _ = try JSONParser.parse("{\n\"vid\": 1e999}"); Issue.record("accepted") } catch {
            #expect(error.line == 2)
            #expect(error.message == "1e999 is too large a number")
        }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("[-1e400]") }
    }

    @Test("integer(in:) never traps and says why", arguments: [(JSONValue.number(1e19), "1e+19 is not a whole number from 0 to 65535"),
                                                             (.number(-1), "-1 is not a whole number from 0 to 65535"),
                                                             (.number(2.5), "2.5 is not a whole number from 0 to 65535"),
                                                             (.string("80"), "\"80\" is not a whole number from 0 to 65535")])
    func integerRange(value: JSONValue, message: String) {
        #expect(value.integer(in: 0...65535) == nil)
        #expect(value.integerProblem(in: 0...65535) == message)
    }

    @Test("number(in:) refuses what is outside, and a huge value is named")
    func numberRange() {
        #expect(JSONValue.number(5).number(in: 0...10) == 5)
        #expect(JSONValue.number(-5).number(in: 0...10) == nil)
        #expect(JSONValue.number(1e300).numberProblem(in: 0...87_600) == "1e+300 is not a number from 0 to 87600")
    }
}
