import Testing
@testable import V6Core

@Suite("DNSSEC records: wire forms, key tags, DS digests, NSEC3 hashes")
struct DNSSECRecordTests {
    @Test("RFC 6605 keys: key tags 55648 and 10771, and the published SHA-256 and SHA-384 DS digests")
    func rfc6605KeyTagsAndDS() {
        let owner = DNSSECFixtures.name("example.net")
        #expect(DNSSECFixtures.p256Key.keyTag == 55648)
        #expect(DNSSECFixtures.p384Key.keyTag == 10771)
        #expect(DNSSECDigests.dsDigest(owner: owner, key: DNSSECFixtures.p256Key, digestType: 2)
            == DNSSECPresentation.hex("b4c8c1fe2e7477127b27115656ad6256f424625bf5c1e2770ce6d6e37df61d17"))
        #expect(DNSSECDigests.dsDigest(owner: owner, key: DNSSECFixtures.p384Key, digestType: 4)
            == DNSSECPresentation.hex("72d7b62976ce06438e9c0bf319013cf801f09ecc84b8d7e9495f27e305c6a9b0563a9b5f4d288405c3008a946df983d6"))
        #expect(DNSSECDigests.dsDigest(owner: owner, key: DNSSECFixtures.p256Key, digestType: 3) == nil)
    }

    @Test("RFC 4034 §5.4: dskey.example.com key tag 60485 and its SHA-1 DS digest")
    func rfc4034DS() throws {
        let key = DNSKEYData(flags: 256, algorithm: 5, publicKey: try #require(Base64.decode(
            "AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==")))
        #expect(key.keyTag == 60485)
        let ds = try #require(DNSSECDigests.ds(owner: DNSSECFixtures.name("dskey.example.com"), key: key, digestType: 1))
        #expect(ds.digest == DNSSECPresentation.hex("2BB183AF5F22588179A53B0A98631FAD1A292118"))
        #expect(DNSSECDigests.matches(ds, key: key, owner: DNSSECFixtures.name("DSKEY.example.com")))
        #expect(!DNSSECDigests.matches(ds, key: key, owner: DNSSECFixtures.name("other.example.com")))
    }

    @Test("RFC 5155 Appendix A: NSEC3 hashes with salt aabbccdd and 12 iterations")
    func nsec3Hashes() {
        let salt: [UInt8] = [0xaa, 0xbb, 0xcc, 0xdd]
        func hash(_ text: String) -> String {
            Base32Hex.encode(DNSSECDigests.nsec3Hash(DNSSECFixtures.name(text), salt: salt, iterations: 12))
        }
        #expect(hash("example") == "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom")
        #expect(hash("a.example") == "35mthgpgcu1qg68fab165klnsnk3dpvl")
        #expect(hash("ai.EXAMPLE") == "gjeqe526plbf1g8mklp59enfd789njgi")
        #expect(Base32Hex.decode("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom").map(Base32Hex.encode) == "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom")
    }

    @Test("every DNSSEC type round-trips through a message, and its description is zone-file text")
    func messageRoundTrip() throws {
        let owner = DNSSECFixtures.name("example.net")
        let records: [DNSRecord] = [
            DNSRecord(name: owner, ttl: 3600, data: .dnskey(DNSSECFixtures.p256Key)),
            DNSRecord(name: owner, ttl: 3600, data: .ds(DNSSECDigests.ds(owner: owner, key: DNSSECFixtures.p256Key)!)),
            DNSRecord(name: DNSSECFixtures.name("www.example.net"), ttl: 3600, data: .rrsig(DNSSECFixtures.p256Signature)),
            DNSRecord(name: owner, ttl: 300, data: .nsec(NSECData(nextName: DNSSECFixtures.name("www.example.net"),
                                                                  types: [.ns, .soa, .rrsig, .nsec, .dnskey, .other(1234)]))),
            DNSRecord(name: DNSSECFixtures.name("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example.net"), ttl: 300,
                      data: .nsec3(NSEC3Data(flags: 1, iterations: 12, salt: [0xaa, 0xbb, 0xcc, 0xdd],
                                             nextHashedOwner: Base32Hex.decode("2t7b4g4vsa5smi47k61mv5bv1a22bojr")!,
                                             types: [.a, .rrsig]))),
        ]
        var message = DNSMessage.query(id: 7, name: owner, type: .dnskey)
        message.isResponse = true
        message.answers = records
        let decoded = try DNSMessageDecoder.decode(try DNSMessageEncoder.encode(message))
        #expect(decoded.answers == records)
        #expect(records[0].description.hasSuffix("; key tag 55648"))
        #expect(records[2].description.contains("A 13 3 3600 20100909100439 20100812100439 55648 example.net."), "\(records[2])")
        #expect(records[3].description.hasSuffix("www.example.net. NS SOA RRSIG NSEC DNSKEY TYPE1234"), "\(records[3])")
    }

    @Test("malformed DNSSEC record data is an error naming the field, never a crash")
    func malformed() {
        let cases: [(DNSRecordType, [UInt8], String)] = [
            (.dnskey, [1, 1, 3], "algorithm"),
            (.dnskey, [1, 1, 3, 13], "public key"),
            (.ds, [0, 1, 8], "digest type"),
            (.rrsig, [0, 1, 13, 2, 0, 0, 14, 16], "expiration"),
            (.rrsig, [0, 1, 13, 2, 0, 0, 14, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xc0, 0x0c], "signer name"),
            (.nsec, [0, 0, 3], "bitmap"),
            (.nsec, [0, 1, 40], "bitmap window of 40 bytes"),
            (.nsec3, [1, 0, 0, 1, 4, 0xaa], "salt"),
            (.nsec3, [1, 0, 0, 1, 0, 0], "empty next hashed owner"),
        ]
        for (type, bytes, field) in cases {
            do {
                _ = try DNSSECRecordDecoding.decode(type: type, rdata: bytes)
                Issue.record("\(type) \(bytes) decoded")
            } catch {
                #expect(error.description.contains(field), "\(type): \(error)")
            }
        }
    }

    @Test("trust-anchor files: DS and DNSKEY lines with comments, TTL and class; errors name the line")
    func trustAnchorFile() throws {
        let text = """
            ; the lab's parent zone
            example.net. 3600 IN DNSKEY 257 3 13 GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edb krSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA==
            example.net. DS 55648 13 2 b4c8c1fe2e7477127b27115656ad6256f424625bf5c1e2770ce6d6e37df61d17

            """
        let anchors = try DNSSECPresentation.trustAnchors(text)
        #expect(anchors.count == 1)
        #expect(anchors.first?.keys == [DNSSECFixtures.p256Key])
        #expect(anchors.first?.ds.first?.keyTag == 55648)
        #expect(anchors.first?.trusts(DNSSECFixtures.p256Key) == true)
        #expect(DNSSECTrustAnchor.root.ds.map(\.keyTag) == [20326, 38696])
        #expect(throws: DNSSECPresentation.ParseError(line: 2, message: "DS needs key tag, algorithm, digest type and a hex digest")) {
            try DNSSECPresentation.trustAnchors("\nexample. DS 1 8 2 xyz\n")
        }
        #expect(throws: DNSSECPresentation.ParseError(line: 1, message: "type A is not DS or DNSKEY")) {
            try DNSSECPresentation.trustAnchors("example. IN A 192.0.2.1")
        }
    }

    @Test("RRSIG times: presentation round trip and serial-number comparison across 2106")
    func times() {
        #expect(DNSSECTime.parse("20100909100439") == 1_284_026_679)
        #expect(DNSSECTime.presentation(1_284_026_679) == "20100909100439")
        #expect(DNSSECTime.isBefore(0xffff_fff0, 5), "wraps modulo 2^32")
        #expect(!DNSSECTime.isBefore(5, 5))
        #expect(DNSSECTime.parse("20101399000000") == nil)
    }

    @Test("canonical name order (RFC 4034 §6.1 example)")
    func canonicalOrder() {
        let ordered = ["example", "a.example", "yljkjljk.a.example", "Z.a.example", "zABC.a.EXAMPLE", "z.example",
                       "\\001.z.example", "*.z.example", "\\200.z.example"].map(DNSSECFixtures.name)
        for (a, b) in zip(ordered, ordered.dropFirst()) {
            #expect(DNSSECCanonical.compare(a, b) < 0, "\(a) < \(b)")
            #expect(DNSSECCanonical.compare(b, a) > 0)
        }
        #expect(DNSSECCanonical.compare(DNSSECFixtures.name("A.example"), DNSSECFixtures.name("a.EXAMPLE")) == 0)
    }
}
