import Testing
@testable import V6Core

@Suite("Security: X.509 certificates")
struct X509CertificateTests {
    typealias F = SecurityFixtures

    @Test("subject, issuer, SAN DNS names, UTCTime validity and the fingerprint openssl shows")
    func leaf() throws {
        let certificate = try X509Certificate(der: F.der("leaf.pem"))
        #expect(certificate.subjectCommonName == "portal.vidu.example")
        #expect(certificate.subject == "CN=portal.vidu.example, O=Sở Thông tin và Truyền thông")
        #expect(certificate.issuer == certificate.subject)
        #expect(certificate.dnsNames == ["portal.vidu.example", "*.vidu.example"], "the IP entry is not a DNS name")
        #expect(certificate.notBefore.iso8601 == "2026-01-01T00:00:00Z")
        #expect(certificate.notAfter.iso8601 == "2027-01-01T12:00:00Z")
        #expect(certificate.fingerprint == "f7939d2b689099cdbe6f1560c582f752873a6f29a60f05f42872e8c6c235fc46")
    }

    @Test("GeneralizedTime after 2049, a leap day, and no extensions: the CN is the name")
    func generalized() throws {
        let certificate = try X509Certificate(der: F.der("generalized.pem"))
        #expect(certificate.notAfter.iso8601 == "2060-02-29T23:59:59Z")
        #expect(certificate.dnsNames.isEmpty)
        #expect(certificate.names == ["legacy.vidu.example"])
        #expect(certificate.covers("legacy.vidu.example"))
        #expect(certificate.fingerprint == "2448954226cb79c77f81abc85b388e137d579e4bd7d6ff69d67233e433743042")
    }

    @Test("names: exact, case and trailing dot ignored, one wildcard label only")
    func coverage() throws {
        let certificate = try X509Certificate(der: F.der("leaf.pem"))
        #expect(certificate.covers("portal.vidu.example"))
        #expect(certificate.covers("PORTAL.vidu.example."))
        #expect(certificate.covers("mail.vidu.example"))
        #expect(!certificate.covers("a.b.vidu.example"), "a wildcard matches one label")
        #expect(!certificate.covers("vidu.example"))
        #expect(!certificate.covers("portal.other.example"))
    }

    @Test("every truncation and a flipped length byte are errors, never a trap")
    func damaged() {
        let der = F.der("leaf.pem")
        #expect(!der.isEmpty)
        for length in stride(from: 0, to: der.count - 1, by: 7) {
            #expect(throws: X509Error.self) { try X509Certificate(der: Array(der.prefix(length))) }
        }
        var wrong = der
        wrong[1] = 0x80 // indefinite length
        #expect(throws: X509Error.self) { try X509Certificate(der: wrong) }
    }

    @Test("times: UTCTime years 50–99 are 19xx, non-UTC and impossible dates are refused")
    func times() throws {
        #expect(try CertificateTime(der: 0x17, Array("500101000000Z".utf8)[...]).iso8601 == "1950-01-01T00:00:00Z")
        #expect(try CertificateTime(der: 0x17, Array("491231235959Z".utf8)[...]).iso8601 == "2049-12-31T23:59:59Z")
        #expect(throws: X509Error.self) { try CertificateTime(der: 0x17, Array("260101000000+0700".utf8)[...]) }
        #expect(throws: X509Error.self) { try CertificateTime(der: 0x18, Array("20270229000000Z".utf8)[...]) }
        #expect(CertificateTime(iso8601: "2026-12-03T15:20:00Z")?.iso8601 == "2026-12-03T15:20:00Z")
        #expect(CertificateTime(iso8601: "1970-01-01T00:00:00Z")?.secondsSince1970 == 0)
    }
}
