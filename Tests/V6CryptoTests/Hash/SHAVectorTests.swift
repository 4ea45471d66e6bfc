import Testing
@testable import V6Crypto

/// FIPS 180-2 appendix examples ("abc", the 448- and 896-bit messages, one million 'a') and NIST CAVP
/// SHA*ShortMsg.rsp entries.
@Suite("SHA: FIPS 180 examples and NIST CAVP vectors")
struct SHAVectorTests {
    static let two448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    static let two896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"

    @Test("SHA-1 examples")
    func sha1() {
        #expect(Hex.string(SHA1.digest(utf8: "")) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(Hex.string(SHA1.digest(utf8: "abc")) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(Hex.string(SHA1.digest(utf8: Self.two448)) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        #expect(Hex.string(SHA1.digest([0x36])) == "c1dfd96eea8cc2b62785275bca38ac261256e278")
    }

    @Test("SHA-256 examples and CAVP short messages")
    func sha256() {
        #expect(Hex.string(SHA256.digest(utf8: "")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Hex.string(SHA256.digest(utf8: "abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Hex.string(SHA256.digest(utf8: Self.two448)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(Hex.string(SHA256.digest(utf8: Self.two896)) == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        #expect(Hex.string(SHA256.digest([0xd3])) == "28969cdfa74a12c82f3bad960b0b000aca2ac329deea5c2328ebc6f2ba9802c1")
        #expect(Hex.string(SHA256.digest([0x11, 0xaf])) == "5ca7133fa735326081558ac312c620eeca9970d1e70a4b95533d956f072d1f98")
        #expect(Hex.string(SHA256.digest(Hex.bytes("74cb9381d89f5aa73368")))
            == "73d6fad1caaa75b43b21733561fd3958bdc555194a037c2addec19dc2d7a52bd")
    }

    @Test("SHA-384 examples and a CAVP short message")
    func sha384() {
        #expect(Hex.string(SHA384.digest(utf8: "abc"))
            == "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")
        #expect(Hex.string(SHA384.digest(utf8: Self.two896))
            == "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039")
        #expect(Hex.string(SHA384.digest([0x45]))
            == "175806a86d07e809e30caaaa915c0babfe938800262bc9556408a54306ce48dd71923ce40a48bb2f0496ca53d3b84904")
    }

    @Test("SHA-512 examples and a CAVP short message")
    func sha512() {
        #expect(Hex.string(SHA512.digest(utf8: "abc")) == "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
        #expect(Hex.string(SHA512.digest(utf8: Self.two896)) == "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909")
        #expect(Hex.string(SHA512.digest([0x21])) == "3831a6a6155e509dee59a7f451eb35324d8f8f2df6e3708894740f98fdee23889f4de5adb0c5010dfb555cda77c8ab5dc902094c52de3278f35a75ebc25f093a")
    }

    @Test("one million 'a', fed in uneven pieces")
    func millionA() {
        let piece = [UInt8](repeating: 0x61, count: 999)
        func million<H: HashFunction>(_: H.Type) -> String {
            var hasher = H()
            var fed = 0
            while fed < 1_000_000 {
                let count = min(piece.count, 1_000_000 - fed)
                hasher.update(piece[0..<count])
                fed += count
            }
            return Hex.string(hasher.finalize())
        }
        #expect(million(SHA1.self) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
        #expect(million(SHA256.self) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(million(SHA384.self) == "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985")
        #expect(million(SHA512.self) == "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b")
    }

    @Test("splitting a message at every point around the block boundaries gives the same digest")
    func incrementalMatchesOneShot() {
        let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        for length in [55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 300] {
            let whole = Array(message[0..<length])
            let reference256 = SHA256.digest(whole), reference512 = SHA512.digest(whole)
            for split in stride(from: 0, through: length, by: 7) {
                var a = SHA256(), b = SHA512()
                a.update(whole[0..<split]); a.update(whole[split...])
                b.update(whole[0..<split]); b.update(whole[split...])
                #expect(a.finalize() == reference256, "SHA-256 length \(length) split \(split)")
                #expect(b.finalize() == reference512, "SHA-512 length \(length) split \(split)")
            }
        }
    }
}
