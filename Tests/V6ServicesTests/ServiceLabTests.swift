import Foundation
import Testing
import V6Core
import V6Lab
@testable import V6Services

/// Every colour, from a real name server (NSD), real web servers (nginx) and an SMTP listener in network namespaces.
/// Needs root and the Debian packages; skipped with a printed reason otherwise.
@Suite("Services: lab", .serialized, .enabled(if: ServiceLabGate.available))
struct ServiceLabTests {
    @Test("web: green, yellow (another page over IPv6), red (IPv4 only), yellow (IPv6 black-holed), gray (no such name)")
    func webColours() throws {
        try ServiceLab.with([.web, .dark]) { lab in
            let reports = try lab.check(["web.vidu.example", "diff.vidu.example", "old.vidu.example", "dark.vidu.example",
                                         "nothere.vidu.example", "www.vidu.example"]
                .map { ServiceRequest(profile: .web, name: DNSName($0)!) })
            let (web, diff, old, dark, nothere, www) = (reports[0], reports[1], reports[2], reports[3], reports[4], reports[5])

            #expect(web.verdict == .green, "\(web.summary)")
            #expect(web.checks.map(\.name) == ["aaaa", "tcp-80-v6", "tcp-443-v6", "same-page", "pmtu-v6", "happy-eyeballs"])
            #expect(web.checks.allSatisfy { $0.result == .pass }, "\(web.summary)")
            #expect(web.check("same-page")?.explanation.hasPrefix("HTTP 200 on both, pages 100% alike") == true)
            #expect(www.verdict == .green, "a CNAME to the site: \(www.summary)")

            #expect(diff.verdict == .yellow, "\(diff.summary)")
            #expect(diff.failedChecks == ["same-page"], "\(diff.summary)")
            #expect(diff.check("same-page")?.explanation.contains("only") == true)

            #expect(old.verdict == .red, "\(old.summary)")
            #expect(old.checks.map(\.name) == ["aaaa"])
            #expect(old.check("aaaa")?.explanation == "no AAAA record for old.vidu.example: the name has no AAAA record (A 203.0.113.82 only)")

            #expect(dark.verdict == .yellow, "\(dark.summary)")
            #expect(dark.check("aaaa")?.result == .pass)
            #expect(dark.check("tcp-80-v6")?.result == .fail)
            #expect(dark.check("tcp-443-v6")?.result == .fail)
            #expect(dark.check("tcp-443-v6")?.explanation.contains("no answer over IPv6 within 1000 ms") == true)
            #expect(dark.check("same-page")?.result == .notTestable)
            #expect(dark.check("pmtu-v6")?.result == .notTestable, "small echoes vanish too: \(dark.summary)")
            #expect(dark.check("happy-eyeballs")?.result == .fail)

            #expect(nothere.verdict == .gray, "\(nothere.summary)")
            #expect(nothere.reason.contains("NXDOMAIN"))

            // Two AAAA records, one black-holed: yellow, and only the broken address's sub-checks fail (internet.nl#202).
            let multi = try #require(try lab.check([ServiceRequest(profile: .web, name: DNSName("multi.vidu.example")!)]).first)
            #expect(multi.verdict == .yellow, "\(multi.summary)")
            let failing = Set(multi.checks.filter { $0.result == .fail }.compactMap(\.address))
            #expect(failing == [IPAddress("2001:db8:90::90")!], "\(multi.summary)")
            #expect(multi.checks.filter { $0.address == IPAddress("2001:db8:80::80")! }.allSatisfy { $0.result == .pass }, "\(multi.summary)")
        }
    }

