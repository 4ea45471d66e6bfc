/// A migration program as data: categories, the rules that put inventory records into them, phases with their
/// dates and the records each phase takes, yearly targets and unit costs. The national "IPv6 For Gov" 2022–2025
/// program ships as the default (`Program.default`); users change years, targets and mappings in a copy of
/// `programs/ipv6-for-gov-2022-2025.json` and pass it with `--program FILE`, without touching code.
public struct Program: Sendable, Equatable {
    public var id: String
    public var name: LocalizedText
    public var source: LocalizedText?
    public var currency: String
    public var categories: [ProgramCategory]
    public var categoryRules: [CategoryRule]
    public var phases: [ProgramPhase]
    public var targets: [CategoryTarget]
    public var unitCosts: UnitCosts

    public init(id: String, name: LocalizedText, source: LocalizedText? = nil, currency: String = "VND",
                categories: [ProgramCategory], categoryRules: [CategoryRule], phases: [ProgramPhase],
                targets: [CategoryTarget] = [], unitCosts: UnitCosts = UnitCosts()) {
        self.id = id; self.name = name; self.source = source; self.currency = currency
        self.categories = categories; self.categoryRules = categoryRules; self.phases = phases
        self.targets = targets; self.unitCosts = unitCosts
    }

    /// The years the program's targets and phases cover, in order.
    public var years: [Int] {
        var set = Set(targets.flatMap { $0.percentByYear.keys })
        for phase in phases { for y in phase.start.year...phase.end.year { set.insert(y) } }
        return set.sorted()
    }

    public func category(_ id: String) -> ProgramCategory? { categories.first { $0.id == id } }

    /// The category of a record: the first rule that matches, else the last category (a catch-all).
    public func categorize(_ subject: SelectorSubject) -> String {
        for rule in categoryRules where rule.selector.matches(subject) { return rule.category }
        return categories.last?.id ?? "other"
    }

    /// The index of the first phase whose `match` list takes the record, else the last phase.
    public func phaseIndex(for subject: SelectorSubject) -> Int {
        for (i, phase) in phases.enumerated() where phase.match.contains(where: { $0.matches(subject) }) { return i }
        return max(0, phases.count - 1)
    }

    /// The target for `category` at the end of `year`: the latest year given at or before it (targets only rise).
    public func target(category: String, year: Int) -> Double? {
        guard let t = targets.first(where: { $0.category == category }) else { return nil }
        return t.percentByYear.filter { $0.key <= year }.max { $0.key < $1.key }?.value
    }
}

/// Text in both report languages.
public struct LocalizedText: Sendable, Equatable {
    public var en: String
    public var vi: String
    public init(en: String, vi: String) { self.en = en; self.vi = vi }
    public func text(_ language: ReportLanguage) -> String { language == .vi ? vi : en }
}

/// The languages reports are written in.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case en, vi
}

/// A scoring category (Internet edge, LAN, WAN, data-integration centre, information systems, end devices).
public struct ProgramCategory: Sendable, Equatable {
    public var id: String
    public var name: LocalizedText
    public init(id: String, name: LocalizedText) { self.id = id; self.name = name }
}

/// "Records that match `selector` belong to `category`."
public struct CategoryRule: Sendable, Equatable {
    public var selector: RecordSelector
    public var category: String
    public init(selector: RecordSelector, category: String) { self.selector = selector; self.category = category }
}

/// A phase of the program: dates, the tasks that are not about one record, and which records it takes.
public struct ProgramPhase: Sendable, Equatable {
    public var id: String
    public var name: LocalizedText
    public var start: CalendarDate
    public var end: CalendarDate
    public var tasks: [LocalizedText]
    public var match: [RecordSelector]
    public init(id: String, name: LocalizedText, start: CalendarDate, end: CalendarDate, tasks: [LocalizedText] = [],
                match: [RecordSelector] = []) {
        self.id = id; self.name = name; self.start = start; self.end = end; self.tasks = tasks; self.match = match
    }
}

