/// Decides whether a decoded response answers a query: same id, QR set, same opcode, the question echoed (names
/// compared case-insensitively, so 0x20 case randomisation works), not truncated, and a NOERROR rcode.
/// Pure: the transport in V6System sends, receives, decodes, then asks this.
public enum DNSResponseValidator {
    /// Every problem found, foreign ones (see `DNSResponseProblem.isForeign`) first; empty means a usable answer.
    public static func check(response: DNSMessage, for query: DNSMessage) -> [DNSResponseProblem] {
        var problems: [DNSResponseProblem] = []
        if response.id != query.id { problems.append(.idMismatch(query: query.id, response: response.id)) }
        if !response.isResponse { problems.append(.notAResponse) }
        if response.opcode != query.opcode {
            problems.append(.opcodeMismatch(query: query.opcode, response: response.opcode))
        }
        if response.questions.count != query.questions.count {
            problems.append(.questionCountMismatch(query: query.questions.count, response: response.questions.count))
        }
        for (asked, echoed) in zip(query.questions, response.questions) {
            if asked.name != echoed.name {
                problems.append(.questionNameMismatch(query: asked.name, response: echoed.name))
            }
            if asked.type != echoed.type {
                problems.append(.questionTypeMismatch(query: asked.type, response: echoed.type))
            }
            if asked.recordClass != echoed.recordClass {
                problems.append(.questionClassMismatch(query: asked.recordClass, response: echoed.recordClass))
            }
        }
        if response.isTruncated { problems.append(.truncated) }
        if response.rcode != .noError { problems.append(.errorResponseCode(response.rcode)) }
        return problems
    }

    /// Whether `response` is a reply to `query` at all, whatever it says (no foreign problems).
    public static func isReply(_ response: DNSMessage, to query: DNSMessage) -> Bool {
        !check(response: response, for: query).contains { $0.isForeign }
    }
}
