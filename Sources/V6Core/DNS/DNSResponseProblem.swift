/// Something wrong with a response as an answer to a particular query. Problems that mean "this is not the answer
/// to our query at all" are `isForeign`: a transport should drop such a datagram and keep waiting, as resolvers do
/// against spoofing (RFC 5452 §9.1), rather than take it as the server's reply.
public enum DNSResponseProblem: Hashable, Sendable, CustomStringConvertible {
    case idMismatch(query: UInt16, response: UInt16)
    /// QR is clear: the message is a query (or our own packet looped back).
    case notAResponse
    case opcodeMismatch(query: DNSOpcode, response: DNSOpcode)
    case questionCountMismatch(query: Int, response: Int)
    case questionNameMismatch(query: DNSName, response: DNSName)
    case questionTypeMismatch(query: DNSRecordType, response: DNSRecordType)
    case questionClassMismatch(query: DNSClass, response: DNSClass)
    /// TC is set: the answer did not fit and the query should be repeated over TCP.
    case truncated
    /// The server answered with an error such as NXDOMAIN, SERVFAIL or REFUSED.
    case errorResponseCode(DNSResponseCode)

    /// Whether the message is not a reply to the query at all (wrong id, not a response, different question).
    public var isForeign: Bool {
        switch self {
        case .idMismatch, .notAResponse, .opcodeMismatch, .questionCountMismatch, .questionNameMismatch,
             .questionTypeMismatch, .questionClassMismatch:
            true
        case .truncated, .errorResponseCode:
            false
        }
    }

    public var description: String {
        switch self {
        case .idMismatch(let query, let response):
            "response id \(Self.hex(response)) does not match query id \(Self.hex(query))"
        case .notAResponse:
            "message has QR clear: it is a query, not a response"
        case .opcodeMismatch(let query, let response):
            "response opcode \(response) does not match query opcode \(query)"
        case .questionCountMismatch(let query, let response):
            "response echoes \(response) question(s); the query asked \(query)"
        case .questionNameMismatch(let query, let response):
            "response question name \(response) does not match query name \(query)"
        case .questionTypeMismatch(let query, let response):
            "response question type \(response) does not match query type \(query)"
        case .questionClassMismatch(let query, let response):
            "response question class \(response) does not match query class \(query)"
        case .truncated:
            "response is truncated (TC set); repeat the query over TCP"
        case .errorResponseCode(let rcode):
            "server answered \(rcode)"
        }
    }

    /// `0x1234`: four lowercase hex digits, the way ids show in packet captures.
    private static func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 4 - digits.count) + digits
    }
}
