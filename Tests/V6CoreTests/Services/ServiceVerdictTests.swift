import Testing
@testable import V6Core

@Suite("Services: verdict rules")
struct ServiceVerdictTests {
    func check(_ name: String, _ result: CheckResult) -> ServiceCheck { ServiceCheck(name, result, "because") }

    @Test("every check passing is green; one failure anywhere is yellow; no verdict hides a failed sub-check")
    func greenAndYellow() {
        let good = [check("aaaa", .pass), check("tcp-443-v6", .pass), check("pmtu-v6", .pass)]
        #expect(ServiceVerdictRules.verdict(checks: good, ipv6Published: 1).colour == .green)
        for index in good.indices {
            var bad = good
            bad[index].result = .fail
            let verdict = ServiceVerdictRules.verdict(checks: bad, ipv6Published: 1)
            #expect(verdict.colour == .yellow, "\(bad[index].name) failing")
            #expect(verdict.reason.contains(bad[index].name))
            #expect(verdict.reason.hasPrefix(bad[index].role == .quality ? "works over IPv6, but pmtu-v6" : "IPv6 published but not working"),
                    "\(verdict.reason)")
        }
    }

    @Test("red only when no IPv6 address is published at all; a partly published MX set is yellow")
    func red() {
        let checks = [check("mx-aaaa", .fail)]
        #expect(ServiceVerdictRules.verdict(checks: checks, ipv6Published: 0).colour == .red)
        #expect(ServiceVerdictRules.verdict(checks: checks, ipv6Published: 1).colour == .yellow)
        // A function failure without any IPv6 address is not "no address published": it cannot happen, but stays yellow.
        #expect(ServiceVerdictRules.verdict(checks: [check("tcp-80-v4", .fail)], ipv6Published: 0).colour == .yellow)
    }

    @Test("gray when absent on purpose, or when nothing over IPv6 could be tested; not-testable quality checks do not spoil green")
    func gray() {
        #expect(ServiceVerdictRules.verdict(checks: [check("mx-aaaa", .notTestable)], ipv6Published: 0,
                                            absence: "null MX").colour == .gray)
        let untested = [check("aaaa", .pass), check("tcp-443-v6", .notTestable), check("pmtu-v6", .notTestable)]
        let verdict = ServiceVerdictRules.verdict(checks: untested, ipv6Published: 1)
        #expect(verdict.colour == .gray)
        #expect(verdict.reason.contains("tcp-443-v6"))
        let mostly = [check("aaaa", .pass), check("tcp-443-v6", .pass), check("pmtu-v6", .notTestable)]
        let green = ServiceVerdictRules.verdict(checks: mostly, ipv6Published: 1)
        #expect(green.colour == .green)
        #expect(green.reason.contains("1 not testable"))
    }

    @Test("roles follow from check names")
    func roles() {
        #expect(ServiceCheck.role(ofName: "aaaa") == .publication)
        #expect(ServiceCheck.role(ofName: "ns-aaaa") == .publication)
        #expect(ServiceCheck.role(ofName: "tcp-8443-v6") == .function)
        #expect(ServiceCheck.role(ofName: "tcp-8443-v4") == .quality)
        #expect(ServiceCheck.role(ofName: "happy-eyeballs") == .quality)
        #expect(ServiceCheck.role(ofName: "smtp-v6") == .function)
    }

    @Test("the scan-file line has the documented fields and reads back")
    func jsonLine() throws {
        let report = ServiceEvaluator.report(for: ServicesFixtures.webRequest(), observation: ServicesFixtures.healthyWeb())
        let line = report.jsonLine
        #expect(line.hasPrefix("{\"type\":\"service\",\"record\":\"cong\",\"target\":\"web.vidu.example\",\"kind\":\"web\""))
        let value = try JSONParser.parse(line).value
        #expect(value["verdict"]?.stringValue == "green")
        #expect(value["checks"]?.arrayValue?.first?["name"]?.stringValue == "aaaa")
        #expect(value["checks"]?.arrayValue?.first?["explanation"]?.stringValue == "AAAA 2001:db8::20")
        #expect(ServiceReport(json: value) == report)
        // Probe-line readers skip it: it has no address or method.
        #expect(ProbeResult(json: value) == nil)
    }
}
