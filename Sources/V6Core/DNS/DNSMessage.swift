/// A whole DNS message (RFC 1035 §4.1): header flags, then the question, answer, authority and additional sections.
/// Queries and responses are the same type, so tests and a test responder can build either.
public struct DNSMessage: Hashable, Sendable {
    /// Matches a response to its query; a resolver must pick it at random (RFC 5452).
    public var id: UInt16
    /// QR: set in responses.
    public var isResponse: Bool
    public var opcode: DNSOpcode
    /// AA: the answer comes from a server authoritative for the zone.
    public var isAuthoritative: Bool
    /// TC: the response did not fit; ask again over TCP.
    public var isTruncated: Bool
    /// RD: the client asks the server to recurse.
    public var recursionDesired: Bool
    /// RA: the server offers recursion.
    public var recursionAvailable: Bool
    /// AD: the server validated the data with DNSSEC (RFC 4035 §3.2.3).
    public var authenticData: Bool
    /// CD: the client asks the server not to validate (RFC 4035 §3.2.2).
    public var checkingDisabled: Bool
    /// The full 12-bit response code: the header's 4 bits plus the OPT record's extended RCODE.
    public var rcode: DNSResponseCode
    public var questions: [DNSQuestion]
    public var answers: [DNSRecord]
    public var authority: [DNSRecord]
    public var additional: [DNSRecord]

    public init(
        id: UInt16, isResponse: Bool = false, opcode: DNSOpcode = .query, isAuthoritative: Bool = false,
        isTruncated: Bool = false, recursionDesired: Bool = false, recursionAvailable: Bool = false,
        authenticData: Bool = false, checkingDisabled: Bool = false, rcode: DNSResponseCode = .noError,
        questions: [DNSQuestion] = [], answers: [DNSRecord] = [], authority: [DNSRecord] = [],
        additional: [DNSRecord] = []
    ) {
        self.id = id
        self.isResponse = isResponse
        self.opcode = opcode
        self.isAuthoritative = isAuthoritative
        self.isTruncated = isTruncated
        self.recursionDesired = recursionDesired
        self.recursionAvailable = recursionAvailable
        self.authenticData = authenticData
        self.checkingDisabled = checkingDisabled
        self.rcode = rcode
        self.questions = questions
        self.answers = answers
        self.authority = authority
        self.additional = additional
    }

    /// A standard query for one name and type, as stub resolvers send it: RD set by default, and an EDNS0 OPT record
    /// advertising `ednsPayloadSize` when given (1232 is the DNS Flag Day 2020 value that avoids fragmentation).
    public static func query(
        id: UInt16, name: DNSName, type: DNSRecordType, recordClass: DNSClass = .internet,
        recursionDesired: Bool = true, ednsPayloadSize: UInt16? = nil, dnssecOK: Bool = false
    ) -> DNSMessage {
        DNSMessage(
            id: id, recursionDesired: recursionDesired,
            questions: [DNSQuestion(name: name, type: type, recordClass: recordClass)],
            additional: ednsPayloadSize.map { [DNSRecord.opt(udpPayloadSize: $0, dnssecOK: dnssecOK)] } ?? [])
    }

    /// The skeleton of a response to `query`: same id, opcode, RD flag and question, QR set, sections empty.
    /// The caller adds records, flags and an OPT record (if the query had one, RFC 6891 says to answer with one).
    public static func response(to query: DNSMessage, rcode: DNSResponseCode = .noError) -> DNSMessage {
        DNSMessage(
            id: query.id, isResponse: true, opcode: query.opcode, recursionDesired: query.recursionDesired,
            checkingDisabled: query.checkingDisabled, rcode: rcode, questions: query.questions)
    }

    /// The EDNS0 OPT pseudo-record, if the message carries one (it lives in the additional section).
    public var optRecord: DNSRecord? {
        additional.first { $0.type == .opt }
    }

    /// The largest UDP response the sender can take, from its OPT record; nil without EDNS0 (then 512 applies).
    public var ednsPayloadSize: UInt16? {
        if case .opt(let size, _, _, _, _)? = optRecord?.data { return size }
        return nil
    }

    /// The records of one section (the question section has none: use `questions`).
    public func records(in section: DNSSection) -> [DNSRecord] {
        switch section {
        case .question: []
        case .answer: answers
        case .authority: authority
        case .additional: additional
        }
    }
}
