import Foundation
import V6System

/// Whether this machine can build labs, and if not, why — in words a test can print when it skips.
public struct LabSupport: Sendable, Hashable, CustomStringConvertible {
    /// True when labs can be built: root, the required tools, and a namespace with a veth pair could be created.
    public let supported: Bool
    /// Why not (or "ok").
    public let reason: String
    /// True when links can have added delay: a TUN interface could be created in a lab namespace (`/dev/net/tun`,
    /// `CONFIG_TUN`). Loss works without it.
    public let delay: Bool
    /// Why delay is unavailable (or "ok").
    public let delayReason: String

    public var description: String {
        supported ? "lab supported" + (delay ? "" : " (no delay: \(delayReason))") : "lab not supported: \(reason)"
    }
}

extension Lab {
    /// Checks once per process (the answer is cached) that labs can be built here: effective uid 0, the tools of
    /// `LabTool.required`, and a throw-away namespace `v6r-<id>-probe` holding a veth pair; on the way it creates a
    /// TUN interface there to learn whether delay (`LabDelayedLink`) is available.
    public static func isSupported() -> LabSupport {
        cachedSupport
    }

    private static let cachedSupport: LabSupport = probeSupport()

    private static func probeSupport() -> LabSupport {
        func unsupported(_ reason: String) -> LabSupport {
            LabSupport(supported: false, reason: reason, delay: false, delayReason: reason)
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
        var delay = true
        var delayReason = "ok"
        do {
            try TunDevice.create(named: LabNames.interface(id, role: "t", link: 0), inNetworkNamespace: namespace).close()
        } catch {
            delay = false
            delayReason = "cannot create a TUN interface for the delay relay (CONFIG_TUN, /dev/net/tun): \(error)"
        }
        return LabSupport(supported: true, reason: "ok", delay: delay, delayReason: delayReason)
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
