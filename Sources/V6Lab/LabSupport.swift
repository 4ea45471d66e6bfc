import Foundation

/// Whether this machine can build labs, and if not, why — in words a test can print when it skips.
public struct LabSupport: Sendable, Hashable, CustomStringConvertible {
    /// True when labs can be built: root, the required tools, and a namespace with a veth pair could be created.
    public let supported: Bool
    /// Why not (or "ok").
    public let reason: String
    /// True when the kernel has the `netem` qdisc, needed for delay (loss works without it).
    public let netem: Bool
    /// Why delay is unavailable (or "ok").
    public let netemReason: String

    public var description: String {
        supported ? "lab supported" + (netem ? "" : " (no delay: \(netemReason))") : "lab not supported: \(reason)"
    }
}

extension Lab {
    /// Checks once per process (the answer is cached) that labs can be built here: effective uid 0, the tools of
    /// `LabTool.required`, and a throw-away namespace `v6r-<id>-probe` holding a veth pair; on the way it tries a
    /// netem qdisc there to learn whether delay is available.
    public static func isSupported() -> LabSupport {
        cachedSupport
    }

    private static let cachedSupport: LabSupport = probeSupport()

    private static func probeSupport() -> LabSupport {
        func unsupported(_ reason: String) -> LabSupport {
            LabSupport(supported: false, reason: reason, netem: false, netemReason: reason)
        }
        #if !os(Linux)
        return unsupported("network namespaces are a Linux feature")
        #else
        if let uid = effectiveUID(), uid != 0 {
            return unsupported("not running as root (effective uid \(uid)); namespaces need CAP_SYS_ADMIN and "
                + "CAP_NET_ADMIN")
        }
        let missing = LabTool.required.filter { $0.locate() == nil }
        if !missing.isEmpty {
            let packages = Set(missing.map(\.debianPackage)).sorted().joined(separator: " ")
            return unsupported("missing " + missing.map(\.rawValue).joined(separator: ", ")
                + " (apt-get install \(packages))")
        }
        let id: LabID
        do {
            id = try claimFreshID()
        } catch {
            return unsupported("\(error)")
        }
        let namespace = LabNames.namespace(id, "probe")
        defer {
            _ = try? LabCommand.run(.ip, ["netns", "delete", namespace])
            try? LabRegistry.remove(id)
        }
        do {
            try LabCommand.check(.ip, ["netns", "add", namespace])
            try LabCommand.check(.ip, ["-n", namespace, "link", "add", LabNames.interface(id, role: "p", link: 0),
                                       "type", "veth", "peer", "name", LabNames.interface(id, role: "p", link: 1)])
            try LabCommand.check(inNamespace: namespace, .nft, ["list", "tables"])
        } catch {
            return unsupported("cannot build a network namespace with a veth pair: \(error)")
        }
        var netem = false
        var netemReason = "ok"
        if LabTool.tc.locate() == nil {
            netemReason = "tc is missing (apt-get install iproute2)"
        } else if let result = try? LabCommand.run(.tc, ["-n", namespace, "qdisc", "add", "dev",
                                                         LabNames.interface(id, role: "p", link: 0),
                                                         "root", "netem", "delay", "1ms"]) {
            netem = result.succeeded
            if !netem {
                netemReason = "this kernel has no netem qdisc (CONFIG_NET_SCH_NETEM): \(result.standardError)"
            }
        }
        return LabSupport(supported: true, reason: "ok", netem: netem, netemReason: netemReason)
        #endif
    }

    /// The effective uid from `/proc/self/status` (this module reads no libc).
    private static func effectiveUID() -> Int? {
        guard let data = FileManager.default.contents(atPath: "/proc/self/status") else { return nil }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("Uid:") {
            let fields = line.split(whereSeparator: \.isWhitespace)
            return fields.count > 2 ? Int(fields[2]) : nil
        }
        return nil
    }
}
