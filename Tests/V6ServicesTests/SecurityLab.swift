import Foundation
import Testing
import V6Core
import V6Lab
import V6System

/// Whether the security lab can run here; the reason is printed once when it cannot.
enum SecurityLabGate {
    static let reason: String? = {
        let support = Lab.isSupported()
        var reason: String?
        if !support.supported {
            reason = support.reason
        } else if let missing = LabServerProgram.missing([.nginx, .socat]) {
            reason = missing
        } else if LabTool.openssl.locate() == nil {
            reason = "missing openssl (apt-get install openssl)"
        }
        if let reason { print("V6ServicesTests: skipping security lab tests: \(reason)") }
        return reason
    }()

    static var available: Bool { reason == nil }
}

/// The lab of issue 19: firewalls that differ per family, and TLS servers (nginx, certificates made by openssl here)
/// broken one way each. Every address is from 203.0.113.0/24 or 2001:db8::/32.
///
/// | addresses | what it is |
/// |---|---|
/// | .84, 2001:db8:84::84 | SSH banner on 22, nginx on 443 and 8080; IPv4 drops 22 (exposed), IPv6 drops 8080 (blocked) |
/// | .85, 2001:db8:84::85 | the same servers; IPv6 drops 22 and 443: manageable over IPv4 only |
/// | .86, 2001:db8:86::86 | TLS, a good certificate for portal.vidu.example |
/// | .87, 2001:db8:86::87 | TLS, another certificate (same name) on the IPv6 listener |
/// | .88, 2001:db8:86::88 | TLS, an expired certificate |
/// | .89, 2001:db8:86::89 | TLS 1.3 only |
/// | .90, 2001:db8:86::90 | TLS, a certificate for other.vidu.example (the name not covered) |
/// | .91, 2001:db8:86::91 | TLS over IPv4; plain HTTP on 443 over IPv6 (the handshake fails only over IPv6) |
final class SecurityLab {
    static func ip(_ text: String) -> IPAddress { IPAddress(text)! }
    static func pair(_ n: Int) -> String { n < 86 ? "203.0.113.\(n),2001:db8:84::\(n)" : "203.0.113.\(n),2001:db8:86::\(n)" }
    static func v4(_ n: Int) -> IPAddress { ip("203.0.113.\(n)") }
    static func v6(_ n: Int) -> IPAddress { ip(n < 86 ? "2001:db8:84::\(n)" : "2001:db8:86::\(n)") }

    let lab: Lab
    private var servers: [LabServerProcess] = []
    private var certificates: [LabCertificate] = []
    /// The two certificates of the different-per-family case, IPv4's and IPv6's.
    private(set) var good: LabCertificate?, other: LabCertificate?

    private init() throws {
        lab = try Lab.create(LabSpec(hosts: [
            LabHost("fw", addresses: [84, 85].flatMap { [Self.v4($0), Self.v6($0)] }),
            LabHost("tls", addresses: (86...91).flatMap { [Self.v4($0), Self.v6($0)] }),
        ]))
        do {
            let good = try LabCertificate(commonName: "portal.vidu.example", notBefore: LabCertificate.stamp(days: -10),
                                          notAfter: LabCertificate.stamp(days: 365)).make()
            self.good = good
            certificates.append(good)
            let other = try LabCertificate(commonName: "portal.vidu.example", notBefore: LabCertificate.stamp(days: -10),
                                           notAfter: LabCertificate.stamp(days: 365)).make()
            self.other = other
            certificates.append(other)
            let expired = try LabCertificate(commonName: "portal.vidu.example", notBefore: LabCertificate.stamp(days: -400),
                                             notAfter: LabCertificate.stamp(days: -35)).make()
            let wrong = try LabCertificate(commonName: "other.vidu.example", notBefore: LabCertificate.stamp(days: -10),
                                           notAfter: LabCertificate.stamp(days: 365)).make()
            certificates += [expired, wrong]
            let page = "<p>Cổng thông tin điện tử</p>\n"
            let fw = try #require(lab.namespace(of: "fw")), tls = try #require(lab.namespace(of: "tls"))
            servers += try LabBannerServer.start(in: fw, addresses: [84, 85].flatMap { [Self.v4($0), Self.v6($0)] })
            servers.append(try LabWebServer.start(in: fw, sites: [
                LabWebSite(addresses: [84, 85].flatMap { [Self.v4($0), Self.v6($0)] }, ports: [443, 8080], page: page)]))
            func site(_ addresses: [IPAddress], _ certificate: LabCertificate?, protocols: [String] = ["TLSv1.2", "TLSv1.3"]) -> LabWebSite {
                LabWebSite(addresses: addresses, ports: [443], page: page,
                           tls: certificate.map { LabTLS(certificate: $0, protocols: protocols) })
            }
            servers.append(try LabWebServer.start(in: tls, sites: [
                site([Self.v4(86), Self.v6(86)], good),
                site([Self.v4(87)], good), site([Self.v6(87)], other),
                site([Self.v4(88), Self.v6(88)], expired),
                site([Self.v4(89), Self.v6(89)], good, protocols: ["TLSv1.3"]),
                site([Self.v4(90), Self.v6(90)], wrong),
                site([Self.v4(91)], good), site([Self.v6(91)], nil),
            ]))
            try LabFirewall.apply(input: [
                LabFirewall.dropTCP(ports: [8080], family: .v6),
                LabFirewall.dropTCP(ports: [22, 443], to: Self.v6(85)),
            ], table: "parity", in: fw)
        } catch {
            tearDown()
            throw error
        }
    }

