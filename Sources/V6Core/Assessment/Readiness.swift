/// How ready one device, service or segment is for IPv6, worst cases last.
public enum ReadinessStatus: String, Sendable, CaseIterable, Comparable {
    /// Answers over both families in the scan.
    case dualStack = "dual-stack"
    /// Has only IPv6 addresses and answers over IPv6.
    case ipv6Only = "ipv6-only"
    /// IPv6 is configured (addresses or a prefix) but no scan has confirmed it works.
    case configured = "configured-unverified"
    /// IPv4 only, but the catalog says it supports IPv6: configure it.
    case capable = "ipv4-only-capable"
    /// IPv4 only; IPv6 needs a firmware upgrade first.
    case needsUpgrade = "needs-upgrade"
    /// IPv4 only; no firmware supports IPv6: replace it.
    case needsReplacement = "needs-replacement"
    /// An IPv6 address is published but does not answer while IPv4 does: the worst case, every client pays for it.
    case ipv6Broken = "ipv6-broken"
    /// Not in the catalog and never seen, or silent on both families: no data to judge.
    case unknown

    /// Works over IPv6, verified.
    public var isReady: Bool { self == .dualStack || self == .ipv6Only }

    public static func < (a: ReadinessStatus, b: ReadinessStatus) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The kind of an assessed record.
public enum ItemKind: String, Sendable, CaseIterable {
    case segment, device, service
}

/// One fact a verdict rests on, kept structured so reports can say it in either language.
public enum EvidenceFact: Sendable, Equatable {
    /// A probe line of the scan (file name and time are the assessment's).
    case probe(ScanProbe)
    /// The scanner's own verdict on a service (green/yellow/red/gray) and its line.
    case serviceVerdict(line: Int, verdict: ServiceColour)
    /// The catalog entry that matched, and the device's firmware version.
    case catalog(CatalogEntry, deviceVersion: String?)
    /// No catalog entry for this vendor and model.
    case notInCatalog(vendor: String, model: String)
    /// IPv6 addresses or prefixes the inventory gives it.
    case configured([String])
    /// The inventory gives it no IPv6 address or prefix.
    case noIPv6Configured
    /// The scan has no line for it.
    case notInScan
    /// There was no scan at all.
    case noScan
    /// Of the segment's devices, how many answered over IPv6, and which are broken.
    case segmentDevices(answeredIPv6: Int, total: Int, broken: [String])
    /// The device a service runs on, and its verdict.
    case host(id: String, status: ReadinessStatus)
    /// The service names no host device.
    case noHost
    /// ICMPv6 echo went unanswered while TCP over IPv6 worked: a filter drops ICMPv6 (RFC 4890).
    case icmpv6Filtered
    /// Nothing answered on either family.
    case silent
    /// The segment's LAN audit (`{"type":"lan",...}` line): its colour, whether hosts get an IPv6 address and DNS
    /// over IPv6, and its finding codes (unknown neighbours and PREF64 left out: they do not decide readiness).
    case lanAudit(line: Int, colour: LANColour, address: Bool, dns: Bool, codes: [LANFindingCode])
    /// The device's management ports (`{"type":"management",...}` line): manageable over IPv4, over IPv6, and its
    /// sub-checks as `ssh-v6 fail`.
    case management(line: Int, ipv4: Bool, ipv6: Bool, checks: [String])
    /// The service's verdict from an IPv6-only vantage (`ipv6_only` of its service line): native, nat64 ("IPv6-only
    /// via translation", work item "publish AAAA / move to IPv6") or broken, with the line and the reason.
    case ipv6OnlyVerdict(line: Int, verdict: IPv6OnlyVerdict, reason: String)
}

/// The verdict on one record with everything it rests on.
public struct AssessedItem: Sendable, Equatable {
    public var kind: ItemKind
    public var id: String
    public var name: String
    public var agency: String
    public var site: String?
    /// The device's segment; for a service, its host's segment.
    public var segment: String?
    public var category: String
    public var status: ReadinessStatus
    /// With `needsUpgrade`: the first firmware version with usable IPv6.
    public var upgradeTo: String?
    public var catalog: CatalogEntry?
    public var evidence: [EvidenceFact]
    public var icmpv6Filtered: Bool
    /// Nothing answered on either family.
    public var silent: Bool
    /// Manageable (SSH, HTTPS admin) over IPv4 only: whatever its status, the device cannot go IPv6-only.
    public var managementIPv4Only = false

    /// Ready for an IPv6-only network: works over IPv6 and can be managed over it.
    public var isIPv6OnlyReady: Bool { status.isReady && !managementIPv4Only }

    public init(kind: ItemKind, id: String, name: String, agency: String, site: String?, segment: String?, category: String,
                status: ReadinessStatus, upgradeTo: String? = nil, catalog: CatalogEntry? = nil, evidence: [EvidenceFact] = [],
                icmpv6Filtered: Bool = false, silent: Bool = false) {
        self.kind = kind; self.id = id; self.name = name; self.agency = agency; self.site = site; self.segment = segment
        self.category = category; self.status = status; self.upgradeTo = upgradeTo; self.catalog = catalog
        self.evidence = evidence; self.icmpv6Filtered = icmpv6Filtered; self.silent = silent
    }
}

/// Counts of verdicts over a group of records (an agency, a category) and the share that is ready.
public struct ReadinessScore: Sendable, Equatable {
    public var key: String
    public var counts: [ReadinessStatus: Int]
    public init(key: String, counts: [ReadinessStatus: Int] = [:]) { self.key = key; self.counts = counts }

    public var total: Int { counts.values.reduce(0, +) }
    public var ready: Int { (counts[.dualStack] ?? 0) + (counts[.ipv6Only] ?? 0) }
    public func count(_ status: ReadinessStatus) -> Int { counts[status] ?? 0 }
    /// Ready records as a percentage of all, 0 when there are none.
    public var percent: Double { total == 0 ? 0 : 100 * Double(ready) / Double(total) }

    mutating func add(_ status: ReadinessStatus) { counts[status, default: 0] += 1 }
}

/// The readiness of a whole inventory against one scan (or none).
public struct Assessment: Sendable {
    public var inventoryName: String
    /// The scan file's name and time; nil when assessed from the catalog alone.
    public var scanName: String?
    public var scanTime: String?
    /// Segments, devices and services, by agency then kind then id.
    public var items: [AssessedItem]
    public var categories: [ProgramCategory]

    public init(inventoryName: String, scanName: String?, scanTime: String?, items: [AssessedItem], categories: [ProgramCategory]) {
        self.inventoryName = inventoryName; self.scanName = scanName; self.scanTime = scanTime
        self.items = items; self.categories = categories
    }

    public func item(_ id: String) -> AssessedItem? { items.first { $0.id == id } }

    /// One score per agency that has records, in agency id order.
    public var agencyScores: [ReadinessScore] {
        var scores: [String: ReadinessScore] = [:]
        for item in items { scores[item.agency, default: ReadinessScore(key: item.agency)].add(item.status) }
        return scores.values.sorted { $0.key < $1.key }
    }

    /// One score per program category, in the program's order (empty categories included).
    public var categoryScores: [ReadinessScore] {
        var scores: [String: ReadinessScore] = [:]
        for item in items { scores[item.category, default: ReadinessScore(key: item.category)].add(item.status) }
        return categories.map { scores[$0.id] ?? ReadinessScore(key: $0.id) }
    }

    public var overall: ReadinessScore {
        var score = ReadinessScore(key: "all")
        for item in items { score.add(item.status) }
        return score
    }
}
