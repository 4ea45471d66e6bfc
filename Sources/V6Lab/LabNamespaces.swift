import Foundation

/// The named network namespaces of the machine, as `ip netns` keeps them: one file each in `/run/netns`.
enum LabNamespaces {
    static let directory = "/run/netns"

    /// Every named namespace (lab or not).
    static func all() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    static func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: directory + "/" + name)
    }

    /// When the namespace was created: the modification time of its file in /run/netns, which `ip netns add`
    /// sets once (the bind mount of the namespace keeps that time).
    static func creationDate(_ name: String) -> Date? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: directory + "/" + name)
        return attributes?[.modificationDate] as? Date
    }

    /// SIGKILLs every process whose network namespace is `name` (`ip netns pids`), except this process. Returns a
    /// problem description, or nil when none is left.
    static func killProcesses(in name: String) -> String? {
        guard LabNames.isLabNamespace(name), exists(name) else { return nil }
        let ownPID = String(ProcessInfo.processInfo.processIdentifier)
        do {
            let listed = try LabCommand.run(.ip, ["netns", "pids", name], timeout: .seconds(10))
            let pids = listed.standardOutput.split(whereSeparator: \.isNewline).map(String.init)
                .filter { !$0.isEmpty && $0.allSatisfy(\.isNumber) && $0 != ownPID }
            guard !pids.isEmpty else { return nil }
            // kill exits non-zero when a process ended on its own meanwhile; that is fine.
            _ = try LabCommand.run(.kill, ["-KILL"] + pids, timeout: .seconds(10))
            return nil
        } catch {
            return "\(name): could not stop its processes: \(error)"
        }
    }
}
