import Testing
@testable import V6Core

/// RRset verification and its reasons on the RFC 6605 example signature; the chain walk on answers built here.
@Suite("DNSSEC validation: reasons and the chain walk")
struct DNSSECValidatorTests {
    let owner = DNSSECFixtures.name("example.net")

    func check(now: UInt32, keys: [DNSKEYData] = [DNSSECFixtures.p256Key], records: [DNSRecord] = [DNSSECFixtures.wwwA],
               signer: String = "example.net") -> DNSSECRRsetCheck.Outcome {
        DNSSECRRsetCheck.verify(records: records, signatures: [DNSSECFixtures.p256Signature], keys: keys,
                                signer: DNSSECFixtures.name(signer), now: now)
    }

    @Test("the RFC 6605 signature is valid during its window, expired after, not yet valid before")
    func window() {
        #expect(check(now: DNSSECFixtures.during) == .valid(keyTag: 55648))
        guard case .invalid(.expired, let detail) = check(now: DNSSECTime.parse("20100910000000")!) else {
            Issue.record("not expired"); return
        }
        #expect(detail.contains("expired at 20100909100439"))
        guard case .invalid(.notYetValid, _) = check(now: DNSSECTime.parse("20100801000000")!) else {
            Issue.record("not 'not yet valid'"); return
        }
    }

    @Test("a changed record is a bad signature; another key is a wrong key tag; another signer has no signature")
    func failures() {
        var changed = DNSSECFixtures.wwwA
        changed.data = .a(IPv4Address("192.0.2.2")!)
        guard case .invalid(.badSignature, _) = check(now: DNSSECFixtures.during, records: [changed]) else {
            Issue.record("tampering not detected"); return
        }
        guard case .invalid(.wrongKeyTag, let detail) = check(now: DNSSECFixtures.during, keys: [DNSSECFixtures.p384Key]) else {
            Issue.record("key tag not checked"); return
        }
        #expect(detail.contains("key tag 55648"), "\(detail)")
        guard case .invalid(.missingSignature, _) = check(now: DNSSECFixtures.during, signer: "example.org") else {
            Issue.record("signer not checked"); return
        }
        // Same key, but the owner in a different case is still the same RRset (canonical form lowercases).
        var upper = DNSSECFixtures.wwwA
        upper.name = DNSSECFixtures.name("WWW.Example.NET")
        #expect(check(now: DNSSECFixtures.during, records: [upper]) == .valid(keyTag: 55648))
    }

    @Test("the walk: no anchor is not testable; a DNSKEY set that matches no DS is bogus; silence is not testable")
    func walk() {
        let anchor = DNSSECTrustAnchor(zone: owner, ds: [DNSSECDigests.ds(owner: owner, key: DNSSECFixtures.p384Key)!])
        let keyRecord = DNSRecord(name: owner, ttl: 3600, data: .dnskey(DNSSECFixtures.p256Key))
        func answer(_ records: [DNSRecord]) -> DNSMessage {
            var message = DNSMessage.query(id: 1, name: owner, type: .dnskey)
            message.isResponse = true
            message.answers = records
            return message
        }
        let elsewhere = DNSSECValidator(anchors: [anchor], now: DNSSECFixtures.during) { _, _ in nil }
        #expect(elsewhere.validate(DNSSECFixtures.name("www.example.org")).status == .notTestable)
        #expect(elsewhere.validate(DNSSECFixtures.name("www.example.net")).status == .notTestable)
        let mismatched = DNSSECValidator(anchors: [anchor], now: DNSSECFixtures.during) { _, _ in answer([keyRecord]) }
        let verdict = mismatched.validate(DNSSECFixtures.name("www.example.net"))
        #expect(verdict.status == .bogus && verdict.reason == .noDNSKEYMatchingDS, "\(verdict)")
        let empty = DNSSECValidator(anchors: [anchor], now: DNSSECFixtures.during) { _, _ in answer([]) }
        #expect(empty.validate(DNSSECFixtures.name("www.example.net")).reason == .missingDNSKEY)
        // Trusted key, but the DNSKEY RRset carries no RRSIG.
        let unsigned = DNSSECValidator(anchors: [DNSSECTrustAnchor(zone: owner, keys: [DNSSECFixtures.p256Key])],
                                       now: DNSSECFixtures.during) { _, _ in answer([keyRecord]) }
        #expect(unsigned.validate(DNSSECFixtures.name("www.example.net")).reason == .missingSignature)
    }

    @Test("NSEC coverage wraps round at the end of the zone")
    func coverage() {
        let n = DNSSECFixtures.name
        #expect(DNSSECValidator.covers(owner: n("a.example"), next: n("d.example"), name: n("b.example")))
        #expect(!DNSSECValidator.covers(owner: n("a.example"), next: n("d.example"), name: n("e.example")))
        #expect(DNSSECValidator.covers(owner: n("z.example"), next: n("example"), name: n("zz.example")))
    }
}
