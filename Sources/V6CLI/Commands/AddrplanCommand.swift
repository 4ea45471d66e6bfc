import V6Core
import V6System

/// `v6ready addrplan`: the IPv6 address plan — nibble-aligned blocks per agency and site, a /64 per segment.
enum AddrplanCommand {
    static let spec = CommandSpec(
        ["addrplan"], abstract: "Allocate the IPv6 address plan: a block per agency and site, a /64 per segment; find overlaps.",
        discussion: """
        Prefixes already in the inventory are kept as they are; blocks from earlier runs are kept (they are
        recorded in the inventory folder's addrplan.json); new blocks are appended after the highest allocation
        of their parent. Errors (exit 1): segments that overlap, prefixes outside the plan's prefix or outside
        their agency's block. --write puts the planned /64s into the inventory's segments (locked, validated,
        atomic); without it the inventory is not changed.
        """,
        options: [
            .inventory,
            OptionSpec("--prefix", value: "PREFIX", "The block to divide (default: ipv6_allocation in inventory.json)."),
            OptionSpec("--write", "Write the planned prefixes into the segments of the inventory."),
            OptionSpec("--csv", value: "FILE", "Also export the plan as CSV (UTF-8 with BOM, for Excel)."),
            OptionSpec("--dry-run", "Do not record new allocations in addrplan.json."),
            OptionSpec("--lang", value: "LANG", "Language of the table: en (default) or vi."),
            .json,
        ],
        examples: ["v6ready addrplan --inventory inventories/example",
                   "v6ready addrplan --prefix 2001:db8:a00::/40 --csv addrplan.csv",
                   "v6ready addrplan --write"],
        run: run)

    static func statePath(_ store: InventoryStore) -> String { store.directory + "/" + AddressPlanState.fileName }

    /// Reads addrplan.json when there is one; problems in it are input errors.
    static func readState(_ store: InventoryStore) throws(CLIError) -> AddressPlanState? {
        let path = statePath(store)
        guard FileSystem.isRegularFile(path) else { return nil }
        let shown = store.display + AddressPlanState.fileName
        let bytes: [UInt8]
        do { bytes = try FileSystem.readFile(path) } catch { throw .invalid([Diagnostic(file: shown, message: "cannot read: \(error)")]) }
        switch AddressPlanState.decode(bytes, file: shown) {
        case let .success(state): return state
        case let .failure(failure): throw .invalid(failure.diagnostics)
        }
    }

    /// The /64s the plan would give segments without IPv6, for `plan`'s actions; empty when there is no plan to make.
    static func suggestedPrefixes(_ store: InventoryStore, _ inventory: Inventory) -> [String: IPPrefix] {
        guard let root = inventory.manifest.ipv6Allocation, let state = try? readState(store),
              let result = try? AddressPlanner.plan(inventory, root: root, state: state) else {
            if let root = inventory.manifest.ipv6Allocation, !FileSystem.isRegularFile(statePath(store)),
               let result = try? AddressPlanner.plan(inventory, root: root, state: nil) {
                return result.plannedSegmentPrefixes
            }
            return [:]
        }
        return result.plannedSegmentPrefixes
    }

