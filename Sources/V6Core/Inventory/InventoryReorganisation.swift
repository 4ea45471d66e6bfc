/// The 2025 reorganisation as inventory operations: provinces merged (63 → 34), districts dissolved and communes
/// re-parented to the province, records renamed. Each returns the whole new inventory, already validated, or every
/// problem at once — nothing is half done — and says what it changed.
public enum InventoryReorganisation {
    /// What an operation changed, one line each, for `--dry-run` and the summary.
    public typealias Changes = [String]

    // MARK: Rename

    /// Gives a record a new id and rewrites every reference to it: an agency's children and its file, a site's
    /// segments, a segment's devices, a device's services.
    public static func rename(_ old: String, to new: String, in inventory: Inventory) -> Result<(Inventory, Changes), ValidationFailure> {
        guard let location = inventory.locate(old) else { return fail("no record has id \(quoted(old))") }
        if let why = IdentifierRules.problem(with: new) { return fail("NEW: \(why)") }
        if let taken = inventory.locate(new) {
            return fail("\(quoted(new)) is already the id of the \(taken.record.kindName) in \(Inventory.agencyPath(taken.agency.id))")
        }
        var changes: Changes = ["\(location.record.kindName) \(old) → \(new)"]
        if case .agency = location.record { changes.append("\(Inventory.agencyPath(old)) → \(Inventory.agencyPath(new))") }
        changes += InventoryEditor.references(to: old, in: inventory)
        return validated(renaming(inventory) { $0 == old ? new : $0 }, changes)
    }

    /// The inventory with every id, and every reference to one, passed through `map`.
    static func renaming(_ inventory: Inventory, _ map: (String) -> String) -> Inventory {
        var files = inventory.agencyFiles
        for f in files.indices {
            files[f].agency.id = map(files[f].agency.id)
            files[f].agency.parent = files[f].agency.parent.map(map)
            for i in files[f].sites.indices { files[f].sites[i].id = map(files[f].sites[i].id) }
            for i in files[f].segments.indices {
                files[f].segments[i].id = map(files[f].segments[i].id)
                files[f].segments[i].site = map(files[f].segments[i].site)
                files[f].segments[i].routers = files[f].segments[i].routers.map(map)
                files[f].segments[i].dhcpv6Servers = files[f].segments[i].dhcpv6Servers.map(map)
            }
            for i in files[f].devices.indices {
                files[f].devices[i].id = map(files[f].devices[i].id)
                files[f].devices[i].segment = map(files[f].devices[i].segment)
            }
            for i in files[f].services.indices {
                files[f].services[i].id = map(files[f].services[i].id)
                files[f].services[i].device = files[f].services[i].device.map(map)
            }
        }
        return Inventory(manifest: inventory.manifest, agencyFiles: files)
    }

    // MARK: Move and dissolve

    /// Puts an agency under another one (a commune under the province once its district is gone).
    public static func move(_ agency: String, parent: String, in inventory: Inventory) -> Result<(Inventory, Changes), ValidationFailure> {
        guard let index = inventory.agencyFileIndex(agency) else { return fail("\(quoted(agency)) is not an agency of this inventory") }
        guard inventory.agencyFileIndex(parent) != nil else { return fail("--parent \(quoted(parent)) is not an agency of this inventory") }
        guard !inventory.agencySubtree(of: agency).contains(parent) else {
            return fail("\(quoted(parent)) is \(agency == parent ? "the agency itself" : "below \(quoted(agency))"): the parent chain would loop")
        }
        var result = inventory
        let before = result.agencyFiles[index].agency.parent
        result.agencyFiles[index].agency.parent = parent
        return validated(result, ["agency \(agency): parent \(before ?? "none") → \(parent)"])
    }

    /// Marks an agency dissolved on `date` and moves its child agencies to `successor` (default: its own parent).
    /// Its sites, segments, devices and services stay in its file, for history.
    public static func dissolve(_ agency: String, on date: CalendarDate, successor: String?, in inventory: Inventory)
        -> Result<(Inventory, Changes), ValidationFailure> {
        guard let index = inventory.agencyFileIndex(agency) else { return fail("\(quoted(agency)) is not an agency of this inventory") }
        let heir = successor ?? inventory.agencyFiles[index].agency.parent
        let children = inventory.agencies.filter { $0.parent == agency && $0.dissolved == nil }.map(\.id)
        guard heir != nil || children.isEmpty else {
            return fail("\(quoted(agency)) has no parent to hand its \(children.count) agencies to; name one with --into")
        }
        if let heir {
            guard inventory.agencyFileIndex(heir) != nil else { return fail("--into \(quoted(heir)) is not an agency of this inventory") }
            guard !inventory.agencySubtree(of: agency).contains(heir) else { return fail("--into \(quoted(heir)) is \(agency) itself or below it") }
        }
        var result = inventory
        result.agencyFiles[index].agency.dissolved = date
        var changes: Changes = ["agency \(agency): dissolved on \(date)"]
        for i in result.agencyFiles.indices where children.contains(result.agencyFiles[i].agency.id) {
            result.agencyFiles[i].agency.parent = heir
            changes.append("agency \(result.agencyFiles[i].agency.id): parent \(agency) → \(heir!)")
        }
        return validated(result, changes)
    }

    // MARK: Merge

