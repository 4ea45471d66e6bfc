/// Writes ICMP and ICMPv6 echo requests into a buffer the caller owns, so a send loop reuses one buffer (or one per
/// `sendmmsg` slot) and allocates nothing per probe.
///
/// Layout (offsets from the start of the ICMP header, which is where a raw socket's send buffer starts):
/// ```
///  0  type (8 or 128)   1  code 0   2-3  checksum (ICMPv4: computed; ICMPv6: 0, the kernel fills it in)
///  4-5  identifier      6-7  sequence
///  8-15  run cookie (8 random bytes per run: replies carrying another cookie belong to another run)
///  16-17 payload size (the number of bytes after the ICMP header, so a truncated reply is recognised)
///  18... padding: byte i holds i & 0xFF (ping-like, easy to spot in a capture)
/// ```
public enum ICMPEchoEncoder {
    /// The ICMP echo header: type, code, checksum, identifier, sequence.
    public static let headerSize = 8
    /// The smallest payload that carries the cookie and the payload-size mark.
    public static let minimumPayloadSize = 10
    /// The largest payload: an IPv4 datagram of 65,535 bytes (IPv6 without jumbograms allows a little more, but one
    /// limit keeps the families alike).
    public static let maximumPayloadSize = 65_535 - 20 - headerSize
    /// The usual ping payload (56 bytes, an 84-byte IPv4 or 104-byte IPv6 packet).
    public static let defaultPayloadSize = 56

    /// The ICMP message size (header + payload), the number of bytes `encode` writes.
    public static func messageSize(payloadSize: Int) -> Int {
        headerSize + payloadSize
    }

    /// The payload size that makes the whole IP packet `packetSize` bytes (IPv4 header 20, IPv6 header 40), for path-MTU
    /// probes such as 1280 or 1500. Nil if that is outside the payload limits.
    public static func payloadSize(forPacketSize packetSize: Int, family: AddressFamily) -> Int? {
        let ipHeader = family == .v4 ? 20 : 40
        let payload = packetSize - ipHeader - headerSize
        guard (minimumPayloadSize...maximumPayloadSize).contains(payload) else { return nil }
        return payload
    }

    /// Writes an echo request at the start of `buffer` and returns its length (`messageSize(payloadSize:)`).
    ///
    /// - Precondition: `payloadSize` is within `minimumPayloadSize...maximumPayloadSize` and `buffer` holds
    ///   `messageSize(payloadSize:)` bytes.
    @discardableResult
    public static func encode(into buffer: UnsafeMutableRawBufferPointer, family: AddressFamily, identifier: UInt16,
                              sequence: UInt16, cookie: UInt64, payloadSize: Int = defaultPayloadSize) -> Int {
        precondition((minimumPayloadSize...maximumPayloadSize).contains(payloadSize),
                     "echo payload size \(payloadSize) is outside \(minimumPayloadSize)...\(maximumPayloadSize)")
        let length = messageSize(payloadSize: payloadSize)
        precondition(buffer.count >= length, "echo buffer holds \(buffer.count) bytes, the request needs \(length)")

        buffer.storeBytes(of: ICMPType.echoRequest(family), toByteOffset: 0, as: UInt8.self)
        buffer.storeBytes(of: 0, toByteOffset: 1, as: UInt8.self)
        buffer.storeBigEndian(UInt16(0), at: 2)
        buffer.storeBigEndian(identifier, at: 4)
        buffer.storeBigEndian(sequence, at: 6)
        buffer.storeBigEndian(cookie, at: 8)
        buffer.storeBigEndian(UInt16(payloadSize), at: 16)
        for index in 18..<length {
            buffer.storeBytes(of: UInt8(truncatingIfNeeded: index), toByteOffset: index, as: UInt8.self)
        }
        if family == .v4 {
            let checksum = InternetChecksum.checksum(UnsafeRawBufferPointer(rebasing: buffer[0..<length]))
            buffer.storeBigEndian(checksum, at: 2)
        }
        return length
    }

    /// Writes an echo request into a new array (for tests and one-off probes; the send loop should use the buffer form).
    public static func encode(family: AddressFamily, identifier: UInt16, sequence: UInt16, cookie: UInt64,
                              payloadSize: Int = defaultPayloadSize) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: messageSize(payloadSize: payloadSize)) { storage, initialized in
            initialized = encode(into: UnsafeMutableRawBufferPointer(storage), family: family, identifier: identifier,
                                 sequence: sequence, cookie: cookie, payloadSize: payloadSize)
        }
    }

    /// Rewrites the sequence number of a request already in `buffer` (written by `encode`), patching the ICMPv4
    /// checksum incrementally (RFC 1624) instead of summing the whole payload again: the fast path for re-sending a
    /// large probe template.
    public static func rewriteSequence(in buffer: UnsafeMutableRawBufferPointer, family: AddressFamily,
                                       sequence: UInt16) {
        precondition(buffer.count >= headerSize, "echo buffer holds \(buffer.count) bytes, less than a header")
        let readable = UnsafeRawBufferPointer(buffer)
        let old = readable.uint16(at: 6)
        buffer.storeBigEndian(sequence, at: 6)
        if family == .v4 {
            let checksum = InternetChecksum.updated(readable.uint16(at: 2), replacingWord: old, with: sequence)
            buffer.storeBigEndian(checksum, at: 2)
        }
    }
}