    /// Builds the lab, runs `body`, and removes everything whatever `body` does.
    static func with<R>(_ body: (SecurityLab) throws -> R) throws -> R {
        let lab = try SecurityLab()
        defer { lab.tearDown() }
        return try body(lab)
    }

    /// The firewall rule that was not mirrored: port 22 of .84 dropped over IPv4 only.
    func dropSSHOverIPv4() throws {
        try LabFirewall.apply(input: [LabFirewall.dropTCP(ports: [22], family: .v4)], table: "forgotten", in: try #require(lab.namespace(of: "fw")))
    }

    func tearDown() {
        for server in servers { server.stop() }
        for certificate in certificates { certificate.remove() }
        try? lab.tearDown()
    }

    /// An inventory of the lab: the two firewall hosts as devices, the TLS cases as web services (`--no-dns`: the
    /// names come from the inventory, the addresses too).
    static func writeInventory(to path: String) throws {
        try FileSystem.createDirectory(path + "/agencies", recursive: true)
        try AtomicFile.write(Array("""
            {"schema": 1, "name": "Lab", "scope": {"ipv4": ["203.0.113.0/24"], "ipv6": ["2001:db8::/32"]}, "ipv6_allocation": "2001:db8::/32"}

            """.utf8), to: path + "/inventory.json")
        func device(_ id: String, _ n: Int) -> String {
            "{\"id\": \"\(id)\", \"name\": \"\(id)\", \"role\": \"server\", \"vendor\": \"Dell\", \"model\": \"R740\", \"segment\": \"so-dmz\", "
                + "\"ipv4\": [\"\(v4(n))\"], \"ipv6\": [\"\(v6(n))\"]}"
        }
        func service(_ id: String, _ n: Int) -> String {
            "{\"id\": \"\(id)\", \"name\": \"\(id)\", \"kind\": \"web\", \"hostname\": \"portal.vidu.example\", \"ports\": [443], "
                + "\"ipv4\": [\"\(v4(n))\"], \"ipv6\": [\"\(v6(n))\"], \"audience\": \"public\", \"device\": \"tuong-lua\"}"
        }
        try AtomicFile.write(Array("""
            {
              "schema": 1,
              "agency": {"id": "so", "name": "Sở Thông tin và Truyền thông", "kind": "department"},
              "sites": [{"id": "so-hq", "name": "Trụ sở"}],
              "segments": [{"id": "so-dmz", "name": "DMZ", "site": "so-hq", "kind": "dmz", "ipv4": ["203.0.113.0/24"], "ipv6": ["2001:db8::/32"]}],
              "devices": [\(device("tuong-lua", 84)), \(device("quan-tri", 85))],
              "services": [\(service("cong-tot", 86)), \(service("cong-sai-ten", 90))]
            }

            """.utf8), to: path + "/agencies/so.json")
    }
}
