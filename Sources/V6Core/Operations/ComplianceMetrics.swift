/// The metrics `check --prometheus FILE` writes for node_exporter's textfile collector: readiness per agency, per
/// category and per address family, the scans' duration and time, the policy's rules, drift, and when the check last
/// completed. Names start with `v6ready_`; units follow Prometheus conventions (`_seconds`, `_ratio`).
public enum ComplianceMetrics {
    /// Label names a Prometheus federation sets on every series (docs/operations.md, contrib/prometheus/): `job` and
    /// `instance` on each scrape, `site` per target on the central server. Under `honor_labels: true` a series' own
    /// label of such a name wins over the target's, so a family that used one would overwrite the site (every site's
    /// series arriving under one value) or merge two sites' series into one. No family here carries any of them.
    public static let federationLabelNames: Set<String> = ["site", "job", "instance"]

    /// The label of the scan families naming the part of the inventory a scan covered: an inventory site id (a
    /// `scan --site` scan) or `all` (the whole inventory). It says which records were scanned, not where the scanner
    /// stands — that is the federation's `site` — so the two never share a name or a vocabulary.
    public static let scanSiteLabel = "scan_site"

    /// What one scan file's summary says (`reports/scans/*.summary.json`).
    public struct ScanFacts: Sendable, Equatable {
        /// The site the scan covered; nil for the whole inventory.
        public var site: String?
        public var startedEpochSeconds: Double?
        public var durationSeconds: Double?
        public var statuses: [String: Int]
        public init(site: String?, startedEpochSeconds: Double?, durationSeconds: Double?, statuses: [String: Int] = [:]) {
            self.site = site; self.startedEpochSeconds = startedEpochSeconds; self.durationSeconds = durationSeconds
            self.statuses = statuses
        }
    }

    /// Everything the file is built from; the times come from the caller's clock.
    public struct Input: Sendable {
        public var version: String
        public var inventoryName: String
        public var report: ComplianceReport
        public var assessment: Assessment
        public var targets: [TargetProgress]
        public var inventory: Inventory
        public var scan: ScanData?
        public var scans: [ScanFacts]
        public var finishedEpochSeconds: Double
        public var checkDurationSeconds: Double

        public init(version: String, inventoryName: String, report: ComplianceReport, assessment: Assessment,
                    targets: [TargetProgress], inventory: Inventory, scan: ScanData?, scans: [ScanFacts],
                    finishedEpochSeconds: Double, checkDurationSeconds: Double) {
            self.version = version; self.inventoryName = inventoryName; self.report = report; self.assessment = assessment
            self.targets = targets; self.inventory = inventory; self.scan = scan; self.scans = scans
            self.finishedEpochSeconds = finishedEpochSeconds; self.checkDurationSeconds = checkDurationSeconds
        }
    }

    public typealias Family = PrometheusText.Family
    public typealias Sample = PrometheusText.Sample

