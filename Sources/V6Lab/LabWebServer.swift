import Foundation
import V6Core

/// One web site: the addresses and ports it listens on and the page it serves at `/`. Two sites can split one host
/// name's addresses between them — the IPv4 address on one, the IPv6 address on another — to serve different
/// content over each family, the "not the same page" case.
public struct LabWebSite: Sendable, Hashable {
    public var addresses: [IPAddress]
    public var ports: [Int]
    public var page: String

    public init(addresses: [IPAddress], ports: [Int] = [80, 443], page: String) {
        self.addresses = addresses
        self.ports = ports
        self.page = page
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
                    text += "        listen \(address.family == .v6 ? "[\(address)]" : "\(address)"):\(port);\n"
                }
            }
            text += "        root \(directory)/site\(index);\n    }\n"
        }
        return text + "}\n"
    }

    /// Writes the sites and starts nginx in `namespace`; returns once every address and port listens.
    public static func start(in namespace: String, sites: [LabWebSite]) throws -> LabServerProcess {
        let directory = try LabServerProcess.makeDirectory(for: .nginx, namespace: namespace)
        do {
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
        do {
            for site in sites {
                try server.waitUntilListening(on: site.addresses.map(\.description), tcpPorts: site.ports)
            }
        } catch {
            server.stop()
            throw error
        }
        return server
    }
}
