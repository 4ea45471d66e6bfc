/// The scans under `reports/scans/` as a history: which are newest, which one came before, which to delete.
/// Pure: the caller lists the folder and reads the summaries.
public enum ScanHistory {
    /// One scan file and the site its summary names (nil: the whole inventory, or no summary).
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var site: String?
        public init(name: String, site: String? = nil) { self.name = name; self.site = site }
    }

    /// The scan files among a folder's names, oldest first: `*.jsonl`, not hidden (atomic writes' temporary files
    /// start with a dot). Names are UTC timestamps, so name order is time order.
    public static func scanNames(_ names: [String]) -> [String] {
        names.filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.sorted()
    }

    /// `20240515T020000Z.jsonl` → `20240515T020000Z.summary.json`.
    public static func summaryName(forScan name: String) -> String {
        (name.hasSuffix(".jsonl") ? String(name.dropLast(6)) : name) + ".summary.json"
    }

    /// The scans a check evaluates by default: the newest whole-inventory scan, plus the newest scan of each site
    /// made after it (a district that scanned its own LAN since). With only site scans, the newest of each site.
    /// Oldest first, ready for `ScanMerge.merge`.
    public static func latest(_ entries: [Entry]) -> [String] {
        let sorted = entries.sorted { $0.name < $1.name }
        let whole = sorted.last { $0.site == nil }
        var newestPerSite: [String: String] = [:]
        for e in sorted {
            guard let site = e.site else { continue }
            if let whole, e.name < whole.name { continue }
            newestPerSite[site] = e.name
        }
        return ((whole.map { [$0.name] } ?? []) + newestPerSite.values).sorted()
    }

    /// What was evaluated before the scan `name` arrived: `latest` of every scan older than it. Drift and check
    /// compare the scans they evaluate with this, so a site scan is compared with the evaluation it changed and an
    /// nmap discovery import with the scans it adds hosts to.
    public static func previous(before name: String, in entries: [Entry]) -> [String] {
        latest(entries.filter { $0.name < name })
    }

    /// What `--keep N` deletes: every scan but the `keep` newest and `protecting` (the scans a check just
    /// evaluated), each with its summary, and summaries whose scan is gone. Newest by the start time the summary
    /// records (`startedAt`, epoch seconds), else by the name (a UTC timestamp), so a name that sorts oddly — a
    /// copied file, a year-5138 import — cannot push the real scans out.
    public static func retention(_ names: [String], keep: Int, startedAt: [String: Int] = [:],
                                 protecting: Set<String> = []) -> [String] {
        let present = Set(names)
        let scans = scanNames(names).sorted { a, b in
            switch (startedAt[a], startedAt[b]) {
            case let (x?, y?) where x != y: x < y
            default: a < b
            }
        }
        let keptScans = Set(scans.suffix(max(keep, 0))).union(protecting.filter(present.contains))
        var delete: [String] = []
        for scan in scans where !keptScans.contains(scan) {
            delete.append(scan)
            let summary = summaryName(forScan: scan)
            if present.contains(summary) { delete.append(summary) }
        }
        let kept = Set(keptScans.map(summaryName(forScan:)))
        for name in names.sorted() where name.hasSuffix(".summary.json") && !name.hasPrefix(".") {
            if !kept.contains(name), !delete.contains(name) { delete.append(name) }
        }
        return delete
    }
}
