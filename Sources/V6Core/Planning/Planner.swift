/// Builds the migration plan from an assessment. Pure: `today` is an input (the CLI takes it from the clock).
public enum Planner {
    /// - Parameter suggestedPrefixes: segment id → the /64 the address plan gives a segment that has none yet.
    public static func plan(_ inventory: Inventory, assessment: Assessment, program: Program, today: CalendarDate,
                            suggestedPrefixes: [String: IPPrefix] = [:]) -> MigrationPlan {
        let costs = program.unitCosts
        let phases = program.phases
        var items: [String: PlanItem] = [:]
        var segmentByID: [String: Segment] = [:]
        for s in inventory.segments { segmentByID[s.id] = s }
        var deviceByID: [String: Device] = [:]
        for d in inventory.devices { deviceByID[d.id] = d }
        var serviceByID: [String: Service] = [:]
        for s in inventory.services { serviceByID[s.id] = s }
        let assessed = Dictionary(assessment.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        // The address plan: done once the block is known and every segment has (or is given) a prefix.
        let unplanned = inventory.segments.filter { $0.ipv6.isEmpty && suggestedPrefixes[$0.id] == nil }
        let planPhase = program.phaseIndex(for: SelectorSubject(record: .addressPlan))
        var planActions: [PlanAction] = []
        if inventory.manifest.ipv6Allocation == nil || !unplanned.isEmpty {
            planActions.append(PlanAction(.makeAddressPlan, to: inventory.manifest.ipv6Allocation?.description))
        }
        items[PlanItem.addressPlanID] = PlanItem(kind: .addressPlan, id: PlanItem.addressPlanID, name: "", agency: nil, category: nil,
                                                 status: nil, order: 0, phase: planPhase, ruledPhase: planPhase, pulledBy: nil,
                                                 actions: planActions, dependsOn: [], late: false, year: nil, cost: 0, unpriced: 0)

        // Segments behind each firewall that saw broken IPv6 or filtered ICMPv6: the firewall's policy needs fixing.
        let dependencies = DependencyRules.dependencies(inventory, addressPlanID: PlanItem.addressPlanID)
        // The nearest firewalls in front of it (its own segment's, else the innermost ones of its site) are blamed.
        var policyProblems: [String: Set<String>] = [:]
        func layer(_ d: Device) -> Int { DependencyRules.layer(role: d.role, segmentKind: segmentByID[d.segment]?.kind) }
        for item in assessment.items where item.kind != .segment && (item.status == .ipv6Broken || item.icmpv6Filtered) {
            guard let segmentID = item.segment else { continue }
            let deviceID = item.kind == .device ? item.id : serviceByID[item.id]?.device
            var candidates = (deviceID.flatMap { dependencies[$0] } ?? []).compactMap { deviceByID[$0] }.filter { $0.role == .firewall }
            candidates += inventory.devices.filter { $0.segment == segmentID && $0.role == .firewall && $0.id != deviceID }
            guard let nearest = candidates.map(layer).max() else { continue }
            for f in Set(candidates.filter { layer($0) == nearest }.map(\.id)) { policyProblems[f, default: []].insert(segmentID) }
        }

        func subject(_ a: AssessedItem) -> SelectorSubject {
            switch a.kind {
            case .segment:
                return SelectorSubject(record: .segment, category: a.category, segmentKind: segmentByID[a.id]?.kind)
            case .device:
                let d = deviceByID[a.id]
                return SelectorSubject(record: .device, category: a.category, segmentKind: d.flatMap { segmentByID[$0.segment]?.kind },
                                       deviceRole: d?.role)
            case .service:
                let s = serviceByID[a.id]
                let host = s?.device.flatMap { deviceByID[$0] }
                return SelectorSubject(record: .service, category: a.category,
                                       segmentKind: host.flatMap { segmentByID[$0.segment]?.kind }, deviceRole: host?.role,
                                       serviceKind: s?.kind, serviceCategory: s?.category, audience: s?.audience,
                                       hostCategory: host.flatMap { assessed[$0.id]?.category })
            }
        }

        for a in assessment.items {
            var actions: [PlanAction] = []
            switch a.kind {
            case .segment:
                actions = segmentActions(a, segment: segmentByID[a.id], suggested: suggestedPrefixes[a.id], costs: costs)
            case .device:
                actions = deviceActions(a, device: deviceByID[a.id], costs: costs)
                if let segments = policyProblems[a.id] {
                    actions.append(PlanAction(.fixICMPv6Policy, to: segments.sorted().joined(separator: ", "), cost: costs.fix))
                }
            case .service:
                actions = serviceActions(a, service: serviceByID[a.id], costs: costs)
            }
            let phase = program.phaseIndex(for: subject(a))
            let kind: PlanItemKind = a.kind == .segment ? .segment : a.kind == .device ? .device : .service
            items[a.id] = PlanItem(kind: kind, id: a.id, name: a.name, agency: a.agency, category: a.category, status: a.status,
                                   order: 0, phase: phase, ruledPhase: phase, pulledBy: nil, actions: actions,
                                   dependsOn: (dependencies[a.id] ?? []).filter { items[$0] != nil || assessed[$0] != nil || $0 == PlanItem.addressPlanID },
                                   late: false, year: nil, cost: 0, unpriced: 0)
        }

        // A dependency is pulled into the earliest phase of anything that needs it.
        var changed = true
        while changed {
            changed = false
            for id in items.keys.sorted() {
                let item = items[id]!
                for dep in item.dependsOn {
                    guard var d = items[dep], item.phase < d.phase else { continue }
                    d.phase = item.phase
                    d.pulledBy = item.id
                    items[dep] = d
                    changed = true
                }
            }
        }

        // Lateness, year and cost.
        for id in items.keys {
            var item = items[id]!
            let phase = phases[item.phase]
            item.late = !item.done && phase.end < today
            item.year = item.done ? nil : (item.late ? today.year : max(phase.end.year, today.year))
            item.cost = item.actions.compactMap(\.cost).reduce(0, +)
            item.unpriced = item.actions.filter { $0.cost == nil && $0.kind != .verify && $0.kind != .survey }.count
            items[id] = item
        }

        let ordered = dependencyOrder(items)
        let targets = targetProgress(ordered, program: program, today: today)
        return ForwardSchedule.apply(MigrationPlan(program: program, assessment: assessment, today: today, items: ordered, targets: targets,
                                                   budget: budget(ordered), pilotCandidates: pilotCandidates(inventory, assessed)),
                                     predecessor: ForwardSchedule.predecessor(of: program) { plan(inventory, assessment: assessment, program: $0, today: today, suggestedPrefixes: suggestedPrefixes) })
    }

    // MARK: - Actions

    static func segmentActions(_ a: AssessedItem, segment: Segment?, suggested: IPPrefix?, costs: UnitCosts) -> [PlanAction] {
        guard let segment else { return [] }
        if segment.ipv6.isEmpty { return [PlanAction(.assignPrefix, to: suggested?.description, cost: costs.configure)] }
        if let lan = LANReadiness.problem(a) { return [PlanAction(.fixLANControlPlane, to: lan, cost: costs.fix)] }
        switch a.status {
        case .configured: return [PlanAction(.verify, cost: 0)]
        default: return []
        }
    }

    static func deviceActions(_ a: AssessedItem, device: Device?, costs: UnitCosts) -> [PlanAction] {
        switch a.status {
        case .dualStack, .ipv6Only: return []
        case .configured: return [PlanAction(.verify, cost: 0)]
        case .capable: return [PlanAction(.enableDualStack, cost: costs.configure)]
        case .needsUpgrade:
            return [PlanAction(.upgradeFirmware, from: device?.version, to: a.upgradeTo, cost: costs.upgrade),
                    PlanAction(.enableDualStack, cost: costs.configure)]
        case .needsReplacement:
            let price = a.catalog?.replacementCost.map { $0 + (costs.replaceLabour ?? 0) }
            let model = device.map { "\($0.vendor) \($0.model)" }
            return [PlanAction(.replaceDevice, from: model, cost: price), PlanAction(.enableDualStack, cost: costs.configure)]
        case .ipv6Broken: return [PlanAction(.fixIPv6Path, cost: costs.fix)]
        case .unknown: return [PlanAction(a.silent ? .verify : .survey, cost: 0)]
        }
    }

    static func serviceActions(_ a: AssessedItem, service: Service?, costs: UnitCosts) -> [PlanAction] {
        let name = service?.hostname ?? service.map { $0.ports.map(String.init).joined(separator: ",") }
        switch a.status {
        case .dualStack, .ipv6Only: return []
        case .configured: return [PlanAction(.verify, cost: 0)]
        case .capable, .needsUpgrade, .needsReplacement: return [PlanAction(.publishAAAA, to: name, cost: costs.configure)]
        case .ipv6Broken:
            return [PlanAction(.fixIPv6Path, to: service.map { $0.ports.map(String.init).joined(separator: ",") }, cost: costs.fix)]
        case .unknown: return [PlanAction(a.silent ? .verify : .survey, cost: 0)]
        }
    }

    // MARK: - Order

    /// Kahn's algorithm; among items whose dependencies are all placed, the earliest phase, then address plan,
    /// segments, devices by layer, services, then agency and id. Dependencies never sit in a later phase (they
    /// were pulled forward), so the order is phase by phase. Items in a cycle (none with the shipped rules) go last.
    static func dependencyOrder(_ items: [String: PlanItem]) -> [PlanItem] {
        func rank(_ item: PlanItem) -> Int {
            switch item.kind {
            case .addressPlan: return 0
            case .segment: return 1
            case .device: return 2
            case .service: return 9
            }
        }
        typealias Key = (Int, Int, String, String)
        func key(_ item: PlanItem) -> Key { (item.phase, rank(item), item.agency ?? "", item.id) }
        var remaining: [String: Int] = [:]
        var dependents: [String: [String]] = [:]
        for (id, item) in items {
            let deps = Set(item.dependsOn.filter { items[$0] != nil })
            remaining[id] = deps.count
            for d in deps { dependents[d, default: []].append(id) }
        }
        var ready = items.keys.filter { remaining[$0] == 0 }.map { items[$0]! }
        var result: [PlanItem] = []
        while !ready.isEmpty {
            var best = 0
            for i in 1..<ready.count where key(ready[i]) < key(ready[best]) { best = i }
            var item = ready.remove(at: best)
            item.order = result.count + 1
            result.append(item)
            for dependent in dependents[item.id] ?? [] {
                remaining[dependent]! -= 1
                if remaining[dependent] == 0 { ready.append(items[dependent]!) }
            }
        }
        if result.count < items.count {
            let placed = Set(result.map(\.id))
            for var item in items.values.filter({ !placed.contains($0.id) }).sorted(by: { key($0) < key($1) }) {
                item.order = result.count + 1
                result.append(item)
            }
        }
        return result
    }

    // MARK: - Targets, budget, pilots

    static func targetProgress(_ items: [PlanItem], program: Program, today: CalendarDate) -> [TargetProgress] {
        let years = program.years
        return program.categories.map { category in
            let members = items.filter { $0.category == category.id }
            let total = members.count
            let ready = members.filter { $0.status?.isReady == true }.count
            func percent(_ n: Int) -> Double { total == 0 ? 0 : 100 * Double(n) / Double(total) }
            let yearly = years.map { year in
                let done = members.filter { $0.done || ($0.year ?? Int.max) <= year }.count
                return TargetProgress.YearTarget(year: year, target: program.target(category: category.id, year: year),
                                                 planned: year < today.year ? nil : percent(done))
            }
            let dueYear = years.last { $0 < today.year }
            return TargetProgress(category: category.id, total: total, ready: ready, currentPercent: percent(ready), years: yearly,
                                  dueYear: dueYear, dueTarget: dueYear.flatMap { program.target(category: category.id, year: $0) })
        }
    }

    static func budget(_ items: [PlanItem]) -> [BudgetYear] {
        var years: [Int: BudgetYear] = [:]
        for item in items {
            guard let year = item.year else { continue }
            var b = years[year] ?? BudgetYear(year: year, replacements: 0, replacementCost: 0, upgrades: 0, upgradeCost: 0,
                                               configurations: 0, configurationCost: 0, fixes: 0, fixCost: 0, unpriced: 0)
            for action in item.actions {
                let cost = action.cost ?? 0
                switch action.kind {
                case .replaceDevice: b.replacements += 1; b.replacementCost += cost
                case .upgradeFirmware: b.upgrades += 1; b.upgradeCost += cost
                case .assignPrefix, .enableDualStack, .publishAAAA: b.configurations += 1; b.configurationCost += cost
                case .fixIPv6Path, .fixICMPv6Policy, .fixLANControlPlane: b.fixes += 1; b.fixCost += cost
                case .makeAddressPlan, .verify, .survey: break
                }
                if action.cost == nil, action.kind != .verify, action.kind != .survey, action.kind != .makeAddressPlan { b.unpriced += 1 }
            }
            years[year] = b
        }
        return years.values.sorted { $0.year < $1.year }
    }

    static func pilotCandidates(_ inventory: Inventory, _ assessed: [String: AssessedItem]) -> [String] {
        let bySegment = Dictionary(grouping: inventory.devices, by: \.segment)
        return inventory.segments.filter { segment in
            guard assessed[segment.id]?.status.isReady == true, let devices = bySegment[segment.id], devices.count >= 2 else { return false }
            return devices.allSatisfy { assessed[$0.id]?.status.isReady == true }
        }.map(\.id).sorted()
    }
}
