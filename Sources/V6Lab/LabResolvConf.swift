import Foundation
import V6Core

/// A lab namespace's own resolver file, `/etc/netns/<namespace>/resolv.conf`: what `ip netns exec` bind-mounts over
/// /etc/resolv.conf for programs it starts there (ip-netns(8)), and what `v6ready --netns` reads instead of this
/// machine's /etc/resolv.conf. The lab writes it for its scanner and removes it — file and folder — with the lab,
/// and the sweep of stale labs removes any a killed run left behind. Only folders named like lab namespaces are
/// ever touched; /etc/netns itself is left in place (iproute2 owns it).
enum LabResolvConf {
    static let directory = "/etc/netns"

    static func folder(of namespace: String) -> String { directory + "/" + namespace }
    static func path(of namespace: String) -> String { folder(of: namespace) + "/resolv.conf" }

    /// The file's text: the name servers in order and short timeouts (the lab's server is one hop away).
    static func text(nameservers: [IPAddress], lab: LabID) -> String {
        "# written by v6ready for lab \(lab.hex); removed with the lab\n"
            + nameservers.map { "nameserver \($0)\n" }.joined() + "options timeout:1 attempts:2\n"
    }

    /// Writes the file atomically (a reader never sees half of it).
    static func write(nameservers: [IPAddress], for namespace: String, lab: LabID) throws {
        try LabNames.validateNamespace(namespace)
        do {
            try FileManager.default.createDirectory(atPath: folder(of: namespace), withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o755])
            try Data(text(nameservers: nameservers, lab: lab).utf8).write(to: URL(fileURLWithPath: path(of: namespace)),
                                                                          options: .atomic)
        } catch {
            throw LabError.unsupported("cannot write \(path(of: namespace)): \(error.localizedDescription)")
        }
    }

    /// The lab namespace folders under /etc/netns (whatever lab they belong to).
    static func labFolders() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter(LabNames.isLabNamespace).sorted()
    }

    /// Removes `resolv.conf` and then the folder of lab namespace `namespace`, if they exist; a folder that holds
    /// anything else is left (something other than the lab put it there) and named in the returned problem.
    static func remove(for namespace: String) -> String? {
        guard LabNames.isLabNamespace(namespace) else { return nil }
        let folder = folder(of: namespace)
        guard FileManager.default.fileExists(atPath: folder) else { return nil }
        do {
            if FileManager.default.fileExists(atPath: path(of: namespace)) {
                try FileManager.default.removeItem(atPath: path(of: namespace))
            }
            let rest = try FileManager.default.contentsOfDirectory(atPath: folder)
            guard rest.isEmpty else { return "\(folder) still holds \(rest.sorted().joined(separator: ", "))" }
            try FileManager.default.removeItem(atPath: folder)
            return nil
        } catch {
            return "\(folder): \(error.localizedDescription)"
        }
    }
}
