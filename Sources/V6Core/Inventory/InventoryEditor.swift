/// Changes to an inventory that keep it valid: every edit is checked as a whole before anything is written,
/// so a bad edit or import leaves the files as they were.
public enum InventoryEditor {
    /// Adds or replaces devices and services read from CSV. Rows whose id exists replace the record in place
    /// (moving it if its agency changed); new ids are appended to their agency's file. Problems are reported
    /// against the CSV line that caused them.
    public static func merge(_ imported: InventoryCSV.Imported, into inventory: Inventory, csvFile: String)
        -> Result<(inventory: Inventory, added: Int, replaced: Int), ValidationFailure> {
        var result = inventory
        var problems: [Diagnostic] = []
        var added = 0, replaced = 0
        var seenInFile: [String: Int] = [:]
        // Where every record is now, so that each row costs a lookup, not a scan of the inventory.
        var fileIndex: [String: Int] = [:]
        var located: [String: (file: Int, kind: String)] = [:]
        for (i, file) in result.agencyFiles.enumerated() {
            if fileIndex[file.agency.id] == nil { fileIndex[file.agency.id] = i }
            func note(_ id: String, _ kind: String) { if located[id] == nil { located[id] = (i, kind) } }
            note(file.agency.id, "agency")
            for x in file.sites { note(x.id, "site") }
            for x in file.segments { note(x.id, "segment") }
            for x in file.devices { note(x.id, "device") }
            for x in file.services { note(x.id, "service") }
        }

        func place<R>(_ id: String, agency: String, line: Int, record: R,
                      keyPath: WritableKeyPath<AgencyFile, [R]>, kindName: String, idOf: (R) -> String) {
            if let first = seenInFile[id] {
                problems.append(Diagnostic(file: csvFile, line: line, message: "id: \(quoted(id)) is already on line \(first) of this file"))
                return
            }
            seenInFile[id] = line
            guard let target = fileIndex[agency] else {
                problems.append(Diagnostic(file: csvFile, line: line, message: "agency: \(quoted(agency)) is not an agency of this inventory"))
                return
            }
            if let existing = located[id] {
                guard existing.kind == kindName else {
                    problems.append(Diagnostic(file: csvFile, line: line,
                        message: "id: \(quoted(id)) is already used by a \(existing.kind) of agency \(quoted(result.agencyFiles[existing.file].agency.id))"))
                    return
                }
                let from = existing.file
                guard let index = result.agencyFiles[from][keyPath: keyPath].firstIndex(where: { idOf($0) == id }) else { return }
                if from == target {
                    result.agencyFiles[from][keyPath: keyPath][index] = record
                    replaced += 1
                    return
                }
                result.agencyFiles[from][keyPath: keyPath].remove(at: index)
                replaced += 1
            } else {
                added += 1
            }
            located[id] = (target, kindName)
            result.agencyFiles[target][keyPath: keyPath].append(record)
        }

        for row in imported.devices {
            place(row.device.id, agency: row.agency, line: row.line, record: row.device, keyPath: \.devices, kindName: "device", idOf: \.id)
        }
        for row in imported.services {
            place(row.service.id, agency: row.agency, line: row.line, record: row.service, keyPath: \.services, kindName: "service", idOf: \.id)
        }
        guard problems.isEmpty else { return .failure(ValidationFailure(problems)) }
        // Where each imported record now sits ("agencies/x.json\0devices[3]"), so problems point at its CSV line.
        var origins: [String: Int] = [:]
        let lineByID = Dictionary(imported.devices.map { ($0.device.id, $0.line) } + imported.services.map { ($0.service.id, $0.line) },
                                  uniquingKeysWith: { a, _ in a })
        for file in result.agencyFiles {
            for (i, d) in file.devices.enumerated() { if let l = lineByID[d.id] { origins[file.relativePath + "\u{0}devices[\(i)]"] = l } }
            for (i, s) in file.services.enumerated() { if let l = lineByID[s.id] { origins[file.relativePath + "\u{0}services[\(i)]"] = l } }
        }
        let validation = InventoryValidator.validate(result)
        if !validation.isEmpty {
            return .failure(ValidationFailure(validation.map { relocate($0, origins: origins, csvFile: csvFile) }.sorted()))
        }
        return .success((result, added, replaced))
    }