    @Test("mail: green with PTR; yellow when one MX lacks AAAA or PTR is missing; red with no MX over IPv6; gray for a null MX")
    func mailColours() throws {
        try ServiceLab.with([.mail]) { lab in
            let reports = try lab.check(["mail.vidu.example", "partial.vidu.example", "legacy.vidu.example",
                                         "nomail.vidu.example", "noptr.vidu.example"]
                .map { ServiceRequest(profile: .mail, name: DNSName($0)!) })
            let (mail, partial, legacy, nomail, noptr) = (reports[0], reports[1], reports[2], reports[3], reports[4])

            #expect(mail.verdict == .green, "\(mail.summary)")
            #expect(mail.mode == .mailDomain)
            #expect(mail.checks.map(\.name) == ["mx-aaaa", "smtp-v6", "ptr-v6", "pmtu-v6"])
            #expect(mail.check("smtp-v6")?.explanation.contains("220 mail.vidu.example ESMTP v6ready-lab") == true)
            #expect(mail.check("ptr-v6")?.explanation == "PTR mx1.vidu.example. (its AAAA points back: forward-confirmed)")

            #expect(partial.verdict == .yellow, "\(partial.summary)")
            #expect(partial.failedChecks == ["mx-aaaa"], "\(partial.summary)")
            #expect(partial.check("mx-aaaa")?.explanation.contains("missing: mx2.vidu.example") == true)

            #expect(legacy.verdict == .red, "\(legacy.summary)")
            #expect(nomail.verdict == .gray, "\(nomail.summary)")
            #expect(nomail.reason.contains("null MX"))

            #expect(noptr.verdict == .yellow, "\(noptr.summary)")
            #expect(noptr.failedChecks == ["ptr-v6"], "\(noptr.summary)")
            #expect(noptr.check("smtp-v6")?.result == .pass)

            // A mail server named directly (no MX at that name), as an inventory lists one.
            let host = try #require(try lab.check([ServiceRequest(record: "mx1", kind: "mail", profile: .mail,
                                                                  name: DNSName("mx1.vidu.example")!, label: "mx1.vidu.example",
                                                                  ports: [25])]).first)
            #expect(host.mode == .mailServer)
            #expect(host.verdict == .green, "\(host.summary)")
        }
    }

    @Test("name servers: two with AAAA answering over IPv6 is green, one is yellow, none is red; one server by name")
    func nameServerColours() throws {
        try ServiceLab.with([]) { lab in
            let zone = try lab.check(.dns, "vidu.example")
            #expect(zone.verdict == .green, "\(zone.summary)")
            #expect(zone.mode == .dnsZone)
            #expect(zone.checks.filter { $0.name.hasPrefix("dns-") }.count == 4)
            #expect(zone.check("dns-tcp-v6", "2001:db8:53::54")?.explanation.hasPrefix("answers vidu.example. SOA authoritatively over IPv6 TCP") == true)
            let one = try lab.check(.dns, "one.example")
            #expect(one.verdict == .yellow, "\(one.summary)")
            #expect(one.failedChecks == ["ns-aaaa"])
            #expect(try lab.check(.dns, "legacy.example").verdict == .red)
            let server = try lab.check(.dns, "ns1.vidu.example")
            #expect(server.mode == .dnsServer)
            #expect(server.verdict == .green, "\(server.summary)")
        }
    }

    @Test("a PMTU black hole: small echoes pass, 1500-byte ones vanish because Packet Too Big is dropped")
    func pmtuBlackHole() throws {
        try ServiceLab.with([.web, .mtu]) { lab in
            let reports = try lab.check([ServiceRequest(profile: .web, name: DNSName("mtu.vidu.example")!),
                                         ServiceRequest(profile: .web, name: DNSName("web.vidu.example")!)])
            #expect(reports[0].verdict == .yellow, "\(reports[0].summary)")
            #expect(reports[0].failedChecks == ["pmtu-v6"], "\(reports[0].summary)")
            #expect(reports[0].check("pmtu-v6")?.explanation.contains("1500-byte ones vanish") == true)
            #expect(reports[1].check("pmtu-v6")?.result == .pass, "the control: \(reports[1].summary)")
        }
    }

    @Test("IPv6 slower than IPv4 by 250 ms or more: the Happy Eyeballs penalty, and only that")
    func happyEyeballs() throws {
        try ServiceLab.with([.slow4, .slow6]) { lab in
            let report = try #require(try lab.check([ServiceRequest(profile: .web, name: DNSName("slow.vidu.example")!)],
                                                    timeoutMilliseconds: 3000).first)
            #expect(report.verdict == .yellow, "\(report.summary)")
            #expect(report.failedChecks == ["happy-eyeballs"], "\(report.summary)")
            print("V6ServicesTests: slow IPv6 (\(ServiceLab.slowMethod)): \(report.check("happy-eyeballs")?.explanation ?? "")")
        }
    }

    @Test("everything the lab started is gone afterwards, even when the test body fails")
    func tearDown() throws {
        struct Planned: Error {}
        var namespaces: [String] = [], directories: [String] = [], processes: [Int32] = []
        do {
            try ServiceLab.with([.web, .mail]) { lab in
                namespaces = lab.lab.namespaces
                directories = lab.serverDirectories
                processes = lab.serverProcessIDs
                #expect(directories.allSatisfy { FileManager.default.fileExists(atPath: $0 + "/server.log") })
                throw Planned()
            }
        } catch is Planned {}
        #expect(namespaces.count == 5 && directories.count == 2 && processes.count == 2)
        let left = ((try? FileManager.default.contentsOfDirectory(atPath: "/run/netns")) ?? []).filter(namespaces.contains)
        #expect(left.isEmpty, "namespaces left: \(left)")
        #expect(directories.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
        for pid in processes {
            let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
            #expect(status.isEmpty || status.contains("State:\tZ"), "server \(pid) still runs")
        }
    }
}
