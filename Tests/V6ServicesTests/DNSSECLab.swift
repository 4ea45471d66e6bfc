import Foundation
import Testing
import V6Core
import V6Lab
import V6System

/// Whether the DNSSEC lab can run: the service lab's needs plus the ldns signer.
enum DNSSECLabGate {
    static let reason: String? = {
        if let reason = ServiceLabGate.reason { return reason }
        if let missing = [LabTool.ldnsKeygen, .ldnsSignzone].first(where: { $0.locate() == nil }) {
            let reason = "\(missing) not installed (Debian package \(missing.debianPackage))"
            print("V6ServicesTests: skipping DNSSEC lab tests: \(reason)")
            return reason
        }
        return nil
    }()

    static var available: Bool { reason == nil }
}

/// A signed parent `sec.example` on NSD (ns1 2001:db8:53::53, ns2 ::54) with one child zone per DNSSEC state, every zone signed in
/// the test by `ldns-signzone` with keys `ldns-keygen` made a moment before:
///
/// | child | how it is made | expected |
/// |---|---|---|
/// | good | signed, DS in the parent | secure |
/// | plain | unsigned, no DS (the parent's NSEC denies one) | insecure |
/// | expired | signed with inception 2020-01-01 and expiration 2020-02-01 | bogus, expired |
/// | tampered | signed, then its apex A changed in the signed file | bogus, bad signature |
/// | mismatch | signed, but the parent's DS is of another key | bogus, no DNSKEY matching the DS |
/// | wrongtag | signed with one key, published with another (the DS's) | bogus, wrong key tag |
/// | nsec3 | signed with NSEC3 (salt, 5 iterations), DS in the parent | secure |
/// | plain.nsec3 | unsigned, no DS: the NSEC3 of `nsec3` matching its hash denies one | insecure |
final class DNSSECLab {
    static let server = IPAddress("2001:db8:53::53")!
    /// Both name servers' addresses (one NSD): two NS with AAAA, as the dns-zone check wants.
    static let addresses = ["203.0.113.53", "2001:db8:53::53", "2001:db8:53::54"].map { IPAddress($0)! }
    static let children = ["good", "plain", "expired", "tampered", "mismatch", "wrongtag", "nsec3"]

    let lab: Lab
    let directory: String
    /// The trust-anchor file: the parent's DS as ldns-keygen wrote it.
    let anchorFile: String
    private var server: LabServerProcess?

    private init() throws {
        directory = try FileSystem.makeTemporaryDirectory(prefix: "v6ready-dnssec")
        anchorFile = directory + "/anchor.ds"
        let zones: [LabDNSZone]
        do {
            zones = try Self.signedZones(in: directory, anchorFile: anchorFile)
            lab = try Lab.create(LabSpec(hosts: [LabHost("ns", addresses: Self.addresses)]))
        } catch {
            try? FileSystem.removeRecursively(directory)
            throw error
        }
        do {
            server = try LabDNSServer.start(in: try #require(lab.namespace(of: "ns")),
                                            addresses: Self.addresses, zones: zones)
        } catch {
            tearDown()
            throw error
        }
    }

    static func with<R>(_ body: (DNSSECLab) throws -> R) throws -> R {
        let lab = try DNSSECLab()
        defer { lab.tearDown() }
        return try body(lab)
    }

    func tearDown() {
        server?.stop()
        try? lab.tearDown()
        try? FileSystem.removeRecursively(directory)
    }

    static func child(_ name: String) -> LabDNSZone {
        typealias R = LabDNSZone.Record
        var records = [
            R("@", "NS", "ns1.sec.example."), R("@", "NS", "ns2.sec.example."), R("@", "A", "203.0.113.80"), R("@", "AAAA", "2001:db8:80::80"),
            R("@", "MX", "10 mail.sec.example."),
        ]
        // The NSEC3 zone delegates an unsigned grandchild, so its NSEC3 chain must prove there is no DS.
        if name == "nsec3" { records += [R("plain", "NS", "ns1.sec.example."), R("plain", "NS", "ns2.sec.example.")] }
        return LabDNSZone(origin: name + ".sec.example", primary: "ns1.sec.example.", records: records)
    }

    /// The DS record data (`57832 13 2 e5b5...`) from a key's DS line.
    static func dsData(_ key: LabDNSKey) -> String {
        let fields = key.dsLine.split(whereSeparator: { $0 == " " || $0 == "\t" })
        return fields.drop { $0 != "DS" }.dropFirst().joined(separator: " ")
    }

    /// The base64 public key from a key's DNSKEY line.
    static func publicKey(_ key: LabDNSKey) -> String {
        let fields = key.dnskeyLine.split(separator: ";")[0].split(whereSeparator: { $0 == " " || $0 == "\t" })
        return fields.drop { $0 != "DNSKEY" }.dropFirst(4).joined()
    }

    /// Keys, signatures and the deliberate breakages; writes the parent's DS to `anchorFile`.
    static func signedZones(in directory: String, anchorFile: String) throws -> [LabDNSZone] {
        typealias R = LabDNSZone.Record
        var parentRecords = [R("@", "NS", "ns1"), R("@", "NS", "ns2"), R("ns1", "A", "203.0.113.53"),
                             R("ns1", "AAAA", "2001:db8:53::53"), R("ns2", "AAAA", "2001:db8:53::54"),
                             R("mail", "A", "203.0.113.25")]
        var zones: [LabDNSZone] = [child("plain"), child("plain.nsec3")]
        for name in children where name != "plain" {
            let origin = name + ".sec.example"
            let key = try LabDNSSigner.generateKey(for: origin, in: directory)
            var signed = try name == "expired"
                ? LabDNSSigner.sign(child(name), with: key, inception: "20200101", expiration: "20200201")
                : LabDNSSigner.sign(child(name), with: key, nsec3: name == "nsec3" ? ("5a17", 5) : nil)
            var published = key
            switch name {
            case "tampered":
                signed.signedText = signed.signedText?.replacingOccurrences(of: "\tA\t203.0.113.80", with: "\tA\t203.0.113.99")
            case "mismatch":
                published = try LabDNSSigner.generateKey(for: origin, in: directory)
            case "wrongtag":
                published = try LabDNSSigner.generateKey(for: origin, in: directory)
                signed.signedText = signed.signedText?.replacingOccurrences(of: publicKey(key), with: publicKey(published))
            default:
                break
            }
            zones.append(signed)
            parentRecords.append(R(name, "DS", dsData(published)))
        }
        for name in children { parentRecords += [R(name, "NS", "ns1"), R(name, "NS", "ns2")] }
        let parentKey = try LabDNSSigner.generateKey(for: "sec.example", in: directory)
        let parent = LabDNSZone(origin: "sec.example", primary: "ns1.sec.example.", records: parentRecords)
        zones.append(try LabDNSSigner.sign(parent, with: parentKey))
        try (parentKey.dsLine + "\n").write(toFile: anchorFile, atomically: true, encoding: .utf8)
        return zones
    }
}
