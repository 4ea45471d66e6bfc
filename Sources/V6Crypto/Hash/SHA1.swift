/// SHA-1 (FIPS 180-4 §6.1). Broken for collisions, but DNSSEC still meets it in DS digest type 1, RSA/SHA-1
/// signatures and NSEC3 owner hashes, and certificate tooling still prints SHA-1 fingerprints.
public struct SHA1: HashFunction {
    public static let digestSize = 20
    private var engine = MerkleDamgard<SHA1Compressor>()

    public init() {}

    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 { engine.update(bytes) }

    public mutating func finalize() -> [UInt8] { engine.finalize() }
}

struct SHA1Compressor: BlockCompressor {
    static let blockSize = 64
    static let lengthFieldSize = 8
    private var state: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
    private var schedule = [UInt32](repeating: 0, count: 80)

    init() {}

    var digestBytes: [UInt8] { BigEndianWords.bytes(state) }

    mutating func compress(_ block: UnsafeBufferPointer<UInt8>, at offset: Int) {
        for t in 0..<16 { schedule[t] = BigEndianWords.word32(block, offset + 4 * t) }
        for t in 16..<80 {
            let mixed = schedule[t - 3] ^ schedule[t - 8] ^ schedule[t - 14] ^ schedule[t - 16]
            schedule[t] = mixed << 1 | mixed >> 31
        }
        var a = state[0], b = state[1], c = state[2], d = state[3], e = state[4]
        for t in 0..<80 {
            let f: UInt32
            let k: UInt32
            switch t {
            case 0..<20: f = (b & c) | (~b & d); k = 0x5A82_7999
            case 20..<40: f = b ^ c ^ d; k = 0x6ED9_EBA1
            case 40..<60: f = (b & c) | (b & d) | (c & d); k = 0x8F1B_BCDC
            default: f = b ^ c ^ d; k = 0xCA62_C1D6
            }
            let temp = (a << 5 | a >> 27) &+ f &+ e &+ k &+ schedule[t]
            e = d; d = c; c = b << 30 | b >> 2; b = a; a = temp
        }
        state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d; state[4] &+= e
    }
}
