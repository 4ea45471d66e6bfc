@testable import V6Core

/// Observations of the lab's kind, built by hand: a site at `web.vidu.example` on 203.0.113.20 and 2001:db8::20.
enum ServicesFixtures {
    static func ip(_ text: String) -> IPAddress {
        guard let address = IPAddress(text) else { preconditionFailure("test address \(text) does not parse") }
        return address
    }

    static func name(_ text: String) -> DNSName {
        guard let name = DNSName(text) else { preconditionFailure("test name \(text) does not parse") }
        return name
    }

    static let v4 = ip("203.0.113.20")
    static let v6 = ip("2001:db8::20")
    static let v6b = ip("2001:db8::21")

    static func webRequest(ports: [Int] = [80, 443]) -> ServiceRequest {
        ServiceRequest(record: "cong", kind: "web", profile: .web, name: name("web.vidu.example"),
                       label: "web.vidu.example", ports: ports)
    }

    static func host(_ name: String = "web.vidu.example", v4: [IPAddress], v6: [IPAddress]) -> HostAddresses {
        HostAddresses(name: name, source: .dns, v4: v4.isEmpty ? .none("the name has no A record") : .found(v4),
                      v6: v6.isEmpty ? .none("the name has no AAAA record") : .found(v6))
    }

    static let page = Array(String(repeating: "<p>Cổng thông tin điện tử tỉnh Ví Dụ — tin tức, văn bản, dịch vụ công.</p>\n",
                                   count: 40).utf8)

    /// A site that works over both families on 80 and 443, the same page, no PMTU trouble, IPv6 as fast as IPv4.
    static func healthyWeb(v6: [IPAddress] = [v6]) -> ServiceObservation {
        var connects: [ConnectObservation] = []
        for address in [v4] + v6 {
            for port in [80, 443] { connects.append(ConnectObservation(address: address, port: port, outcome: .connected(milliseconds: 0.4))) }
        }
        return ServiceObservation(
            mode: .web, hosts: [host(v4: [v4], v6: v6)], connects: connects,
            fetches: ([v4] + v6).map { FetchObservation(address: $0, outcome: .response(HTTPResponse(status: 200, reason: "OK", body: page))) },
            pmtu: .observed(v6.map { PMTUObservation(address: $0, largePacketBytes: 1500, small: EchoOutcome(status: .reachable),
                                                     large: EchoOutcome(status: .reachable)) }),
            happyEyeballs: v6.first.map {
                HappyEyeballsObservation(port: 443, v4: (v4, .connected(bestMilliseconds: 0.3, tries: 3)),
                                         v6: ($0, .connected(bestMilliseconds: 0.4, tries: 3)))
            })
    }

    static func check(_ report: ServiceReport, _ name: String, _ address: IPAddress? = nil) -> ServiceCheck? {
        report.checks.first { $0.name == name && (address == nil || $0.address == address) }
    }
}
