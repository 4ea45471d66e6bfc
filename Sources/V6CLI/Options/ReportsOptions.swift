/// `--reports DIR`: the folder whose `scans/` every command reads and writes scans in, through one `ScanStore`.
public struct ReportsOptions: ParsableArguments {
    @Option("--reports", value: "DIR", help: "Where scans are read and written, under DIR/scans/ (default: reports).")
    public var reports: String = "reports"

    public init() {}

    func scanStore(_ console: Console) -> ScanStore { ScanStore(reports: reports, console: console) }
}

/// `--scan FILE...`: the scans to read instead of the store's default choice.
public struct ScanInputOptions: ParsableArguments {
    @Option("--scan", value: "FILE", repeatableHelp: "A scan to use instead of the default (the newest whole-inventory scan under reports/scans/, plus the newest scan of each site made after it). Give it once per site to merge the scans of several scanners: the newest result per record, address, method and port wins.")
    public var files: [String]

    public init() {}
}
