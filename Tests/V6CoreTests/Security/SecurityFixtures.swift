import Foundation
@testable import V6Core

/// Certificates made with `openssl ca -selfsign` (Fixtures/README.md says how); the expected fields and fingerprints
/// are what `openssl x509 -noout -dates -subject -fingerprint -sha256` printed for them.
enum SecurityFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The DER inside a PEM file of the fixtures.
    static func der(_ name: String) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else { return [] }
        let body = String(decoding: data, as: UTF8.self).split(separator: "\n")
            .filter { !$0.hasPrefix("-----") }.joined()
        return Data(base64Encoded: body).map { [UInt8]($0) } ?? []
    }

    /// A TLS record of `type` around `fragment`.
    static func record(_ type: UInt8, _ fragment: [UInt8], version: UInt16 = 0x0303) -> [UInt8] {
        [type, UInt8(version >> 8), UInt8(version & 0xFF), UInt8(fragment.count >> 8), UInt8(fragment.count & 0xFF)] + fragment
    }

    /// A handshake message: type, 24-bit length, body.
    static func handshake(_ type: UInt8, _ body: [UInt8]) -> [UInt8] {
        [type, UInt8(body.count >> 16), UInt8((body.count >> 8) & 0xFF), UInt8(body.count & 0xFF)] + body
    }

    /// A ServerHello body choosing `suite`, with supported_versions when `version` is TLS 1.3.
    static func serverHello(suite: UInt16, version: UInt16 = 0x0303, random: [UInt8] = [UInt8](repeating: 7, count: 32)) -> [UInt8] {
        var w = TLSWriter()
        w.u16(0x0303)
        w.bytes(random)
        w.vector8([UInt8](repeating: 1, count: 32))
        w.u16(suite)
        w.u8(0)
        w.vector16 { w in
            if version == 0x0304 {
                w.extensionBlock(0x002B) { w in w.u16(0x0304) }
                w.extensionBlock(0x0033) { w in w.u16(0x001D); w.vector16([UInt8](repeating: 9, count: 32)) }
            }
        }
        return w.bytes
    }

    /// A Certificate message body (TLS 1.2) carrying `chain`.
    static func certificateBody(_ chain: [[UInt8]]) -> [UInt8] {
        var inner: [UInt8] = []
        for der in chain { inner += [UInt8(der.count >> 16), UInt8((der.count >> 8) & 0xFF), UInt8(der.count & 0xFF)] + der }
        return [UInt8(inner.count >> 16), UInt8((inner.count >> 8) & 0xFF), UInt8(inner.count & 0xFF)] + inner
    }
}
