import Foundation
import V6Core
import V6System

/// What assess, plan and check read before they judge anything: the inventory, the program, the scans chosen by
/// the scan store's one rule (or `--scan`), the day and the language.
struct PlanningInputs {
    let store: InventoryStore
    let inventory: Inventory
    let program: Program
    let scans: [ScanStore.LoadedScan]
    /// The scans merged (the newest result per record, address, method and port wins); nil without scans.
    let scan: ScanData?
    let today: CalendarDate

    var agencyNames: [String: String] {
        var names: [String: String] = [:]
        for a in inventory.agencies { names[a.id] = a.name }
        return names
    }

    /// Records any of the scans saw working from an IPv6-only vantage.
    var ipv6OnlyVerified: Set<String> { Set(scans.flatMap(\.ipv6OnlyVerified.keys)) }

    var catalog: CapabilityCatalog { CapabilityCatalog.shipped.merged(with: inventory.manifest.catalog) }

    func assess() -> Assessment {
        Assessor.assess(inventory, catalog: catalog, scan: scan, program: program)
    }

    /// Reads everything; `requireScan` makes "no scan" an input error (check) instead of a notice (assess, plan).
    static func load(inventory: InventoryOptions, program: ProgramOptions, scans: ScanInputOptions, reports: ReportsOptions,
                     requireScan: Bool, console: Console) throws(CLIError) -> PlanningInputs {
        let loadedProgram = try program.load(console)
        let store = try inventory.store(console)
        let loadedInventory = try store.load()
        let scanStore = reports.scanStore(console)
        return try PlanningInputs(store: store, inventory: loadedInventory, program: loadedProgram, today: program.today,
                                  scanPaths: try scanStore.choose(scans.files, requireScan: requireScan, console: console),
                                  scanStore: scanStore, console: console)
    }

    /// From parts already read, loading and merging the scans at `scanPaths`.
    init(store: InventoryStore, inventory: Inventory, program: Program, today: CalendarDate, scanPaths: [String], scanStore: ScanStore,
         console: Console) throws(CLIError) {
        let loaded = try scanStore.load(scanPaths, console: console)
        let merged: ScanData? = loaded.count > 1 ? ScanMerge.merge(loaded.map(\.data)) : loaded.first?.data
        if loaded.count > 1, let merged {
            console.error("Merged \(loaded.count) scans (the newest result per record, address, method and port wins): \(merged.name).")
        }
        self.init(store: store, inventory: inventory, program: program, scans: loaded, scan: merged, today: today)
    }

    private init(store: InventoryStore, inventory: Inventory, program: Program, scans: [ScanStore.LoadedScan], scan: ScanData?,
                 today: CalendarDate) {
        self.store = store; self.inventory = inventory; self.program = program; self.scans = scans; self.scan = scan; self.today = today
    }
}

extension ScanStore {
    /// The scans to evaluate: those named, else the store's default (`latest()`), said on stderr.
    func choose(_ given: [String], requireScan: Bool, console: Console) throws(CLIError) -> [String] {
        guard given.isEmpty else { return given }
        let chosen = latest()
        if chosen.isEmpty {
            if requireScan {
                throw .invalid([Diagnostic(file: shown + "/", message: "no scan to check: run `v6ready scan` first, or use --scan-now or --scan FILE")])
            }
            console.error("No scan found under \(shown)/: assessing from the inventory and the capability catalog alone (run `v6ready scan`, or pass --scan FILE).")
        } else {
            console.error(chosen.count == 1 ? "Using the newest scan, \(chosen[0])."
                          : "Using the newest scans: \(chosen.joined(separator: ", ")) (the newest whole-inventory scan and newer site scans).")
        }
        return chosen
    }
}

extension ProgramOptions {
    /// The program named (a built-in id or a file), or the built-in program in force on the day judged.
    func load(_ console: Console) throws(CLIError) -> Program {
        var chosen = try loadNamed(console)
        if let capacity { chosen.capacity = capacity.applied(to: chosen.capacity) }
        return chosen
    }

    private func loadNamed(_ console: Console) throws(CLIError) -> Program {
        guard let name = program else {
            let (chosen, note) = ProgramCatalog.program(for: today)
            if let note { console.error("v6ready: \(note).") }
            return chosen
        }
        if let builtIn = ProgramCatalog.program(id: name) { return builtIn }
        let bytes: [UInt8]
        do { bytes = try BoundedFileReader.read(console.resolve(name)) } catch {
            let ids = ProgramCatalog.shipped.map(\.id).joined(separator: ", ")
            throw .invalid([Diagnostic(file: name, message: "is neither a built-in program (\(ids); see `v6ready programs`) nor a readable program file: \(error)")])
        }
        switch ProgramCodec.load(bytes, file: name) {
        case let .success(program): return program
        case let .failure(failure): throw .invalid(failure.diagnostics)
        }
    }

    /// `--date`, or today in the local time zone: the one place the planning commands read the clock.
    var today: CalendarDate {
        if let date { return date }
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year ?? 2026, month: parts.month ?? 1, day: parts.day ?? 1) ?? CalendarDate(year: 2026, month: 1, day: 1)!
    }
}
