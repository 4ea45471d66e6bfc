import V6Core

/// An SSH-like listener for management-port checks: socat on port 22 of each address sending one identification
/// line (`SSH-2.0-v6ready-lab`, RFC 4253 §4.2) and closing. Enough for a banner read; no key exchange follows.
public enum LabBannerServer {
    /// Starts one listener per address in `namespace` and waits until each listens.
    public static func start(in namespace: String, addresses: [IPAddress], port: Int = 22,
                             banner: String = "SSH-2.0-v6ready-lab") throws -> [LabServerProcess] {
        guard banner.hasPrefix("SSH-"), banner.utf8.count <= 200, banner.unicodeScalars.allSatisfy({ (0x20..<0x7F).contains($0.value) }) else {
            throw LabError.invalidSpec("SSH banner \(String(reflecting: banner)) must start with SSH- and be printable ASCII")
        }
        let servers = try LabMailServer.launchListeners(in: namespace, port: port, greeting: addresses.map { ($0, banner + "\r\n") }, mute: [])
        do {
            for server in servers { try server.waitUntilReady() }
        } catch {
            for server in servers { server.stop() }
            throw error
        }
        return servers
    }
}
