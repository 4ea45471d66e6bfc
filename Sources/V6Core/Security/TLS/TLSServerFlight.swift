/// Reads what a server answers to our ClientHello, as the bytes arrive: the record layer (handshake messages
/// fragmented over records or several in one, RFC 8446 §5.1), the ServerHello, the Certificate message while it is
/// still in clear (TLS 1.2), and alerts. It stops as soon as there is nothing more to learn in clear.
public struct TLSServerFlight: Sendable {
    public private(set) var serverHello: TLSServerHello?
    /// The chain in the order sent, leaf first (DER), under TLS 1.2.
    public private(set) var certificates: [[UInt8]] = []
    public private(set) var alert: TLSAlert?
    /// Nothing more to read: an alert came, the chain came, the server hello said TLS 1.3 (the rest is encrypted) or
    /// asked to retry, or the TLS 1.2 flight ended (ServerHelloDone).
    public private(set) var isComplete = false

    private var pending: [UInt8] = []
    private var handshake: [UInt8] = []
    private var received = 0

    /// The most a server may send before we give up on it; a chain is a few KiB, so this is generous.
    public static let byteLimit = 256 * 1024
    /// RFC 8446 §5.1: 2^14 plus expansion.
    static let recordLimit = 16_384 + 2048

    public init() {}

    /// Takes the next bytes from the connection. Throws when they are not TLS (an HTTP server on 443 answers with text).
    public mutating func append(_ bytes: [UInt8]) throws(TLSDecodeError) {
        guard !isComplete else { return }
        received += bytes.count
        guard received <= Self.byteLimit else { throw TLSDecodeError("more than \(Self.byteLimit) bytes without a complete answer") }
        pending += bytes
        var offset = 0
        defer { pending.removeFirst(offset) }
        while !isComplete, pending.count - offset >= 5 {
            let type = pending[offset]
            let major = pending[offset + 1]
            let length = Int(pending[offset + 3]) << 8 | Int(pending[offset + 4])
            guard (20...23).contains(type), major == 3 else {
                throw TLSDecodeError(Self.notTLS(pending[offset...]))
            }
            guard length <= Self.recordLimit else { throw TLSDecodeError("a record of \(length) bytes is longer than TLS allows") }
            guard pending.count - offset >= 5 + length else { break }
            let fragment = pending[(offset + 5)..<(offset + 5 + length)]
            offset += 5 + length
            try take(record: type, fragment)
        }
    }

    /// Says why the server's answer is no TLS record; a text answer is quoted (a plain HTTP server on 443).
    static func notTLS(_ bytes: ArraySlice<UInt8>) -> String {
        let head = bytes.prefix(24)
        if head.allSatisfy({ $0 == 0x0A || $0 == 0x0D || (0x20..<0x7F).contains($0) }) {
            let text = String(decoding: head, as: UTF8.self).split(whereSeparator: { $0 == "\r" || $0 == "\n" }).first.map(String.init) ?? ""
            return "not TLS: the server answered in text (\(String(reflecting: text)))"
        }
        return "not TLS: record type \(bytes[bytes.startIndex]) is none of TLS's"
    }

    private mutating func take(record type: UInt8, _ fragment: ArraySlice<UInt8>) throws(TLSDecodeError) {
        switch type {
        case 21:
            guard fragment.count >= 2 else { throw TLSDecodeError("an alert record of \(fragment.count) bytes") }
            alert = TLSAlert(level: fragment[fragment.startIndex], code: fragment[fragment.startIndex + 1])
            isComplete = true
        case 22:
            handshake += fragment
            try takeHandshakeMessages()
        case 20:
            break // change_cipher_spec (TLS 1.3 compatibility mode): nothing to read
        default:
            // Application data before the handshake ended in clear: encrypted handshake (TLS 1.3) we cannot read.
            if serverHello == nil { throw TLSDecodeError("application data before any ServerHello") }
            isComplete = true
        }
    }

    private mutating func takeHandshakeMessages() throws(TLSDecodeError) {
        while !isComplete, handshake.count >= 4 {
            let type = handshake[0]
            let length = Int(handshake[1]) << 16 | Int(handshake[2]) << 8 | Int(handshake[3])
            guard length <= Self.byteLimit else { throw TLSDecodeError("a handshake message of \(length) bytes") }
            guard handshake.count >= 4 + length else { return }
            let body = handshake[4..<(4 + length)]
            try take(message: type, body)
            handshake.removeFirst(4 + length)
        }
    }

    private mutating func take(message type: UInt8, _ body: ArraySlice<UInt8>) throws(TLSDecodeError) {
        switch type {
        case 2:
            guard serverHello == nil else { throw TLSDecodeError("a second ServerHello") }
            let hello = try TLSServerHello.decode(body)
            serverHello = hello
            if hello.version == 0x0304 || hello.isHelloRetryRequest { isComplete = true }
        case 11:
            guard serverHello != nil else { throw TLSDecodeError("a Certificate message before the ServerHello") }
            certificates = try Self.certificateList(body)
            isComplete = true
        case 14:
            isComplete = true // ServerHelloDone: the flight ended without a certificate (anonymous or PSK suites)
        default:
            guard serverHello != nil else { throw TLSDecodeError("handshake message \(type) before the ServerHello") }
        }
    }

    /// RFC 5246 §7.4.2: a 24-bit vector of 24-bit vectors of DER.
    static func certificateList(_ body: ArraySlice<UInt8>) throws(TLSDecodeError) -> [[UInt8]] {
        var r = TLSReader(body)
        var list = TLSReader(try r.vector24("certificate list"))
        var result: [[UInt8]] = []
        while !list.isAtEnd {
            let der = try list.vector24("certificate \(result.count + 1)")
            guard !der.isEmpty else { throw TLSDecodeError("certificate \(result.count + 1) is empty") }
            result.append(Array(der))
        }
        return result
    }
}