    /// Says a problem found in a record that came from the CSV file against that file's line and column.
    private static func relocate(_ d: Diagnostic, origins: [String: Int], csvFile: String) -> Diagnostic {
        guard let path = d.path?.text else { return d }
        let recordPath: Substring = path.firstIndex(of: "]").map { path[...$0] } ?? path[...]
        guard let line = origins[d.file + "\u{0}" + recordPath] else { return d }
        var rest = path.dropFirst(recordPath.count)
        if rest.hasPrefix(".") { rest = rest.dropFirst() }
        let column = rest.split(separator: "[").first.map(String.init)
        return Diagnostic(file: csvFile, line: line, message: (column.map { "\($0): " } ?? "") + d.message)
    }

    /// Adds one record to an agency's file (an agency record creates a new file), then validates the result.
    public static func add(_ record: InventoryRecord, agency agencyID: String?, to inventory: Inventory)
        -> Result<Inventory, ValidationFailure> {
        var result = inventory
        if case let .agency(agency) = record {
            if result.locate(agency.id) != nil {
                return .failure(ValidationFailure([Diagnostic(file: Inventory.agencyPath(agency.id),
                    message: "id \(quoted(agency.id)) is already used")]))
            }
            result = Inventory(manifest: result.manifest, agencyFiles: result.agencyFiles + [AgencyFile(agency: agency)])
        } else {
            guard let agencyID else {
                return .failure(ValidationFailure([Diagnostic(file: "(command line)", message: "--agency is required for a \(record.kindName)")]))
            }
            guard let index = result.agencyFileIndex(agencyID) else {
                return .failure(ValidationFailure([Diagnostic(file: "(command line)",
                    message: "--agency \(quoted(agencyID)) is not an agency of this inventory")]))
            }
            switch record {
            case let .site(x): result.agencyFiles[index].sites.append(x)
            case let .segment(x): result.agencyFiles[index].segments.append(x)
            case let .device(x): result.agencyFiles[index].devices.append(x)
            case let .service(x): result.agencyFiles[index].services.append(x)
            case .agency: break
            }
        }
        let problems = InventoryValidator.validate(result)
        return problems.isEmpty ? .success(result) : .failure(ValidationFailure(problems))
    }

    /// What refers to `id` (a segment's devices, a device's services, an agency's children...).
    public static func references(to id: String, in inventory: Inventory) -> [String] {
        var refs: [String] = []
        for file in inventory.agencyFiles {
            if file.agency.parent == id { refs.append("agency \(file.agency.id) (parent)") }
            for s in file.segments where s.site == id { refs.append("segment \(s.id) (site)") }
            for d in file.devices where d.segment == id { refs.append("device \(d.id) (segment)") }
            for s in file.segments where s.routers.contains(id) { refs.append("segment \(s.id) (routers)") }
            for s in file.segments where s.dhcpv6Servers.contains(id) { refs.append("segment \(s.id) (dhcpv6_servers)") }
            for s in file.services where s.device == id { refs.append("service \(s.id) (device)") }
        }
        return refs
    }

    /// Removes a record by id. Refuses while other records refer to it; an agency goes with its whole file,
    /// and only when nothing outside it refers to its contents.
    public static func remove(_ id: String, from inventory: Inventory) -> Result<(Inventory, InventoryRecord), ValidationFailure> {
        guard let location = inventory.locate(id) else {
            return .failure(ValidationFailure([Diagnostic(file: "(command line)", message: "no record has id \(quoted(id))")]))
        }
        var result = inventory
        let index = result.agencyFileIndex(location.agency.id)!
        switch location.record {
        case .agency:
            let file = result.agencyFiles.remove(at: index)
            let inside = Set([file.agency.id] + file.sites.map(\.id) + file.segments.map(\.id) + file.devices.map(\.id))
            let outside = inside.flatMap { references(to: $0, in: result) }
            if !outside.isEmpty {
                return .failure(ValidationFailure([Diagnostic(file: file.relativePath,
                    message: "cannot remove agency \(quoted(id)): still referred to by \(outside.sorted().joined(separator: ", "))")]))
            }
        default:
            let refs = references(to: id, in: inventory)
            if !refs.isEmpty {
                return .failure(ValidationFailure([Diagnostic(file: location.agency.id == "" ? "" : Inventory.agencyPath(location.agency.id),
                    message: "cannot remove \(location.record.kindName) \(quoted(id)): still referred to by \(refs.joined(separator: ", "))")]))
            }
            result.agencyFiles[index].sites.removeAll { $0.id == id }
            result.agencyFiles[index].segments.removeAll { $0.id == id }
            result.agencyFiles[index].devices.removeAll { $0.id == id }
            result.agencyFiles[index].services.removeAll { $0.id == id }
        }
        return .success((result, location.record))
    }
}
