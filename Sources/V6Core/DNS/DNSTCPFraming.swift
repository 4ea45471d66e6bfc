/// DNS over TCP puts a two-byte big-endian length before each message (RFC 1035 §4.2.2, RFC 7766 §8). These are the
/// pure halves of that framing; the sockets live in V6System.
public enum DNSTCPFraming {
    /// The message with its length prefix. Throws only for a message no prefix can describe (over 65,535 bytes),
    /// which `DNSMessageEncoder` never produces.
    public static func frame(_ message: [UInt8]) throws(DNSEncodeError) -> [UInt8] {
        guard message.count <= 65_535 else { throw .messageTooLarge(length: message.count) }
        var framed: [UInt8] = []
        framed.reserveCapacity(2 + message.count)
        framed.append(UInt8(truncatingIfNeeded: message.count >> 8))
        framed.append(UInt8(truncatingIfNeeded: message.count))
        framed.append(contentsOf: message)
        return framed
    }

    /// Collects bytes as they arrive from a stream, in pieces of any size, and hands out whole messages.
    /// Memory stays at what has been appended and not yet taken; a zero-length frame comes out as an empty message
    /// (which the decoder refuses as a truncated header).
    public struct Reader: Sendable {
        private var buffer: [UInt8] = []
        /// Where the unread bytes start in `buffer`; consumed bytes are dropped once they are the larger part.
        private var start = 0

        public init() {}

        public mutating func append(_ bytes: some Sequence<UInt8>) {
            buffer.append(contentsOf: bytes)
        }

        /// The next complete message, without its prefix, or nil until more bytes arrive.
        public mutating func nextMessage() -> [UInt8]? {
            guard buffer.count - start >= 2 else { return nil }
            let length = Int(buffer[start]) << 8 | Int(buffer[start + 1])
            guard buffer.count - start - 2 >= length else { return nil }
            let message = Array(buffer[(start + 2)..<(start + 2 + length)])
            start += 2 + length
            if start == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                start = 0
            } else if start > buffer.count / 2 {
                buffer.removeFirst(start)
                start = 0
            }
            return message
        }

        /// Bytes received but not yet returned as part of a message.
        public var bufferedByteCount: Int { buffer.count - start }

        /// True when no partial message is held, so the peer closing the connection now lost nothing.
        public var isAtMessageBoundary: Bool { buffer.count == start }
    }
}
