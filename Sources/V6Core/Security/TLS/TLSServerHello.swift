/// What a server chose in its ServerHello (RFC 8446 §4.1.3, RFC 5246 §7.4.1.3).
public struct TLSServerHello: Sendable, Equatable {
    /// The negotiated version: supported_versions when present (TLS 1.3), else legacy_version.
    public var version: UInt16
    public var cipherSuite: UInt16
    /// A HelloRetryRequest (its random is the fixed SHA-256 of "HelloRetryRequest"): the server wants another key share.
    public var isHelloRetryRequest: Bool
    /// The key-share group the server picked (TLS 1.3), when it said.
    public var keyShareGroup: UInt16?

    public init(version: UInt16, cipherSuite: UInt16, isHelloRetryRequest: Bool = false, keyShareGroup: UInt16? = nil) {
        self.version = version
        self.cipherSuite = cipherSuite
        self.isHelloRetryRequest = isHelloRetryRequest
        self.keyShareGroup = keyShareGroup
    }

    /// RFC 8446 §4.1.3.
    static let helloRetryRandom: [UInt8] = [
        0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
        0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
    ]

    /// Decodes a ServerHello body (after the 4-byte handshake header).
    static func decode(_ body: ArraySlice<UInt8>) throws(TLSDecodeError) -> TLSServerHello {
        var r = TLSReader(body)
        let legacy = try r.u16("ServerHello version")
        let random = try r.bytes(32, "ServerHello random")
        _ = try r.vector8("ServerHello session id")
        let suite = try r.u16("ServerHello cipher suite")
        _ = try r.u8("ServerHello compression")
        var hello = TLSServerHello(version: legacy, cipherSuite: suite,
                                   isHelloRetryRequest: Array(random) == helloRetryRandom)
        guard !r.isAtEnd else { return hello }
        var extensions = TLSReader(try r.vector16("ServerHello extensions"))
        while !extensions.isAtEnd {
            let type = try extensions.u16("extension type")
            var data = TLSReader(try extensions.vector16("extension \(type)"))
            switch type {
            case 0x002B:
                hello.version = try data.u16("supported_versions")
            case 0x0033:
                hello.keyShareGroup = try data.u16("key_share group")
            default:
                break
            }
        }
        return hello
    }
}

/// A TLS alert the server sent (RFC 8446 §6).
public struct TLSAlert: Sendable, Equatable, CustomStringConvertible {
    public var level: UInt8
    public var code: UInt8
    public init(level: UInt8, code: UInt8) { self.level = level; self.code = code }
    public var isFatal: Bool { level == 2 }
    public var description: String { "\(isFatal ? "fatal" : "warning") alert \(TLSNames.alert(code)) (\(code))" }
}

/// Why the server's bytes are not the TLS they should be; `message` says where.
public struct TLSDecodeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Bounds-checked big-endian reads over a slice; every read names what it reads, for the error.
struct TLSReader {
    private var data: ArraySlice<UInt8>
    init(_ data: ArraySlice<UInt8>) { self.data = data }

    var isAtEnd: Bool { data.isEmpty }
    var remaining: Int { data.count }

    mutating func u8(_ what: String) throws(TLSDecodeError) -> UInt8 {
        guard let byte = data.first else { throw TLSDecodeError("\(what): truncated") }
        data = data.dropFirst()
        return byte
    }

    mutating func u16(_ what: String) throws(TLSDecodeError) -> UInt16 {
        let b = try bytes(2, what)
        return UInt16(b[b.startIndex]) << 8 | UInt16(b[b.startIndex + 1])
    }

    mutating func u24(_ what: String) throws(TLSDecodeError) -> Int {
        let b = try bytes(3, what)
        return Int(b[b.startIndex]) << 16 | Int(b[b.startIndex + 1]) << 8 | Int(b[b.startIndex + 2])
    }

    mutating func bytes(_ count: Int, _ what: String) throws(TLSDecodeError) -> ArraySlice<UInt8> {
        guard count <= data.count else { throw TLSDecodeError("\(what): \(count) bytes announced, \(data.count) left") }
        let result = data.prefix(count)
        data = data.dropFirst(count)
        return result
    }

    mutating func vector8(_ what: String) throws(TLSDecodeError) -> ArraySlice<UInt8> {
        try bytes(Int(try u8(what)), what)
    }

    mutating func vector16(_ what: String) throws(TLSDecodeError) -> ArraySlice<UInt8> {
        try bytes(Int(try u16(what)), what)
    }

    mutating func vector24(_ what: String) throws(TLSDecodeError) -> ArraySlice<UInt8> {
        try bytes(try u24(what), what)
    }
}
