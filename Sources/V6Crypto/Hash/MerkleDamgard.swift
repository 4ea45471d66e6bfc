/// Buffering and FIPS 180-4 §5.1 padding shared by every SHA: whole blocks go straight to the compressor, the tail
/// waits in `pending` until more bytes or `finalize()`.
struct MerkleDamgard<Compressor: BlockCompressor>: Sendable {
    private var compressor = Compressor()
    private var pending: [UInt8] = []
    private var byteCount: UInt64 = 0

    init() {
        pending.reserveCapacity(Compressor.blockSize)
    }

    mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let incoming = Array(bytes)
        byteCount &+= UInt64(incoming.count)
        let blockSize = Compressor.blockSize
        var start = 0
        if !pending.isEmpty {
            let take = min(blockSize - pending.count, incoming.count)
            pending.append(contentsOf: incoming[0..<take])
            start = take
            guard pending.count == blockSize else { return }
            pending.withUnsafeBufferPointer { compressor.compress($0, at: 0) }
            pending.removeAll(keepingCapacity: true)
        }
        let wholeEnd = start + (incoming.count - start) / blockSize * blockSize
        if wholeEnd > start {
            incoming.withUnsafeBufferPointer { buffer in
                var offset = start
                while offset < wholeEnd {
                    compressor.compress(buffer, at: offset)
                    offset += blockSize
                }
            }
        }
        pending.append(contentsOf: incoming[wholeEnd...])
    }

    mutating func finalize() -> [UInt8] {
        let blockSize = Compressor.blockSize
        let lengthSize = Compressor.lengthFieldSize
        let bitCount = byteCount &* 8
        var tail = pending
        tail.append(0x80)
        while (tail.count + lengthSize) % blockSize != 0 { tail.append(0) }
        // Messages here are far below 2^64 bits, so the upper half of a 128-bit length field stays zero.
        tail.append(contentsOf: [UInt8](repeating: 0, count: lengthSize - 8))
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitCount >> UInt64(shift))) }
        tail.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                compressor.compress(buffer, at: offset)
                offset += blockSize
            }
        }
        pending.removeAll()
        return compressor.digestBytes
    }
}

/// Big-endian serialisation of chaining words, shared by the compressors.
enum BigEndianWords {
    static func bytes(_ words: [UInt32]) -> [UInt8] {
        words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * UInt32($0))) } }
    }

    static func bytes(_ words: [UInt64]) -> [UInt8] {
        words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (56 - 8 * UInt64($0))) } }
    }

    @inline(__always)
    static func word32(_ block: UnsafeBufferPointer<UInt8>, _ index: Int) -> UInt32 {
        UInt32(block[index]) << 24 | UInt32(block[index + 1]) << 16 | UInt32(block[index + 2]) << 8 | UInt32(block[index + 3])
    }

    @inline(__always)
    static func word64(_ block: UnsafeBufferPointer<UInt8>, _ index: Int) -> UInt64 {
        UInt64(word32(block, index)) << 32 | UInt64(word32(block, index + 4))
    }
}
