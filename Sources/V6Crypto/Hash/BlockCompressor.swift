/// The compression function of a Merkle–Damgård hash: its chaining state and how one block updates it.
protocol BlockCompressor: Sendable {
    /// Block size in bytes: 64 for SHA-1/SHA-256, 128 for SHA-384/SHA-512.
    static var blockSize: Int { get }
    /// Bytes of the big-endian message-length field in the padding: 8 or 16.
    static var lengthFieldSize: Int { get }
    init()
    /// Mixes one block (exactly `blockSize` bytes starting at `offset`) into the state.
    mutating func compress(_ block: UnsafeBufferPointer<UInt8>, at offset: Int)
    /// The state as big-endian bytes, truncated to the digest size.
    var digestBytes: [UInt8] { get }
}