    static func run(_ args: ParsedArguments, _ console: inout Console) throws(CLIError) -> ExitCode {
        let x = ReportText(try args.word("--lang", ReportLanguage.self) ?? .en)
        let store = try InventoryStore.locate(args.value("--inventory"), console: console)
        let inventory = try store.load()
        let root: IPPrefix
        if let text = args.value("--prefix") {
            do { root = try IPPrefix(parsing: text) } catch {
                throw .usage("--prefix: \(error.message)", args.command)
            }
        } else if let allocation = inventory.manifest.ipv6Allocation {
            root = allocation
        } else {
            throw .usage("no prefix to divide: pass --prefix PREFIX, or set ipv6_allocation in \(store.display)\(Inventory.manifestPath)", args.command)
        }
        let previous = try readState(store)
        let result: AddressPlanner.Result
        do { result = try AddressPlanner.plan(inventory, root: root, state: previous) } catch {
            throw .invalid([Diagnostic(file: previous == nil ? "--prefix" : store.display + AddressPlanState.fileName, message: error.message)])
        }

        if !args.flag("--dry-run") {
            let text = result.state.encoded()
            let existing = try? FileSystem.readFile(statePath(store))
            if existing != Array(text.utf8) {
                do { try AtomicFile.write(text, to: statePath(store)) } catch {
                    throw .environment("cannot write \(store.display)\(AddressPlanState.fileName): \(error)")
                }
            }
        }
        if let csv = args.value("--csv") {
            let rows = result.rows.map { r in [r.level.rawValue, r.id, r.agency, r.site ?? "", r.prefix?.description ?? "", r.source.rawValue, r.name] }
            let bytes = CSV.format(header: ["level", "id", "agency", "site", "prefix", "source", "name"], rows: rows, byteOrderMark: true)
            do { try AtomicFile.write(bytes, to: console.resolve(csv)) } catch { throw .environment("cannot write \(csv): \(error)") }
        }

        var written = 0
        if args.flag("--write") {
            guard !result.hasErrors else {
                for f in result.findings { console.error(f.description) }
                console.error(x.t("Nothing written: fix the errors above first.", "Chưa ghi gì: cần sửa các lỗi trên trước."))
                return .findings
            }
            let planned = result.plannedSegmentPrefixes
            written = try store.modify { inventory throws(CLIError) in
                var updated = inventory
                var count = 0
                for f in updated.agencyFiles.indices {
                    for s in updated.agencyFiles[f].segments.indices where updated.agencyFiles[f].segments[s].ipv6.isEmpty {
                        if let p = planned[updated.agencyFiles[f].segments[s].id] { updated.agencyFiles[f].segments[s].ipv6 = [p]; count += 1 }
                    }
                }
                let problems = InventoryValidator.validate(updated)
                if !problems.isEmpty {
                    throw .invalid(problems.map { var d = $0; d.file = store.display + d.file; return d })
                }
                return (updated, count)
            }
        }

        if args.flag("--json") {
            var o = JSONObjectBuilder()
            o.add("prefix", root.description)
            o.add("agency_length", result.state.agencyLength)
            o.add("site_length", result.state.siteLength)
            o.add("rows", .array(result.rows.map { r in
                var row = JSONObjectBuilder()
                row.add("level", r.level.rawValue); row.add("id", r.id); row.add("agency", r.agency); row.addIfPresent("site", r.site)
                row.add("prefix", r.prefix.map { .string($0.description) } ?? .null); row.add("source", r.source.rawValue); row.add("name", r.name)
                return row.value
            }))
            o.add("findings", .array(result.findings.map { f in
                .object([("severity", .string(f.severity.rawValue)), ("ids", .array(f.ids.map(JSONValue.string))), ("message", .string(f.message))])
            }))
            o.add("written", written)
            console.out(JSONWriter.compact(o.value))
        } else {
            console.out(x.t("IPv6 address plan", "Quy hoạch địa chỉ IPv6") + " \(root): " + x.t("agency", "cơ quan") + " /\(result.state.agencyLength), "
                        + x.t("site", "điểm") + " /\(result.state.siteLength), " + x.t("segment", "phân đoạn") + " /64")
            var table = TextTable([x.t("LEVEL", "CẤP"), "ID", x.t("PREFIX", "TIỀN TỐ"), x.t("SOURCE", "NGUỒN"), x.t("NAME", "TÊN")])
            for r in result.rows {
                let indent = r.level == .agency ? "" : r.level == .site ? "  " : "    "
                table.add([r.level.rawValue, indent + r.id, r.prefix?.description ?? "—", r.source.rawValue, r.name])
            }
            console.outRaw(table.render())
            let counts = Dictionary(grouping: result.rows.filter { $0.level == .segment }, by: \.source).mapValues(\.count)
            console.out("")
            console.out(x.t("Segments", "Phân đoạn") + ": \(counts[.inventory] ?? 0) " + x.t("in the inventory", "đã có trong kiểm kê") + ", \(counts[.kept] ?? 0) "
                        + x.t("kept from addrplan.json", "giữ từ addrplan.json") + ", \(counts[.new] ?? 0) " + x.t("new", "mới"))
            for f in result.findings { console.out(f.description) }
            if written > 0 { console.out(x.t("Wrote \(written) segment prefixes into the inventory.", "Đã ghi \(written) tiền tố vào kiểm kê.")) }
        }
        return result.hasErrors ? .findings : .success
    }
}