/// The share of a category's records that should work over IPv6 (dual stack or IPv6-only, verified) by each year's end.
public struct CategoryTarget: Sendable, Equatable {
    public var category: String
    public var percentByYear: [Int: Double]
    public init(category: String, percentByYear: [Int: Double]) { self.category = category; self.percentByYear = percentByYear }
}

/// Labour costs per item, in the program's currency; device prices come from the catalog's `replacement_cost`.
public struct UnitCosts: Sendable, Equatable {
    /// Configuring dual stack on a device, a prefix on a segment, or AAAA and listeners on a service.
    public var configure: Double?
    /// Upgrading one device's firmware.
    public var upgrade: Double?
    /// Installing a replacement device (on top of its price).
    public var replaceLabour: Double?
    /// Diagnosing and fixing a broken IPv6 path or a firewall's ICMPv6 policy.
    public var fix: Double?
    public init(configure: Double? = nil, upgrade: Double? = nil, replaceLabour: Double? = nil, fix: Double? = nil) {
        self.configure = configure; self.upgrade = upgrade; self.replaceLabour = replaceLabour; self.fix = fix
    }
}

/// The kinds of plan items a selector can name.
public enum SelectorRecord: String, Sendable, CaseIterable {
    case addressPlan = "address-plan", segment, device, service
}

/// Picks records by what they are. Every field given must match (a list matches any of its values);
/// an empty selector matches everything.
public struct RecordSelector: Sendable, Equatable {
    public var record: [SelectorRecord]?
    public var category: [String]?
    public var segmentKind: [SegmentKind]?
    public var deviceRole: [DeviceRole]?
    public var serviceKind: [ServiceKind]?
    public var serviceCategory: [String]?
    public var audience: [Audience]?
    public var hostCategory: [String]?

    public init(record: [SelectorRecord]? = nil, category: [String]? = nil, segmentKind: [SegmentKind]? = nil,
                deviceRole: [DeviceRole]? = nil, serviceKind: [ServiceKind]? = nil, serviceCategory: [String]? = nil,
                audience: [Audience]? = nil, hostCategory: [String]? = nil) {
        self.record = record; self.category = category; self.segmentKind = segmentKind; self.deviceRole = deviceRole
        self.serviceKind = serviceKind; self.serviceCategory = serviceCategory; self.audience = audience
        self.hostCategory = hostCategory
    }

    public func matches(_ s: SelectorSubject) -> Bool {
        func ok<T: Equatable>(_ list: [T]?, _ value: T?) -> Bool {
            guard let list else { return true }
            guard let value else { return false }
            return list.contains(value)
        }
        return ok(record, s.record) && ok(category, s.category) && ok(segmentKind, s.segmentKind)
            && ok(deviceRole, s.deviceRole) && ok(serviceKind, s.serviceKind) && ok(serviceCategory, s.serviceCategory)
            && ok(audience, s.audience) && ok(hostCategory, s.hostCategory)
    }
}

/// What a selector looks at in one record. For a service, `segmentKind` and `deviceRole` are those of its host.
public struct SelectorSubject: Sendable, Equatable {
    public var record: SelectorRecord
    public var category: String?
    public var segmentKind: SegmentKind?
    public var deviceRole: DeviceRole?
    public var serviceKind: ServiceKind?
    public var serviceCategory: String?
    public var audience: Audience?
    public var hostCategory: String?
    public init(record: SelectorRecord, category: String? = nil, segmentKind: SegmentKind? = nil, deviceRole: DeviceRole? = nil,
                serviceKind: ServiceKind? = nil, serviceCategory: String? = nil, audience: Audience? = nil,
                hostCategory: String? = nil) {
        self.record = record; self.category = category; self.segmentKind = segmentKind; self.deviceRole = deviceRole
        self.serviceKind = serviceKind; self.serviceCategory = serviceCategory; self.audience = audience
        self.hostCategory = hostCategory
    }
}
