import Foundation
import V6Core
import V6System

/// `v6ready assess`: the readiness of every device, service and segment, per agency and per category.
enum AssessCommand {
    static let spec = CommandSpec(
        ["assess"], abstract: "Assess IPv6 readiness of every device, service and segment from inventory, catalog and scan.",
        discussion: """
        Each record gets one verdict with its evidence (scan file, time and probe lines; catalog entry):
        dual stack (verified), IPv6-only, configured but not verified, IPv4-only but capable (configure it),
        needs a firmware upgrade (to which version), needs replacement, IPv6 broken (published but unreachable:
        the worst case), unknown (no data). Scores are given per agency and per category of the program.
        Without --scan the newest reports/scans/*.jsonl is used; with none, the catalog alone (said on stderr).
        """,
        options: PlanningInputs.options + [.json],
        examples: ["v6ready assess --inventory inventories/example",
                   "v6ready assess --scan examples/recorded-scan/20240515T020000Z.jsonl --lang vi",
                   "v6ready assess --json | jq '.items[] | select(.status == \"ipv6-broken\")'"],
        run: run)

    static func run(_ args: ParsedArguments, _ console: inout Console) throws(CLIError) -> ExitCode {
        let inputs = try PlanningInputs.load(args, &console)
        let assessment = inputs.assess()
        if args.flag("--json") {
            console.out(JSONWriter.compact(ReportJSON.assessment(assessment, agencyNames: inputs.agencyNames)))
            return .success
        }
        let x = ReportText(inputs.language)
        let scan = assessment.scanName.map { "\($0)" + (assessment.scanTime.map { ", \($0)" } ?? "") } ?? x.t("no scan", "chưa có bản quét")
        console.out(x.t("IPv6 readiness", "Sẵn sàng IPv6") + " — \(assessment.inventoryName) (\(scan))")
        console.out("")
        let statusColumns: [(ReadinessStatus, String)] = [
            (.dualStack, x.t("DUAL", "SONG SONG")), (.ipv6Only, x.t("V6-ONLY", "THUẦN V6")), (.configured, x.t("UNVERIFIED", "CHƯA KIỂM")),
            (.capable, x.t("CAPABLE", "HỖ TRỢ")), (.needsUpgrade, x.t("UPGRADE", "NÂNG CẤP")), (.needsReplacement, x.t("REPLACE", "THAY THẾ")),
            (.ipv6Broken, x.t("BROKEN", "V6 LỖI")), (.unknown, x.t("UNKNOWN", "CHƯA RÕ")),
        ]
        func row(_ s: ReadinessScore, _ label: String, _ name: String) -> [String] {
            [label, String(s.total)] + statusColumns.map { String(s.count($0.0)) } + [x.percent(s.percent), name]
        }
        var agencies = TextTable([x.t("AGENCY", "CƠ QUAN"), x.t("RECORDS", "SỐ ĐT")] + statusColumns.map(\.1) + [x.t("READY", "SẴN SÀNG"), x.t("NAME", "TÊN")])
        for s in assessment.agencyScores { agencies.add(row(s, s.key, inputs.agencyNames[s.key] ?? "")) }
        agencies.add(row(assessment.overall, x.t("TOTAL", "TỔNG"), ""))
        console.outRaw(agencies.render())
        console.out("")
        var categories = TextTable([x.t("CATEGORY", "HẠNG MỤC"), x.t("RECORDS", "SỐ ĐT")] + statusColumns.map(\.1) + [x.t("READY", "SẴN SÀNG"), x.t("NAME", "TÊN")])
        for s in assessment.categoryScores { categories.add(row(s, s.key, inputs.program.category(s.key)?.name.text(inputs.language) ?? "")) }
        console.outRaw(categories.render())
        let broken = assessment.items.filter { $0.status == .ipv6Broken }
        if !broken.isEmpty {
            console.out("")
            console.out(x.t("IPv6 broken (published but unreachable — fix first):", "IPv6 lỗi (có địa chỉ nhưng không truy cập được — cần khắc phục trước):")
                        + " " + broken.map(\.id).joined(separator: ", "))
        }
        return .success
    }
}

/// The inputs assess and plan share: inventory, program, scan, date and language, with their error messages.
struct PlanningInputs {
    let store: InventoryStore
    let inventory: Inventory
    let program: Program
    let scan: ScanData?
    let today: CalendarDate
    let language: ReportLanguage

