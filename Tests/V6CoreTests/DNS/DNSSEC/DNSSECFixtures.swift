@testable import V6Core

/// The RFC 6605 §6.1 example (example.net, ECDSA P-256, key tag 55648) as DNS values.
enum DNSSECFixtures {
    static func name(_ text: String) -> DNSName { DNSName(text)! }

    static let p256Key = DNSKEYData(flags: 257, algorithm: 13, publicKey: Base64.decode(
        "GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edbkrSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA==")!)
    static let p384Key = DNSKEYData(flags: 257, algorithm: 14, publicKey: Base64.decode(
        "xKYaNhWdGOfJ+nPrL8/arkwf2EY3MDJ+SErKivBVSum1w/egsXvSADtNJhyem5RCOpgQ6K8X1DRSEkrbYQ+OB+v8/uX45NBwY8rp65F6Glur8I/mlVNgF6W/qTI37m40")!)

    static let wwwA = DNSRecord(name: name("www.example.net"), ttl: 3600, data: .a(IPv4Address("192.0.2.1")!))

    static let p256Signature = RRSIGData(
        typeCovered: .a, algorithm: 13, labels: 3, originalTTL: 3600,
        expiration: DNSSECTime.parse("20100909100439")!, inception: DNSSECTime.parse("20100812100439")!,
        keyTag: 55648, signerName: name("example.net"),
        signature: Base64.decode("qx6wLYqmh+l9oCKTN6qIc+bw6ya+KJ8oMz0YP107epXAyGmt+3SNruPFKG7tZoLBLlUzGGus7ZwmwWep666VCw==")!)

    /// An instant inside the signature's validity.
    static let during = DNSSECTime.parse("20100820000000")!
}