    /// How a merge went: what was taken in and what was renamed to make room.
    public struct MergeReport: Sendable, Equatable {
        public var agencies = 0, sites = 0, segments = 0, devices = 0, services = 0
        public var renamed = 0
        public var changes: Changes = []
    }

    /// Takes another inventory (a province absorbed in 2025) into this one: its agency files added, its root
    /// agencies put under `parent`, its scope and allocation added to this scope. Ids used on both sides and
    /// overlapping segment prefixes are errors; `idPrefix` renames every id of the other side (`bp-` + id) to make
    /// room. `otherDisplay` names the other side's files in messages.
    public static func merge(_ other: Inventory, into inventory: Inventory, idPrefix: String?, parent: String?,
                             otherDisplay: String) -> Result<(Inventory, MergeReport), ValidationFailure> {
        var incoming = other
        var report = MergeReport()
        if let idPrefix {
            switch prefixed(other, with: idPrefix) {
            case let .success(renamed): incoming = renamed.0; report.renamed = renamed.1
            case let .failure(failure): return .failure(failure)
            }
        }
        var problems: [Diagnostic] = []
        let ours = Set(allIDs(inventory))
        for file in incoming.agencyFiles {
            let single = Inventory(manifest: incoming.manifest, agencyFiles: [file])
            for id in allIDs(single) where ours.contains(id) {
                problems.append(Diagnostic(file: otherDisplay + file.relativePath,
                                           message: "id \(quoted(id)) is also used in this inventory (\(inventory.locate(id).map { Inventory.agencyPath($0.agency.id) } ?? "?")); merge with --id-prefix P to rename the incoming ids"))
            }
        }
        for file in incoming.agencyFiles {
            for segment in file.segments {
                for prefix in segment.ipv4 + segment.ipv6 {
                    if let clash = inventory.segments.first(where: { s in (s.ipv4 + s.ipv6).contains { $0.overlaps(prefix) } }) {
                        problems.append(Diagnostic(file: otherDisplay + file.relativePath,
                                                   message: "segment \(quoted(segment.id)) \(prefix) overlaps segment \(quoted(clash.id)) of this inventory"))
                    }
                }
            }
        }
        if let parent, inventory.agencyFileIndex(parent) == nil {
            problems.append(Diagnostic(file: "(command line)", message: "--parent \(quoted(parent)) is not an agency of this inventory"))
        }
        guard problems.isEmpty else { return .failure(ValidationFailure(problems)) }
        var files = incoming.agencyFiles
        for i in files.indices where files[i].agency.parent == nil {
            if let parent {
                files[i].agency.parent = parent
                report.changes.append("agency \(files[i].agency.id): parent \(parent)")
            }
        }
        for file in files {
            report.agencies += 1; report.sites += file.sites.count; report.segments += file.segments.count
            report.devices += file.devices.count; report.services += file.services.count
        }
        var manifest = inventory.manifest
        manifest.scope = Scope(ipv4: union(manifest.scope.ipv4, incoming.manifest.scope.ipv4),
                               ipv6: union(manifest.scope.ipv6, incoming.manifest.scope.ipv6 + [incoming.manifest.ipv6Allocation].compactMap { $0 }))
        let known = Set(manifest.catalog.map { "\($0.vendor)\u{0}\($0.model)" })
        manifest.catalog += incoming.manifest.catalog.filter { !known.contains("\($0.vendor)\u{0}\($0.model)") }
        report.changes.insert("\(report.agencies) agencies, \(report.devices) devices, \(report.services) services from \(incoming.manifest.name)", at: 0)
        switch validated(Inventory(manifest: manifest, agencyFiles: inventory.agencyFiles + files), []) {
        case let .success((merged, _)): return .success((merged, report))
        case let .failure(failure): return .failure(failure)
        }
    }

    /// Every id of the inventory with `prefix` in front, references included.
    static func prefixed(_ inventory: Inventory, with prefix: String) -> Result<(Inventory, Int), ValidationFailure> {
        let ids = allIDs(inventory)
        if let long = ids.first(where: { IdentifierRules.problem(with: prefix + $0) != nil }) {
            return fail("--id-prefix \(quoted(prefix)): \(IdentifierRules.problem(with: prefix + long)!) (\(quoted(prefix + long)))")
        }
        return .success((renaming(inventory) { prefix + $0 }, ids.count))
    }

    static func allIDs(_ inventory: Inventory) -> [String] {
        var ids: [String] = []
        for f in inventory.agencyFiles {
            ids.append(f.agency.id)
            ids += f.sites.map(\.id)
            ids += f.segments.map(\.id)
            ids += f.devices.map(\.id)
            ids += f.services.map(\.id)
        }
        return ids
    }

    /// Prefixes in order, each once, those inside another left out.
    static func union(_ a: [IPPrefix], _ b: [IPPrefix]) -> [IPPrefix] {
        var result = a
        for p in b where !result.contains(where: { $0.contains(p) }) { result.append(p) }
        return result
    }

    private static func validated(_ inventory: Inventory, _ changes: Changes) -> Result<(Inventory, Changes), ValidationFailure> {
        let problems = InventoryValidator.validate(inventory)
        return problems.isEmpty ? .success((inventory, changes)) : .failure(ValidationFailure(problems))
    }

    private static func fail<T>(_ message: String) -> Result<T, ValidationFailure> {
        .failure(ValidationFailure([Diagnostic(file: "(command line)", message: message)]))
    }
}
