import Foundation
import Testing
@testable import V6Crypto

/// The example signatures published in RFC 5702 §6 (RSA/SHA-256 and RSA/SHA-512) and RFC 6605 §6 (ECDSA P-256 and
/// P-384), each over www.example.net A, verified with the published keys; then the same data changed by one bit.
@Suite("Signatures: RFC 5702 and RFC 6605 DNSSEC examples")
struct DNSSECSignatureVectorTests {
    static func epoch(_ text: String) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let digits = Array(text.utf8).map { Int($0) - 48 }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + digits[$1] } }
        let components = DateComponents(year: number(0..<4), month: number(4..<6), day: number(6..<8),
                                        hour: number(8..<10), minute: number(10..<12), second: number(12..<14))
        return Int(calendar.date(from: components)!.timeIntervalSince1970)
    }

    static func data(algorithm: Int, expiration: String, inception: String, keyTag: Int, address: [UInt8]) -> [UInt8] {
        RRSIGSignedData.bytes(.init(typeCovered: 1, algorithm: algorithm, labels: 3, ttl: 3600,
                                    expiration: epoch(expiration), inception: epoch(inception), keyTag: keyTag,
                                    signer: "example.net", owner: "www.example.net", rdata: address))
    }

    static func flipped(_ bytes: [UInt8]) -> [UInt8] {
        var copy = bytes
        copy[copy.count - 1] ^= 1
        return copy
    }

    @Test("RFC 6605 §6.1: ECDSA P-256 with SHA-256, key tag 55648")
    func p256() throws {
        let key = try #require(ECDSAPublicKey(curve: .p256, dnskeyPublicKey: Hex.base64(
            "GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edbkrSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA==")))
        let signature = Hex.base64("qx6wLYqmh+l9oCKTN6qIc+bw6ya+KJ8oMz0YP107epXAyGmt+3SNruPFKG7tZoLBLlUzGGus7ZwmwWep666VCw==")
        let signed = Self.data(algorithm: 13, expiration: "20100909100439", inception: "20100812100439",
                               keyTag: 55648, address: [192, 0, 2, 1])
        let start = Date()
        #expect(key.verify(signature: signature, message: signed, hash: .sha256))
        let elapsed = Date().timeIntervalSince(start)
        print("P-256 verify took \(Int(elapsed * 1000)) ms")
        #expect(!key.verify(signature: signature, message: Self.flipped(signed), hash: .sha256))
    }

    @Test("RFC 6605 §6.2: ECDSA P-384 with SHA-384, key tag 10771")
    func p384() throws {
        let key = try #require(ECDSAPublicKey(curve: .p384, dnskeyPublicKey: Hex.base64(
            "xKYaNhWdGOfJ+nPrL8/arkwf2EY3MDJ+SErKivBVSum1w/egsXvSADtNJhyem5RCOpgQ6K8X1DRSEkrbYQ+OB+v8/uX45NBwY8rp65F6Glur8I/mlVNgF6W/qTI37m40")))
        let signature = Hex.base64(
            "/L5hDKIvGDyI1fcARX3z65qrmPsVz73QD1Mr5CEqOiLP95hxQouuroGCeZOvzFaxsT8Glr74hbavRKayJNuydCuzWTSSPdz7wnqXL5bdcJzusdnI0RSMROxxwGipWcJm")
        let signed = Self.data(algorithm: 14, expiration: "20100909102025", inception: "20100812102025",
                               keyTag: 10771, address: [192, 0, 2, 1])
        #expect(key.verify(signature: signature, message: signed, hash: .sha384))
        #expect(!key.verify(signature: signature, message: Self.flipped(signed), hash: .sha384))
    }

    @Test("RFC 5702 §6.1: RSA/SHA-256, 512-bit key, key tag 9033")
    func rsaSHA256() throws {
        let key = try #require(RSAPublicKey(dnskeyPublicKey: Hex.base64(
            "AwEAAcFcGsaxxdgiuuGmCkVImy4h99CqT7jwY3pexPGcnUFtR2Fh36BponcwtkZ4cAgtvd4Qs8PkxUdp6p/DlUmObdk=")))
        #expect(key.bitLength == 512)
        let signature = Hex.base64("kRCOH6u7l0QGy9qpC9l1sLncJcOKFLJ7GhiUOibu4teYp5VE9RncriShZNz85mwlMgNEacFYK/lPtPiVYP4bwg==")
        let signed = Self.data(algorithm: 8, expiration: "20300101000000", inception: "20000101000000",
                               keyTag: 9033, address: [192, 0, 2, 91])
        #expect(key.verify(signature: signature, message: signed, hash: .sha256))
        #expect(!key.verify(signature: signature, message: Self.flipped(signed), hash: .sha256))
        #expect(!key.verify(signature: signature, message: signed, hash: .sha512), "the wrong hash must not verify")
    }

    @Test("RFC 5702 §6.2: RSA/SHA-512, 1024-bit key, key tag 3740")
    func rsaSHA512() throws {
        let key = try #require(RSAPublicKey(dnskeyPublicKey: Hex.base64(
            "AwEAAdHoNTOW+et86KuJOWRDp1pndvwb6Y83nSVXXyLA3DLroROUkN6X0O6pnWnjJQujX/AyhqFDxj13tOnD9u/1kTg7cV6rklMrZDtJCQ5PCl/D7QNPsgVsMu1J2Q8gpMpztNFLpPBz1bWXjDtaR7ZQBlZ3PFY12ZTSncorffcGmhOL")))
        let signature = Hex.base64(
            "tsb4wnjRUDnB1BUi+t6TMTXThjVnG+eCkWqjvvjhzQL1d0YRoOe0CbxrVDYd0xDtsuJRaeUw1ep94PzEWzr0iGYgZBWm/zpq+9fOuagYJRfDqfReKBzMweOLDiNa8iP5g9vMhpuv6OPlvpXwm9Sa9ZXIbNl1MBGk0fthPgxdDLw=")
        let signed = Self.data(algorithm: 10, expiration: "20300101000000", inception: "20000101000000",
                               keyTag: 3740, address: [192, 0, 2, 91])
        #expect(key.verify(signature: signature, message: signed, hash: .sha512))
        #expect(!key.verify(signature: signature, message: Self.flipped(signed), hash: .sha512))
    }
}
