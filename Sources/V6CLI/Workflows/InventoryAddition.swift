import V6Core

/// Adding one record, as every `inventory add KIND` does it: locked, validated with the whole inventory, and
/// with problems in the new record named by the option that set them (`--segment: ...`).
struct InventoryAddition {
    let store: InventoryStore
    let json: Bool

    func add(_ record: InventoryRecord, agency: String?, console: Console) throws(CLIError) -> ExitCode {
        let id = Self.recordID(record)
        try store.modify { inventory throws(CLIError) in
            if let existing = inventory.locate(id) {
                throw .invalid([Diagnostic(file: "(command line)", message: "--id \(quoted(id)) is already used by the \(existing.record.kindName) in \(store.display)\(Inventory.agencyPath(existing.agency.id))")])
            }
            switch InventoryEditor.add(record, agency: agency, to: inventory) {
            case let .success(updated): return (updated, ())
            case let .failure(f): throw .invalid(f.diagnostics.map { optionDiagnostic($0, record: record, agency: agency, before: inventory) })
            }
        }
        let file = store.display + Inventory.agencyPath(agency ?? id)
        if json {
            console.out(JSONWriter.compact(.object([("added", .string(id)), ("type", .string(record.kindName)), ("file", .string(file))])))
        } else {
            console.out("Added \(record.kindName) \(id) to \(file)")
        }
        return .success
    }

    /// A problem in the record being added is the user's option, not a place in a file: `--segment: ...`.
    private func optionDiagnostic(_ d: Diagnostic, record: InventoryRecord, agency: String?, before: Inventory) -> Diagnostic {
        let file = agency.flatMap { before.agencyFileIndex($0) }.map { before.agencyFiles[$0] }
        let newPath: String
        switch record {
        case .agency: newPath = "agency"
        case .site: newPath = "sites[\(file?.sites.count ?? 0)]"
        case .segment: newPath = "segments[\(file?.segments.count ?? 0)]"
        case .device: newPath = "devices[\(file?.devices.count ?? 0)]"
        case .service: newPath = "services[\(file?.services.count ?? 0)]"
        }
        guard d.file == Inventory.agencyPath(agency ?? Self.recordID(record)), let path = d.path?.text, path.hasPrefix(newPath) else {
            return store.shown([d])[0]
        }
        let member = path.dropFirst(newPath.count).drop { $0 == "." }.split(separator: "[").first.map { "--" + $0 + ": " } ?? ""
        return Diagnostic(file: "(command line)", message: member + d.message)
    }

    static func recordID(_ record: InventoryRecord) -> String {
        switch record {
        case let .agency(x): return x.id
        case let .site(x): return x.id
        case let .segment(x): return x.id
        case let .device(x): return x.id
        case let .service(x): return x.id
        }
    }
}
