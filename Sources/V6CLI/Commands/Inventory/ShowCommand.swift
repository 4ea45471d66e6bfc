import V6Core

/// `v6ready inventory show ID`: one record, whatever its kind, with what refers to it.
struct ShowCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        ["inventory", "show"], abstract: "Show one record (agency, site, segment, device or service) by id.",
        examples: ["v6ready inventory show so-tttt-fw1", "v6ready inventory show so-tttt --json"])

    @OptionGroup var inventory: InventoryOptions
    @Flag(.json) var json: Bool
    @Argument("ID", help: "The id of the record.") var id: String

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let store = try inventory.store(console)
        let inventory = try store.load()
        guard let location = inventory.locate(id) else {
            let close = (inventory.agencies.map(\.id) + inventory.sites.map(\.id) + inventory.segments.map(\.id)
                         + inventory.devices.map(\.id) + inventory.services.map(\.id)).filter { $0.contains(id) }.prefix(5)
            throw .invalid([Diagnostic(file: store.display, message: "no record has id \(quoted(id))"
                + (close.isEmpty ? "" : "; similar: \(close.joined(separator: ", "))"))])
        }
        var record = InventoryCodec.encode(location.record)
        var extra: [(String, JSONValue)] = [("type", .string(location.record.kindName)),
                                            ("file", .string(store.display + Inventory.agencyPath(location.agency.id)))]
        if case .agency = location.record {} else { extra.append(("agency", .string(location.agency.id))) }
        if case let .device(device) = location.record {
            let verdict = CapabilityCatalog.shipped.merged(with: inventory.manifest.catalog).verdict(for: device)
            extra.append(("catalog", .string(verdict.label)))
        }
        let refs = InventoryEditor.references(to: id, in: inventory)
        if !refs.isEmpty { extra.append(("referenced_by", .array(refs.map(JSONValue.string)))) }
        if case let .object(members) = record { record = .object(extra + members) }
        if json {
            console.out(JSONWriter.compact(record))
            return .success
        }
        var table = TextTable(["FIELD", "VALUE"])
        for (key, value) in record.objectValue ?? [] {
            let text: String
            switch value {
            case let .string(s): text = s
            case let .array(items): text = items.map { $0.stringValue ?? JSONWriter.compact($0) }.joined(separator: ", ")
            default: text = JSONWriter.compact(value)
            }
            table.add([key, text.isEmpty ? "-" : text])
        }
        console.outRaw(table.render())
        return .success
    }
}
