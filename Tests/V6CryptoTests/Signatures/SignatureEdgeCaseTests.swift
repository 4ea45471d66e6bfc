import Testing
@testable import V6Crypto

/// RFC 8032 §7.1 Ed25519 vectors, and the malformed inputs Wycheproof checks for ECDSA and RSA: values out of
/// range, points off the curve, wrong lengths. Each must be rejected, never crash.
@Suite("Signatures: Ed25519 vectors and malformed inputs")
struct SignatureEdgeCaseTests {
    @Test("RFC 8032 test 1 (empty message) and test 2 (one byte) verify; a changed message does not")
    func ed25519() throws {
        let key1 = try #require(Ed25519PublicKey(Hex.bytes("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")))
        let signature1 = Hex.bytes("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")
        #expect(key1.verify(signature: signature1, message: []))
        #expect(!key1.verify(signature: signature1, message: [0]))
        let key2 = try #require(Ed25519PublicKey(Hex.bytes("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")))
        let signature2 = Hex.bytes("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")
        #expect(key2.verify(signature: signature2, message: [0x72]))
        #expect(!key2.verify(signature: signature2, message: [0x73]))
        #expect(!key1.verify(signature: signature2, message: [0x72]), "another key's signature")
        var highS = signature2
        highS[63] |= 0xf0
        #expect(!key2.verify(signature: highS, message: [0x72]), "S at or above the group order is rejected")
        #expect(!key2.verify(signature: Array(signature2.prefix(63)), message: [0x72]))
    }

    @Test("Ed25519 keys that are not points are refused")
    func ed25519BadKeys() {
        #expect(Ed25519PublicKey([UInt8](repeating: 0, count: 31)) == nil)
        // y = 2 has no x on edwards25519.
        #expect(Ed25519PublicKey([2] + [UInt8](repeating: 0, count: 31)) == nil)
        // y = p (not reduced) is refused.
        #expect(Ed25519PublicKey([0xed] + [UInt8](repeating: 0xff, count: 30) + [0x7f]) == nil)
    }

    @Test("ECDSA rejects r or s equal to zero or the order, wrong lengths, and points off the curve")
    func ecdsaMalformed() throws {
        let keyBytes = Hex.base64("GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edbkrSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA==")
        let key = try #require(ECDSAPublicKey(curve: .p256, dnskeyPublicKey: keyBytes))
        let order = Hex.bytes("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")
        let zero = [UInt8](repeating: 0, count: 32)
        let one = zero.dropLast() + [1]
        let message: [UInt8] = Array("abc".utf8)
        #expect(!key.verify(r: zero, s: Array(one), message: message, hash: .sha256))
        #expect(!key.verify(r: Array(one), s: zero, message: message, hash: .sha256))
        #expect(!key.verify(r: order, s: Array(one), message: message, hash: .sha256))
        #expect(!key.verify(r: Array(one), s: order, message: message, hash: .sha256))
        #expect(!key.verify(signature: [UInt8](repeating: 1, count: 63), message: message, hash: .sha256))
        var offCurve = keyBytes
        offCurve[63] ^= 1
        #expect(ECDSAPublicKey(curve: .p256, dnskeyPublicKey: offCurve) == nil)
        #expect(ECDSAPublicKey(curve: .p384, dnskeyPublicKey: keyBytes) == nil)
        #expect(ECDSAPublicKey(curve: .p256, dnskeyPublicKey: Array(keyBytes.prefix(40))) == nil)
    }

    @Test("RSA rejects a signature of the wrong length or at or above the modulus, and malformed keys")
    func rsaMalformed() throws {
        let keyBytes = Hex.base64("AwEAAcFcGsaxxdgiuuGmCkVImy4h99CqT7jwY3pexPGcnUFtR2Fh36BponcwtkZ4cAgtvd4Qs8PkxUdp6p/DlUmObdk=")
        let key = try #require(RSAPublicKey(dnskeyPublicKey: keyBytes))
        #expect(!key.verify(signature: [UInt8](repeating: 0xff, count: 64), message: [1], hash: .sha256))
        #expect(!key.verify(signature: [UInt8](repeating: 0x01, count: 63), message: [1], hash: .sha256))
        #expect(!key.verify(signature: key.modulus, message: [1], hash: .sha256))
        #expect(RSAPublicKey(dnskeyPublicKey: []) == nil)
        #expect(RSAPublicKey(dnskeyPublicKey: [0]) == nil)
        #expect(RSAPublicKey(dnskeyPublicKey: [5, 1, 0, 1]) == nil)
        #expect(RSAPublicKey(modulus: [UInt8](repeating: 0xfe, count: 64), exponent: [3]) == nil, "even modulus")
    }
}
