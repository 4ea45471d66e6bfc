import Foundation

extension Lab {
    /// Deletes stale labs whose namespaces start with `prefix` (`v6r-` for all labs, `v6r-<id>-` for one), left
    /// behind by a crashed or killed run, and returns the namespaces removed.
    ///
    /// Only names of the lab pattern `v6r-<6 hex>-<role>` are ever considered. A lab is stale when its registration
    /// says its owner process is gone (and it is not a persistent `lab up` lab), or — without a registration —
    /// when all its namespaces are older than this process. Labs of live processes, including parallel test runs,
    /// are left alone.
    @discardableResult
    public static func removeLeftovers(prefix: String = LabNames.namespacePrefix) throws -> [String] {
        guard prefix.hasPrefix(LabNames.namespacePrefix),
              prefix.utf8.allSatisfy({ LabNames.isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }) else {
            throw LabError.invalidArgument("leftover prefix \"\(prefix)\" must start with \(LabNames.namespacePrefix)")
        }
        let candidates = LabNamespaces.all().filter { $0.hasPrefix(prefix) && LabNames.isLabNamespace($0) }
        var byLab: [LabID: [String]] = [:]
        for namespace in candidates {
            byLab[LabNames.labID(ofNamespace: namespace)!, default: []].append(namespace)
        }
        // Registrations whose namespaces are all gone are stale too (a crash at the very end of a tear-down), and
        // so are /etc/netns folders of labs with neither.
        let ids = LabRegistry.registeredIDs()
            + LabResolvConf.labFolders().filter { $0.hasPrefix(prefix) }.compactMap(LabNames.labID)
        for id in ids where (id.namespacePrefix).hasPrefix(prefix) && byLab[id] == nil {
            byLab[id] = []
        }
        var removed: [String] = []
        var problems: [String] = []
        for (id, namespaces) in byLab.sorted(by: { $0.key < $1.key }) {
            let registration = LabRegistry.load(id)
            // The claim directory's date counts too: a lab claimed a moment ago has no namespace yet.
            let created = namespaces.compactMap(LabNamespaces.creationDate) + [LabRegistry.creationDate(id)].compactMap { $0 }
            guard isStale(registration: registration, namespaceCreationDates: created,
                          processStart: ProcessClock.currentProcessStart) else { continue }
            do {
                try remove(id, namespaces: namespaces, processes: [])
                removed += namespaces
            } catch LabError.teardownIncomplete(let leftovers) {
                problems += leftovers
            }
        }
        if !problems.isEmpty { throw LabError.teardownIncomplete(problems) }
        return removed
    }

    /// The staleness rule of `removeLeftovers`, apart so it can be tested without namespaces.
    static func isStale(registration: LabRegistration?, namespaceCreationDates: [Date], processStart: Date) -> Bool {
        if let registration {
            return !registration.persistent && !registration.ownerIsAlive
        }
        // No registration: only when every namespace predates this process (a lab being built right now by
        // another process always has its registration written first, so this is a belt-and-braces rule).
        return namespaceCreationDates.allSatisfy { $0 < processStart }
    }
}