    static let options: [OptionSpec] = [
        .inventory,
        OptionSpec("--scan", value: "FILE", repeatable: true,
                   "The scan to assess (default: the newest reports/scans/*.jsonl; none: the catalog alone). Give it once per site to merge the scans of several scanners: the newest result per record, address, method and port wins."),
        OptionSpec("--program", value: "FILE", "A program file (default: the built-in IPv6 For Gov 2022–2025, programs/ipv6-for-gov-2022-2025.json)."),
        OptionSpec("--date", value: "YYYY-MM-DD", "The day to judge lateness and targets against (default: today)."),
        OptionSpec("--lang", value: "LANG", "Language of text output and reports: en (default) or vi."),
    ]

    var agencyNames: [String: String] {
        var names: [String: String] = [:]
        for a in inventory.agencies { names[a.id] = a.name }
        return names
    }

    func assess() -> Assessment {
        Assessor.assess(inventory, catalog: CapabilityCatalog.shipped.merged(with: inventory.manifest.catalog), scan: scan, program: program)
    }

    static func load(_ args: ParsedArguments, _ console: inout Console) throws(CLIError) -> PlanningInputs {
        let language = try args.word("--lang", ReportLanguage.self) ?? .en
        let today: CalendarDate
        if let text = args.value("--date") {
            guard let date = CalendarDate(text) else {
                throw .usage("--date takes a day as YYYY-MM-DD (e.g. 2024-06-30), not \(quotedArgument(text))", args.command)
            }
            today = date
        } else {
            today = currentDate()
        }
        let program = try loadProgram(args.value("--program"), console: console)
        let store = try InventoryStore.locate(args.value("--inventory"), console: console)
        let inventory = try store.load()
        let scan = try loadScans(args.all("--scan"), console: &console)
        return PlanningInputs(store: store, inventory: inventory, program: program, scan: scan, today: today, language: language)
    }

    /// Today's date in the local time zone: the one place the planning commands read the clock.
    static func currentDate() -> CalendarDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year ?? 2025, month: parts.month ?? 1, day: parts.day ?? 1) ?? CalendarDate(year: 2025, month: 1, day: 1)!
    }

    static func loadProgram(_ path: String?, console: Console) throws(CLIError) -> Program {
        guard let path else { return ProgramCodec.shipped }
        let bytes: [UInt8]
        do { bytes = try FileSystem.readFile(console.resolve(path)) } catch {
            throw .invalid([Diagnostic(file: path, message: "cannot read the program file: \(error)")])
        }
        switch ProgramCodec.load(bytes, file: path) {
        case let .success(program): return program
        case let .failure(failure): throw .invalid(failure.diagnostics)
        }
    }

    static let scansFolder = "reports/scans"

    /// Several `--scan` files (one per site or scanner) merged into one: the newest result per record, address,
    /// method and port wins (`ScanMerge`). One file or none: as `loadScan`.
    static func loadScans(_ paths: [String], console: inout Console) throws(CLIError) -> ScanData? {
        guard paths.count > 1 else { return try loadScan(paths.first, console: &console) }
        var scans: [ScanData] = []
        var problems: [Diagnostic] = []
        for path in paths {
            do throws(CLIError) {
                if let scan = try loadScan(path, console: &console) { scans.append(scan) }
            } catch {
                guard case let .invalid(diagnostics) = error else { throw error }
                problems += diagnostics
            }
        }
        if !problems.isEmpty { throw .invalid(problems) }
        let merged = ScanMerge.merge(scans)
        console.error("Merged \(scans.count) scans (the newest result per record, address, method and port wins): \(merged.name).")
        return merged
    }

    static func loadScan(_ path: String?, console: inout Console) throws(CLIError) -> ScanData? {
        var chosen = path
        if chosen == nil {
            let folder = console.resolve(scansFolder)
            let names = ((try? FileSystem.listDirectory(folder)) ?? []).filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.sorted()
            if let newest = names.last {
                chosen = scansFolder + "/" + newest
                console.error("Using the newest scan, \(chosen!).")
            } else {
                console.error("No scan found under \(scansFolder)/: assessing from the inventory and the capability catalog alone (run `v6ready scan`, or pass --scan FILE).")
                return nil
            }
        }
        let shown = chosen!
        let bytes: [UInt8]
        do { bytes = try FileSystem.readFile(console.resolve(shown)) } catch {
            throw .invalid([Diagnostic(file: shown, message: "cannot read the scan: \(error)")])
        }
        switch ScanData.parse(bytes, name: FileSystem.baseName(of: shown), displayName: shown) {
        case let .success(scan): return scan
        case let .failure(failure): throw .invalid(failure.diagnostics)
        }
    }
}
