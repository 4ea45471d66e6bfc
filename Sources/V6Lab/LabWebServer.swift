import Foundation
import V6Core

/// One web site: the addresses and ports it listens on, the host names it answers to and the page it serves at `/`.
/// Two sites can split one host name's addresses between them — the IPv4 address on one, the IPv6 address on
/// another — to serve different content over each family, the "not the same page" case. Several sites may listen
/// on one address (name-based virtual hosts, as a load balancer in front of many portals does): a request goes to
/// the site whose `names` hold its Host header, else to the first site listening there.
public struct LabWebSite: Sendable, Hashable {
    public var addresses: [IPAddress]
    public var ports: [Int]
    public var page: String
    /// Host names (nginx `server_name`); empty answers whatever name comes.
    public var names: [String]
    /// With TLS, port 443 speaks it (`listen ... ssl`); without, 443 is plain HTTP like every other port.
    public var tls: LabTLS?

    public init(addresses: [IPAddress], ports: [Int] = [80, 443], page: String, names: [String] = [], tls: LabTLS? = nil) {
        self.addresses = addresses
        self.ports = ports
        self.page = page
        self.names = names
        self.tls = tls
    }
}

/// nginx serving lab sites from inside a lab namespace: plain HTTP on every port (443 too: the checks only connect
/// to it), `daemon off` in the configuration so it stays in the foreground, pid, logs and temporary files in a private
/// temporary directory.
public enum LabWebServer {
    /// `nginx.conf` for `sites`, every path under `directory`.
    public static func configuration(sites: [LabWebSite], directory: String) -> String {
        var text = """
            daemon off;
            worker_processes 1;
            pid \(directory)/nginx.pid;
            error_log \(directory)/error.log;
            events { worker_connections 64; }
            http {
                access_log off;
                default_type text/html;
                charset utf-8;
                client_body_temp_path \(directory)/tmp/body;
                proxy_temp_path \(directory)/tmp/proxy;
                fastcgi_temp_path \(directory)/tmp/fastcgi;
                uwsgi_temp_path \(directory)/tmp/uwsgi;
                scgi_temp_path \(directory)/tmp/scgi;

            """
        for (index, site) in sites.enumerated() {
            text += "    server {\n"
            for address in site.addresses {
                for port in site.ports {
                    let ssl = site.tls != nil && port == 443 ? " ssl" : ""
                    text += "        listen \(address.family == .v6 ? "[\(address)]" : "\(address)"):\(port)\(ssl);\n"
                }
            }
            if let tls = site.tls {
                text += "        ssl_certificate \(tls.certificate.certificatePath);\n"
                text += "        ssl_certificate_key \(tls.certificate.keyPath);\n"
                text += "        ssl_protocols \(tls.protocols.joined(separator: " "));\n"
            }
            if !site.names.isEmpty { text += "        server_name \(site.names.joined(separator: " "));\n" }
            text += "        root \(directory)/site\(index);\n    }\n"
        }
        return text + "}\n"
    }

    /// Throws unless every site's names are host names nginx reads as they are (letters, digits, `-`, `.`).
    static func validate(_ sites: [LabWebSite]) throws {
        for name in sites.flatMap(\.names) {
            guard !name.isEmpty, name.count <= 253, name.utf8.allSatisfy({ byte in
                LabNames.isLowerAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            }) else {
                throw LabError.invalidSpec("web site name \(String(reflecting: name)) is not a lower-case host name")
            }
        }
        for port in sites.flatMap(\.ports) where !(1...65535).contains(port) {
            throw LabError.invalidSpec("web site port \(port) is outside 1-65535")
        }
    }

    /// Writes the sites and starts nginx in `namespace`; returns once every address and port listens.
    public static func start(in namespace: String, sites: [LabWebSite]) throws -> LabServerProcess {
        try launch(in: namespace, sites: sites).ready()
    }

    /// Makes the certificates the sites name but nobody made yet, in the server's directory (gone with the
    /// server): sites naming equal certificates share one, so one host name keeps one certificate over both
    /// families unless the spec gives its IPv6 site another.
    static func makeCertificates(_ sites: inout [LabWebSite], in directory: String) throws {
        var made: [LabCertificate: LabCertificate] = [:]
        for index in sites.indices {
            guard let tls = sites[index].tls, !tls.certificate.isMade else { continue }
            let certificate = try made[tls.certificate] ?? tls.certificate.make(in: directory)
            made[tls.certificate] = certificate
            sites[index].tls?.certificate = certificate
        }
    }

    /// Like `start`, but returns at once; `waitUntilReady()` waits for the server.
    static func launch(in namespace: String, sites: [LabWebSite]) throws -> LabServerProcess {
        try validate(sites)
        let directory = try LabServerProcess.makeDirectory(for: .nginx, namespace: namespace)
        var sites = sites
        do {
            try makeCertificates(&sites, in: directory)
            for (index, site) in sites.enumerated() {
                try LabServerProcess.write(site.page, to: "site\(index)/index.html", in: directory)
            }
            try FileManager.default.createDirectory(atPath: directory + "/tmp", withIntermediateDirectories: true)
            try LabServerProcess.write(configuration(sites: sites, directory: directory), to: "nginx.conf", in: directory)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
        let server = try LabServerProcess.start(.nginx, arguments: ["-c", directory + "/nginx.conf", "-p", directory],
                                                namespace: namespace, directory: directory)
        for site in sites { server.expect(listeningOn: site.addresses, tcpPorts: site.ports) }
        return server
    }
}
