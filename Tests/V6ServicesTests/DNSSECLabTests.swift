import Foundation
import Testing
import V6System
import V6TestSupport
import V6Core
import V6Lab
@testable import V6Services

/// `probe --service dns ZONE --trust-anchor FILE` through the real executable against zones ldns-signzone signed,
/// one per DNSSEC state (see `DNSSECLab`).
@Suite("DNSSEC: signed lab zones judged through the executable", .serialized, .enabled(if: DNSSECLabGate.available))
struct DNSSECLabTests {
    static let expected: [(String, DNSSECVerdict.Status, DNSSECVerdict.Reason?)] = [
        ("good", .secure, nil),
        ("plain", .insecure, nil),
        ("expired", .bogus, .expired),
        ("tampered", .bogus, .badSignature),
        ("mismatch", .bogus, .noDNSKEYMatchingDS),
        ("wrongtag", .bogus, .wrongKeyTag),
        ("nsec3", .secure, nil),
        ("plain.nsec3", .insecure, nil),
    ]

    @Test("secure, insecure and bogus for each reason, NSEC and NSEC3 denial; the dnssec sub-check passes only for secure zones")
    func states() throws {
        try DNSSECLab.with { lab in
            let common = ["--netns", lab.lab.scannerNamespace, "--resolver", "[2001:db8:53::53]:53", "--outside-scope",
                          "--service-timeout", "1000", "--trust-anchor", lab.anchorFile, "--json"]
            for (child, status, reason) in Self.expected {
                let zone = child + ".sec.example"
                let run = try runV6ready(["probe", "--service", "dns", zone] + common)
                let report = try #require(try run.serviceReports().first, "\(zone): \(run.out) \(run.err)")
                #expect(report.dnssec?.status == status, "\(zone): \(report.dnssec.map { "\($0)" } ?? "none") \(run.err)")
                #expect(report.dnssec?.reason == reason, "\(zone): \(report.dnssec?.detail ?? "")")
                let check = try #require(report.check("dnssec"), "\(zone): \(report.summary)")
                #expect(check.result == (status == .secure ? .pass : .fail), "\(zone): \(check)")
                if status == .secure {
                    #expect(report.verdict == .green, "\(zone): \(report.summary)")
                } else {
                    #expect(report.verdict == .yellow, "\(zone): a failed dnssec check makes the zone yellow: \(report.summary)")
                }
            }
            // Without a trust anchor that covers the zone (the root's, here unreachable), nothing can be said.
            let root = try runV6ready(["probe", "--service", "dns", "good.sec.example", "--dnssec"]
                                      + common.filter { $0 != "--trust-anchor" && $0 != lab.anchorFile })
            let report = try #require(try root.serviceReports().first, "\(root.out) \(root.err)")
            #expect(report.dnssec?.status == .notTestable, "\(report.summary)")
            #expect(report.check("dnssec")?.result == .notTestable)
        }
    }

    @Test("--trust-anchor errors name the file and line, exit 2")
    func anchorFileErrors() throws {
        let directory = try FileSystem.makeTemporaryDirectory(prefix: "v6ready-anchor")
        defer { try? FileSystem.removeRecursively(directory) }
        try "sec.example. IN DS 1 13 2 zz\n".write(toFile: directory + "/bad.ds", atomically: true, encoding: .utf8)
        let bad = try runV6ready(["probe", "--service", "dns", "sec.example", "--trust-anchor", "bad.ds", "--no-dns"], in: directory)
        #expect(bad.status == 2)
        let run = try runV6ready(["probe", "--service", "dns", "sec.example", "--trust-anchor", "bad.ds"], in: directory)
        #expect(run.status == 2, "\(run.err)")
        #expect(run.err.contains("--trust-anchor bad.ds: line 1: DS needs key tag"), "\(run.err)")
        let missing = try runV6ready(["probe", "--service", "dns", "sec.example", "--trust-anchor", "none.ds"], in: directory)
        #expect(missing.status == 2 && missing.err.contains("--trust-anchor none.ds: cannot read it"), "\(missing.err)")
    }
}
