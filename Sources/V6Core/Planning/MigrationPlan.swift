/// The phased migration plan: every record in a phase with its actions, in dependency order, with yearly targets
/// against the current state, what cannot convert, the budget per year, and what is late on `today`.
public struct MigrationPlan: Sendable {
    public var program: Program
    public var assessment: Assessment
    public var today: CalendarDate
    /// Every item, in an order that respects every dependency (and phase by phase).
    public var items: [PlanItem]
    public var targets: [TargetProgress]
    public var budget: [BudgetYear]
    /// Segments whose every device already works over IPv6: candidates for an IPv6-only pilot.
    public var pilotCandidates: [String]
    /// How the program this one follows ended, when its period closed before `today` (see `ForwardSchedule`).
    public var closeOut: ProgramCloseOut? = nil
    /// Open items the capacity could not fit inside the program's period (booked into its last quarter).
    public var overCapacity: Int = 0
    /// Readiness beyond dual stack, when the program has IPv6-only targets (set by whoever has the vantage scans).
    public var ipv6Only: IPv6OnlyReadiness? = nil

    public func item(_ id: String) -> PlanItem? { items.first { $0.id == id } }
    /// Devices (and the services on them) that cannot run IPv6 and must be replaced, with the year.
    public var replacements: [PlanItem] { items.filter { $0.actions.contains { $0.kind == .replaceDevice } } }
    public var lateItems: [PlanItem] { items.filter(\.late) }
    public func items(inPhase index: Int) -> [PlanItem] { items.filter { $0.phase == index } }
    /// The phase running on `today` (the first that has not ended), or nil once all have ended.
    public var currentPhase: Int? { program.phases.firstIndex { today <= $0.end } }
}

/// The kinds of plan items.
public enum PlanItemKind: String, Sendable {
    case addressPlan = "address-plan", segment, device, service
}

/// One record in the plan.
public struct PlanItem: Sendable, Equatable {
    /// The id of the address plan item; not a valid inventory id, so it never collides with one.
    public static let addressPlanID = "@address-plan"

    public var kind: PlanItemKind
    public var id: String
    public var name: String
    public var agency: String?
    public var category: String?
    /// The verdict (nil for the address plan).
    public var status: ReadinessStatus?
    /// 1-based position in dependency order.
    public var order: Int
    /// The phase index in the program.
    public var phase: Int
    /// The phase the program's rules gave it, when a dependent pulled it into an earlier one.
    public var ruledPhase: Int
    /// The item whose earlier phase pulled this one forward.
    public var pulledBy: String?
    public var actions: [PlanAction]
    public var dependsOn: [String]
    /// Nothing left to do.
    public var done: Bool { actions.isEmpty }
    /// Its phase ended before `today` and it is not done.
    public var late: Bool
    /// The year the work is planned for (the year of `due` once scheduled); nil when done.
    public var year: Int?
    /// The quarter the forward schedule books it in (on or after `today`, never before what it depends on).
    public var quarter: Quarter? = nil
    /// The last day of `quarter`: when it is due.
    public var due: CalendarDate? = nil
    /// The ended program it was carried over from, still open.
    public var carriedFrom: String? = nil
    /// The day it became late under that program (the end of the phase that program gave it).
    public var lateSince: CalendarDate? = nil
    /// The known cost of its actions.
    public var cost: Double
    /// Actions without a price (no unit cost, no catalog price).
    public var unpriced: Int
}

/// What to do to one item.
public struct PlanAction: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case makeAddressPlan = "make-address-plan"
        case assignPrefix = "assign-prefix"
        case upgradeFirmware = "upgrade-firmware"
        case replaceDevice = "replace-device"
        case enableDualStack = "enable-dual-stack"
        case publishAAAA = "publish-aaaa"
        case fixIPv6Path = "fix-ipv6-path"
        case fixICMPv6Policy = "fix-icmpv6-policy"
        /// A LAN whose hosts get no IPv6 address or DNS, or that hears a rogue RA: fix its RAs and DHCPv6.
        case fixLANControlPlane = "fix-lan-control-plane"
        case verify = "verify"
        case survey = "survey"
    }
    public var kind: Kind
    /// Firmware now (upgrade), model now (replace).
    public var from: String?
    /// Firmware version to reach, prefix to assign, host name to publish, ports to fix, segments behind a firewall.
    public var to: String?
    /// The price, when known.
    public var cost: Double?

    public init(_ kind: Kind, from: String? = nil, to: String? = nil, cost: Double? = nil) {
        self.kind = kind; self.from = from; self.to = to; self.cost = cost
    }
}

/// A category's progress: now, and planned against the target at each year's end.
public struct TargetProgress: Sendable, Equatable {
    public var category: String
    public var total: Int
    public var ready: Int
    public var currentPercent: Double
    public var years: [YearTarget]
    /// The target of the last year that has ended on `today`, if any.
    public var dueYear: Int?
    public var dueTarget: Double?
    public var behind: Bool { if let dueTarget { return currentPercent + 1e-9 < dueTarget } else { return false } }

    public struct YearTarget: Sendable, Equatable {
        public var year: Int
        public var target: Double?
        /// Share expected ready at that year's end if the plan is carried out; nil for years already ended.
        public var planned: Double?
    }
}

/// Spending planned for one year.
public struct BudgetYear: Sendable, Equatable {
    public var year: Int
    public var replacements: Int
    public var replacementCost: Double
    public var upgrades: Int
    public var upgradeCost: Double
    public var configurations: Int
    public var configurationCost: Double
    public var fixes: Int
    public var fixCost: Double
    public var unpriced: Int
    public var total: Double { replacementCost + upgradeCost + configurationCost + fixCost }
}