    public static func families(_ x: Input) -> [Family] {
        var f: [Family] = []
        f.append(Family("v6ready_info", .gauge, help: "Version of v6ready and the inventory checked (always 1).",
                        [Sample([("version", x.version), ("inventory", x.inventoryName)], 1)]))
        f.append(Family("v6ready_check_compliant", .gauge, help: "1 if the last check was compliant (every policy rule passed, no drift regression), else 0.",
                        [Sample([], x.report.compliant ? 1 : 0)]))
        f.append(Family("v6ready_check_last_success_timestamp_seconds", .gauge,
                        help: "Unix time the last check completed its evaluation (compliant or not). Alert when it grows old: the cron job stopped.",
                        [Sample([], x.finishedEpochSeconds.rounded())]))
        f.append(Family("v6ready_check_duration_seconds", .gauge, help: "How long the last check took, scan included.",
                        [Sample([], rounded(x.checkDurationSeconds))]))
        f.append(Family("v6ready_policy_rule_passed", .gauge, help: "1 if the policy rule passed (or is pending, not yet due), else 0.",
                        x.report.outcomes.map { Sample([("rule", $0.rule.name), ("index", String($0.rule.index))], $0.passed ? 1 : 0) }))

        let agencyNames = Dictionary(x.inventory.agencies.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let agencies = x.assessment.agencyScores
        f.append(Family("v6ready_agency_readiness_ratio", .gauge,
                        help: "Share of an agency's segments, devices and services that work over IPv6, verified (dual stack or IPv6-only).",
                        agencies.map { Sample([("agency", $0.key), ("agency_name", agencyNames[$0.key] ?? "")], rounded($0.percent / 100)) }))
        f.append(Family("v6ready_agency_records", .gauge, help: "Records of an agency by readiness verdict.",
                        agencies.flatMap { s in ReadinessStatus.allCases.map { Sample([("agency", s.key), ("status", $0.rawValue)], Double(s.count($0))) } }))

        let categories = x.assessment.categoryScores
        f.append(Family("v6ready_category_readiness_ratio", .gauge, help: "Share of a program category's records that work over IPv6, verified.",
                        categories.map { Sample([("category", $0.key)], rounded($0.percent / 100)) }))
        f.append(Family("v6ready_category_records", .gauge, help: "Records of a program category.",
                        categories.map { Sample([("category", $0.key)], Double($0.total)) }))
        f.append(Family("v6ready_category_target_ratio", .gauge, help: "The program's target for a category for the last year that has ended.",
                        x.targets.compactMap { t in t.dueTarget.map { Sample([("category", t.category), ("year", String(t.dueYear!))], rounded($0 / 100)) } }))

        // Per family: of the inventoried addresses the scan probed, how many answered.
        var probed: [AddressFamily: Set<IPAddress>] = [:], answered: [AddressFamily: Set<IPAddress>] = [:]
        for p in x.scan?.probes ?? [] where p.result.record != nil {
            probed[p.result.family, default: []].insert(p.result.address)
            if p.hostAnswered { answered[p.result.family, default: []].insert(p.result.address) }
        }
        let familyLabel: [AddressFamily: String] = [.v4: "ipv4", .v6: "ipv6"]
        f.append(Family("v6ready_family_addresses_probed", .gauge, help: "Inventoried addresses of a family the scan probed.",
                        AddressFamily.allCases.map { Sample([("family", familyLabel[$0]!)], Double(probed[$0]?.count ?? 0)) }))
        f.append(Family("v6ready_family_addresses_answering", .gauge, help: "Inventoried addresses of a family that answered in the scan.",
                        AddressFamily.allCases.map { Sample([("family", familyLabel[$0]!)], Double(answered[$0]?.count ?? 0)) }))
        f.append(Family("v6ready_family_answering_ratio", .gauge, help: "Share of the probed inventoried addresses of a family that answered.",
                        AddressFamily.allCases.compactMap { fam in
                            guard let n = probed[fam]?.count, n > 0 else { return nil }
                            return Sample([("family", familyLabel[fam]!)], rounded(Double(answered[fam]?.count ?? 0) / Double(n)))
                        }))

        var verdictCounts: [String: Int] = ["green": 0, "yellow": 0, "red": 0, "gray": 0, "none": 0]
        for s in x.inventory.services { verdictCounts[x.scan?.serviceVerdicts[s.id]?.verdict.rawValue ?? "none", default: 0] += 1 }
        f.append(Family("v6ready_services", .gauge, help: "Inventory services by the scanner's IPv6 verdict (none: no verdict line in the scan).",
                        verdictCounts.keys.sorted().map { Sample([("verdict", $0)], Double(verdictCounts[$0]!)) }))

        // One sample per inventory site scanned (the latest scan of each); "all" is the whole inventory.
        var bySite: [String: ScanFacts] = [:]
        for s in x.scans { bySite[s.site ?? "all"] = s }
        let sites = bySite.keys.sorted()
        f.append(Family("v6ready_scan_timestamp_seconds", .gauge, help: "Unix time the scan evaluated started, per inventory site scanned (scan_site; all: the whole inventory).",
                        sites.compactMap { site in bySite[site]!.startedEpochSeconds.map { Sample([(scanSiteLabel, site)], $0.rounded()) } }))
        f.append(Family("v6ready_scan_duration_seconds", .gauge, help: "How long the scan evaluated took, per inventory site scanned (scan_site).",
                        sites.compactMap { site in bySite[site]!.durationSeconds.map { Sample([(scanSiteLabel, site)], rounded($0)) } }))
        f.append(Family("v6ready_scan_results", .gauge, help: "Probe results of the scan evaluated by status, per inventory site scanned (scan_site).",
                        sites.flatMap { site in bySite[site]!.statuses.keys.sorted().map { Sample([(scanSiteLabel, site), ("status", $0)], Double(bySite[site]!.statuses[$0]!)) } }))

        if let drift = x.report.drift {
            f.append(Family("v6ready_drift_regressions", .gauge, help: "Regressions since the previous scan (a service lost IPv6, a device stopped answering on a family).",
                            [Sample([], Double(drift.regressions.count))]))
            f.append(Family("v6ready_drift_new_hosts", .gauge, help: "Hosts that answer in the newest scan, not in the previous one, and are not in the inventory.",
                            [Sample([], Double(drift.newHosts.count))]))
        }
        return f
    }

    /// The file's text.
    public static func render(_ x: Input) -> String { PrometheusText.render(families(x)) }

    static func rounded(_ v: Double) -> Double { (v * 10_000).rounded() / 10_000 }
}

/// Seconds since 1970 for the UTC times scans carry (`2024-05-15T02:00:00Z`), without reading any clock.
public enum UTCTime {
    public static func epochSeconds(_ iso: String) -> Double? {
        let chars = Array(iso)
        guard chars.count >= 20, chars[4] == "-", chars[7] == "-", chars[10] == "T", chars[13] == ":", chars[16] == ":",
              let date = CalendarDate(String(chars[0..<10])),
              let h = Int(String(chars[11..<13])), let m = Int(String(chars[14..<16])), let s = Int(String(chars[17..<19])),
              (0...23).contains(h), (0...59).contains(m), (0...60).contains(s) else { return nil }
        var fraction = 0.0
        var rest = chars[19...]
        if rest.first == "." {
            let digits = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
            fraction = Double("0." + String(digits)) ?? 0
            rest = rest.dropFirst(1 + digits.count)
        }
        guard rest.first == "Z", rest.count == 1 else { return nil }
        let epochDay = CalendarDate(year: 1970, month: 1, day: 1)!.dayNumber
        return Double((date.dayNumber - epochDay) * 86_400 + h * 3600 + m * 60 + s) + fraction
    }
}
