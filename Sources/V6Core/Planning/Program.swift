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
    /// The share of each category's records that should work with no IPv4 at all, by year (the 2026–2030 program).
    public var ipv6OnlyTargets: [CategoryTarget]
    public var unitCosts: UnitCosts
    /// The program this one continues: its open items are carried over, with their history.
    public var follows: String?
    /// What may be bought from when (2026: nothing new without IPv6).
    public var equipmentRule: EquipmentRule?
    /// How much work a quarter can carry, for the forward schedule.
    public var capacity: ProgramCapacity?

    public init(id: String, name: LocalizedText, source: LocalizedText? = nil, currency: String = "VND",
                categories: [ProgramCategory], categoryRules: [CategoryRule], phases: [ProgramPhase],
                targets: [CategoryTarget] = [], ipv6OnlyTargets: [CategoryTarget] = [], unitCosts: UnitCosts = UnitCosts(),
                follows: String? = nil, equipmentRule: EquipmentRule? = nil, capacity: ProgramCapacity? = nil) {
        self.id = id; self.name = name; self.source = source; self.currency = currency
        self.categories = categories; self.categoryRules = categoryRules; self.phases = phases
        self.targets = targets; self.ipv6OnlyTargets = ipv6OnlyTargets; self.unitCosts = unitCosts
        self.follows = follows; self.equipmentRule = equipmentRule; self.capacity = capacity
    }

    /// From the first phase's start to the last phase's end.
    public var period: ClosedRange<CalendarDate> {
        let start = phases.map(\.start).min() ?? CalendarDate(year: 1, month: 1, day: 1)!
        return start...max(start, phases.map(\.end).max() ?? start)
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
        targets.first { $0.category == category }?.percent(atEndOf: year)
    }

    /// The IPv6-only target for `category` at the end of `year`, the same way.
    public func ipv6OnlyTarget(category: String, year: Int) -> Double? {
        ipv6OnlyTargets.first { $0.category == category }?.percent(atEndOf: year)
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
    /// Where the figures come from; `derived` when they are worked out from a text that gives no such figure.
    public var source: String?
    public var derived: Bool
    public init(category: String, percentByYear: [Int: Double], source: String? = nil, derived: Bool = false) {
        self.category = category; self.percentByYear = percentByYear; self.source = source; self.derived = derived
    }

    /// The latest year given at or before `year` (targets only rise).
    public func percent(atEndOf year: Int) -> Double? {
        percentByYear.filter { $0.key <= year }.max { $0.key < $1.key }?.value
    }
}

/// "From this day, what is bought must support IPv6" (Decision 3369/QĐ-BKHCN stops equipment without it).
public struct EquipmentRule: Sendable, Equatable {
    public var from: CalendarDate
    public var text: LocalizedText
    public init(from: CalendarDate, text: LocalizedText) { self.from = from; self.text = text }
}

/// What one quarter can carry: items in all, items per agency, and money.
public struct ProgramCapacity: Sendable, Equatable {
    public var itemsPerQuarter: Int
    public var itemsPerAgencyPerQuarter: Int?
    public var budgetPerQuarter: Double?
    public init(itemsPerQuarter: Int, itemsPerAgencyPerQuarter: Int? = nil, budgetPerQuarter: Double? = nil) {
        self.itemsPerQuarter = itemsPerQuarter; self.itemsPerAgencyPerQuarter = itemsPerAgencyPerQuarter
        self.budgetPerQuarter = budgetPerQuarter
    }
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
