/// A cryptographic hash that digests bytes incrementally (SHA-1, SHA-256, SHA-384, SHA-512).
///
/// DNSSEC (DS digests, RRSIG verification, NSEC3 owner hashes) and certificate fingerprints need these without any
/// package, so the project carries its own FIPS 180-4 implementations.
public protocol HashFunction: Sendable {
    /// Length of the digest in bytes.
    static var digestSize: Int { get }
    init()
    /// Feeds more message bytes.
    mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8
    /// Pads the message and returns the digest; the value must not be updated afterwards.
    mutating func finalize() -> [UInt8]
}

extension HashFunction {
    /// The digest of `bytes` in one call.
    public static func digest<Bytes: Sequence>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var hasher = Self()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of a string's UTF-8 bytes.
    public static func digest(utf8 text: String) -> [UInt8] {
        digest(Array(text.utf8))
    }
}
