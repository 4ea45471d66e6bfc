/// The first flight of a TLS client, enough to make a server show its version, cipher and (under TLS 1.2) its
/// certificate chain. We never finish the handshake, so the X25519 key share may be any 32 bytes (RFC 7748 accepts
/// every string as a public key); the caller passes random bytes so the encoder stays pure.
public struct TLSClientHello: Sendable, Equatable {
    /// The name sent as SNI (RFC 6066); nil for an address-only probe.
    public var serverName: String?
    /// 32 bytes: the hello's random.
    public var random: [UInt8]
    /// 32 bytes: the legacy session id (RFC 8446 §D.4 middlebox compatibility).
    public var sessionID: [UInt8]
    /// 32 bytes: the X25519 key share.
    public var keyShare: [UInt8]
    /// False: a TLS 1.2-only hello (no supported_versions, no key share, no TLS 1.3 suites), sent to a server that
    /// chose TLS 1.3 so that it shows its certificate in clear — or refuses, being TLS 1.3 only.
    public var offersTLS13: Bool

    public init(serverName: String?, random: [UInt8], sessionID: [UInt8], keyShare: [UInt8], offersTLS13: Bool = true) {
        self.serverName = serverName
        self.offersTLS13 = offersTLS13
        self.random = Self.exactly32(random)
        self.sessionID = Self.exactly32(sessionID)
        self.keyShare = Self.exactly32(keyShare)
    }

    /// TLS 1.3 suites first, then the ECDHE and RSA suites TLS 1.2 servers commonly have.
    public static let cipherSuites: [UInt16] = [
        0x1301, 0x1302, 0x1303,
        0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8,
        0xC009, 0xC013, 0xC00A, 0xC014, 0x009C, 0x009D, 0x002F, 0x0035,
    ]
    /// x25519, secp256r1, secp384r1.
    public static let groups: [UInt16] = [0x001D, 0x0017, 0x0018]
    /// ecdsa_secp256r1_sha256, rsa_pss_rsae_sha256, rsa_pkcs1_sha256, the same at 384 and 512, rsa_pkcs1_sha1.
    public static let signatureAlgorithms: [UInt16] = [0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601, 0x0201]

    /// The whole TLS record carrying the ClientHello, ready to send.
    public var record: [UInt8] {
        var body = TLSWriter()
        body.u16(0x0303)                       // legacy_version: TLS 1.2
        body.bytes(random)
        body.vector8(sessionID)
        body.vector16 { w in for suite in Self.cipherSuites where offersTLS13 || suite >> 8 != 0x13 { w.u16(suite) } }
        body.vector8([0])                      // compression: null only
        body.vector16 { w in
            if let serverName, let name = Self.sniName(serverName) {
                w.extensionBlock(0x0000) { w in
                    w.vector16 { w in w.u8(0); w.vector16(Array(name.utf8)) }
                }
            }
            w.extensionBlock(0x000A) { w in w.vector16 { w in for group in Self.groups { w.u16(group) } } }
            w.extensionBlock(0x000B) { w in w.vector8([0]) }                  // ec_point_formats: uncompressed
            w.extensionBlock(0x000D) { w in w.vector16 { w in for a in Self.signatureAlgorithms { w.u16(a) } } }
            w.extensionBlock(0xFF01) { w in w.vector8([]) }                  // renegotiation_info, empty
            guard offersTLS13 else { return }
            w.extensionBlock(0x002B) { w in w.vector8([0x03, 0x04, 0x03, 0x03]) } // supported_versions: 1.3, 1.2
            w.extensionBlock(0x002D) { w in w.vector8([1]) }                  // psk_key_exchange_modes: psk_dhe_ke
            w.extensionBlock(0x0033) { w in
                w.vector16 { w in w.u16(0x001D); w.vector16(keyShare) }
            }
        }
        var handshake = TLSWriter()
        handshake.u8(1)                        // client_hello
        handshake.u24(body.bytes.count)
        handshake.bytes(body.bytes)
        var record = TLSWriter()
        record.u8(22)                          // handshake
        record.u16(0x0301)                     // record version as clients send it
        record.vector16(handshake.bytes)
        return record.bytes
    }

    /// SNI carries host names only, without a trailing dot; an address literal is not sent (RFC 6066 §3).
    static func sniName(_ name: String) -> String? {
        var name = name
        if name.hasSuffix(".") { name.removeLast() }
        guard !name.isEmpty, name.utf8.count <= 255, IPAddress(name) == nil,
              name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return name
    }

    private static func exactly32(_ bytes: [UInt8]) -> [UInt8] {
        bytes.count >= 32 ? Array(bytes.prefix(32)) : bytes + [UInt8](repeating: 0, count: 32 - bytes.count)
    }
}

/// Big-endian writer with TLS's length-prefixed vectors.
struct TLSWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ value: UInt8) { bytes.append(value) }
    mutating func u16(_ value: UInt16) { bytes += [UInt8(value >> 8), UInt8(value & 0xFF)] }
    mutating func u24(_ value: Int) { bytes += [UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)] }
    mutating func bytes(_ more: [UInt8]) { bytes += more }
    mutating func vector8(_ content: [UInt8]) { u8(UInt8(content.count)); bytes += content }
    mutating func vector16(_ content: [UInt8]) { u16(UInt16(content.count)); bytes += content }
    mutating func vector16(_ build: (inout TLSWriter) -> Void) {
        var inner = TLSWriter()
        build(&inner)
        vector16(inner.bytes)
    }
    mutating func extensionBlock(_ type: UInt16, _ build: (inout TLSWriter) -> Void) {
        u16(type)
        vector16(build)
    }
}
