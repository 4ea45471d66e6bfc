import Foundation

/// What the lab keeps on disk about a lab while it exists: its layout and who owns it, in
/// `/run/v6ready/labs/<id>/lab.json` (tmpfs, gone at reboot like the namespaces themselves). Written before the
/// first namespace is created, so a namespace without a live owner is provably stale; removed last at tear-down.
public struct LabRegistration: Codable, Sendable, Hashable {
    public var layout: LabLayout
    /// The process that created the lab.
    public var ownerPID: Int32
    /// The owner's start time in clock ticks since boot (`/proc/PID/stat` field 22), to tell a reused PID apart.
    public var ownerStartTicks: UInt64?
    /// A persistent lab (`v6ready lab up`) outlives its creator and is removed only by `v6ready lab down`.
    public var persistent: Bool
    /// Creation time, seconds since 1970.
    public var createdAt: Double

    /// True while the creating process still runs.
    public var ownerIsAlive: Bool {
        guard let ticks = ProcessClock.startTicks(of: ownerPID) else { return false }
        return ownerStartTicks == nil || ownerStartTicks == ticks
    }
}

/// The files of `LabRegistration`.
enum LabRegistry {
    static let directory = "/run/v6ready/labs"

    static func directory(of id: LabID) -> String { directory + "/" + id.hex }
    static func file(of id: LabID) -> String { directory(of: id) + "/lab.json" }

    /// Claims `id` for this process by creating its directory: `mkdir` is atomic, so two processes that drew the
    /// same random id cannot both build (or later tear down) the same namespaces. False when the id is taken.
    static func claim(_ id: LabID) throws -> Bool {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw LabError.unsupported("cannot create \(directory): \(error.localizedDescription)")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory(of: id), withIntermediateDirectories: false)
            return true
        } catch {
            if FileManager.default.fileExists(atPath: directory(of: id)) { return false }
            throw LabError.unsupported("cannot create \(directory(of: id)): \(error.localizedDescription)")
        }
    }

    static func save(_ registration: LabRegistration) throws {
        guard let id = LabID(registration.layout.id) else {
            throw LabError.invalidArgument("lab id \(registration.layout.id)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try FileManager.default.createDirectory(atPath: directory(of: id), withIntermediateDirectories: true)
            try encoder.encode(registration).write(to: URL(fileURLWithPath: file(of: id)), options: .atomic)
        } catch {
            throw LabError.unsupported("cannot write \(file(of: id)): \(error.localizedDescription)")
        }
    }

    static func load(_ id: LabID) -> LabRegistration? {
        guard let data = FileManager.default.contents(atPath: file(of: id)) else { return nil }
        return try? JSONDecoder().decode(LabRegistration.self, from: data)
    }

    /// Labs with a registry directory, whatever state it is in.
    static func registeredIDs() -> [LabID] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap(LabID.init).sorted()
    }

    /// When the lab's directory was made (its claim), if it exists.
    static func creationDate(_ id: LabID) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: directory(of: id)))?[.modificationDate] as? Date
    }

    static func remove(_ id: LabID) throws {
        let path = directory(of: id)
        guard FileManager.default.fileExists(atPath: path) else { return }
        try FileManager.default.removeItem(atPath: path)
    }
}

/// Process start times from `/proc`, to compare PIDs and namespaces with this process.
enum ProcessClock {
    /// Linux reports `/proc/PID/stat` times in USER_HZ, which is 100 on every architecture Linux supports today.
    static let ticksPerSecond = 100.0

    /// Field 22 (`starttime`) of `/proc/PID/stat`, or nil when the process does not exist.
    static func startTicks(of pid: Int32) -> UInt64? {
        guard pid > 0, let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        // The command name (field 2) is in parentheses and may hold spaces; fields 3... follow the last ')'.
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 19 else { return nil }
        return UInt64(fields[19])
    }

    /// When this process started, as wall-clock time (boot time from `/proc/stat` plus the start ticks).
    static let currentProcessStart: Date = {
        let pid = ProcessInfo.processInfo.processIdentifier
        guard let ticks = startTicks(of: pid), let bootTime = bootTime() else { return Date() }
        return Date(timeIntervalSince1970: bootTime + Double(ticks) / ticksPerSecond)
    }()

    static func bootTime() -> Double? {
        guard let data = FileManager.default.contents(atPath: "/proc/stat") else { return nil }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }
}
