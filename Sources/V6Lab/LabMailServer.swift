import Foundation
import V6Core

/// The lab's SMTP listener: `socat` (Debian package `socat`) on port 25 of each address, in the host's namespace,
/// one process per address. Over a greeting address it sends the banner from a file (`220 <banner>`) and closes;
/// over a mute address it accepts and closes without a greeting. Chosen over a thread of the building process so
/// that a persistent lab (`lab up`) keeps its mail servers, and over a shell one-liner because the lab never runs a
/// shell: socat reads the banner from a file of the server's own directory.
public struct LabMailServer: Hashable, Sendable {
    /// Where it greets.
    public var greeting: [IPAddress]
    /// Where it accepts and closes without a greeting.
    public var mute: [IPAddress]
    /// The text after `220 `, e.g. `mx1.vidu.example ESMTP v6ready-lab`.
    public var banner: String
    public var port: Int

    public init(greeting: [IPAddress], mute: [IPAddress] = [], banner: String, port: Int = 25) {
        self.greeting = greeting
        self.mute = mute
        self.banner = banner
        self.port = port
    }
}

extension LabMailServer {
    /// The greeting's text must stay on one line of printable ASCII (RFC 5321 §4.5.3.1.5 bounds a line at 1000).
    func validate() throws {
        guard !banner.isEmpty, banner.utf8.count <= 200,
              banner.unicodeScalars.allSatisfy({ (0x20..<0x7F).contains($0.value) }) else {
            throw LabError.invalidSpec("SMTP banner \(String(reflecting: banner)) must be 1-200 printable ASCII characters")
        }
        guard (1...65535).contains(port) else {
            throw LabError.invalidSpec("SMTP port \(port) is outside 1-65535")
        }
        guard !(greeting + mute).isEmpty, Set(greeting + mute).count == (greeting + mute).count else {
            throw LabError.invalidSpec("an SMTP listener needs addresses, each once")
        }
    }

    /// The socat arguments for one address: `-U` (file to socket only) and the banner file for a greeting address,
    /// `/dev/null` (nothing to say; closed at once) for a mute one. Each binds its own address, one family only.
    static func listenerArguments(address: IPAddress, port: Int, greetingFile: String?) -> [String] {
        let listen = address.family == .v6 ? "TCP6-LISTEN:\(port),bind=[\(address)],ipv6only=1,reuseaddr,fork"
                                           : "TCP4-LISTEN:\(port),bind=\(address),reuseaddr,fork"
        if let greetingFile { return ["-U", "-lpv6r-smtp", listen, "OPEN:\(greetingFile),rdonly"] }
        return ["-lpv6r-smtp", listen, "/dev/null"]
    }

    /// Starts one socat per address inside `namespace`; `waitUntilReady()` on each waits for its port.
    func launch(in namespace: String) throws -> [LabServerProcess] {
        try validate()
        return try Self.launchListeners(in: namespace, port: port, greeting: greeting.map { ($0, "220 \(banner)\r\n") }, mute: mute)
    }

    /// One socat per address on `port`: a greeting address sends its text and closes, a mute one closes at once.
    /// What the SMTP listener and the SSH banner listener (`LabBannerServer`) share.
    static func launchListeners(in namespace: String, port: Int, greeting: [(IPAddress, String)],
                                mute: [IPAddress]) throws -> [LabServerProcess] {
        var started: [LabServerProcess] = []
        do {
            for (address, text) in greeting.map({ ($0.0, Optional($0.1)) }) + mute.map({ ($0, String?.none) }) {
                let directory = try LabServerProcess.makeDirectory(for: .socat, namespace: namespace)
                var file: String?
                if let text {
                    try LabServerProcess.write(text, to: "greeting", in: directory)
                    file = directory + "/greeting"
                }
                let server = try LabServerProcess.start(
                    .socat, arguments: Self.listenerArguments(address: address, port: port, greetingFile: file),
                    namespace: namespace, directory: directory)
                server.expect(listeningOn: [address], tcpPorts: [port])
                started.append(server)
            }
        } catch {
            for server in started { server.stop() }
            throw error
        }
        return started
    }
}
