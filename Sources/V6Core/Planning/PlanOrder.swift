/// The plan's items as an integer graph (ids → positions, adjacency arrays), for the two passes that follow the
/// dependencies: pulling a dependency into the earliest phase of what needs it, and the dependency order itself.
/// Both are linear in items plus dependencies (the order adds a log factor for its ready heap).
struct PlanOrder {
    /// The items by id order; callers may change anything but ids and dependencies.
    var items: [PlanItem]
    /// For each item, the positions of the items it depends on (unique, existing ones only).
    private let dependencies: [[Int]]
    private let dependents: [[Int]]

    init(_ byID: [String: PlanItem]) {
        let ids = byID.keys.sorted()
        var position: [String: Int] = [:]
        position.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() { position[id] = i }
        items = ids.map { byID[$0]! }
        var dependencies = [[Int]](repeating: [], count: ids.count)
        var dependents = [[Int]](repeating: [], count: ids.count)
        for (i, item) in items.enumerated() {
            var seen = Set<Int>()
            for dep in item.dependsOn {
                guard let d = position[dep], seen.insert(d).inserted else { continue }
                dependencies[i].append(d)
                dependents[d].append(i)
            }
        }
        self.dependencies = dependencies
        self.dependents = dependents
    }

    /// Kahn's algorithm with `next` choosing among the ready items; items left in a cycle are returned apart.
    private func topological(next: (inout MinHeap) -> Int?, readyKey: (Int) -> Int) -> (order: [Int], cyclic: [Int]) {
        var remaining = dependencies.map(\.count)
        var ready = MinHeap()
        for i in items.indices where remaining[i] == 0 { ready.push(readyKey(i)) }
        var order: [Int] = []
        order.reserveCapacity(items.count)
        while let i = next(&ready) {
            order.append(i)
            for dependent in dependents[i] {
                remaining[dependent] -= 1
                if remaining[dependent] == 0 { ready.push(readyKey(dependent)) }
            }
        }
        return (order, items.indices.filter { remaining[$0] > 0 })
    }

    /// A dependency is pulled into the earliest phase of anything that needs it; `pulledBy` names the dependent with
    /// that phase (the first by id when several have it). Dependents are settled before their dependencies.
    mutating func pullPhases() {
        let order = topological(next: { $0.pop() }, readyKey: { $0 }).order
        for i in order.reversed() {
            let item = items[i]
            for d in dependencies[i] {
                if item.phase < items[d].phase {
                    items[d].phase = item.phase
                    items[d].pulledBy = item.id
                } else if item.phase == items[d].phase, let by = items[d].pulledBy, item.id < by {
                    items[d].pulledBy = item.id
                }
            }
        }
    }

    /// Kahn's algorithm; among items whose dependencies are all placed, the earliest phase, then address plan,
    /// segments, devices, services, then agency and id. Dependencies never sit in a later phase (they were pulled
    /// forward), so the order is phase by phase. Items in a cycle (none with the shipped rules) go last.
    func ordered() -> [PlanItem] {
        func rank(_ item: PlanItem) -> Int {
            switch item.kind {
            case .addressPlan: return 0
            case .segment: return 1
            case .device: return 2
            case .service: return 9
            }
        }
        let byKey = items.indices.sorted { a, b in
            let x = items[a], y = items[b]
            return (x.phase, rank(x), x.agency ?? "", x.id) < (y.phase, rank(y), y.agency ?? "", y.id)
        }
        var keyOf = [Int](repeating: 0, count: items.count)
        for (k, i) in byKey.enumerated() { keyOf[i] = k }
        let (order, cyclic) = topological(next: { $0.pop().map { byKey[$0] } }, readyKey: { keyOf[$0] })
        var result: [PlanItem] = []
        result.reserveCapacity(items.count)
        for i in order + cyclic.sorted(by: { keyOf[$0] < keyOf[$1] }) {
            var item = items[i]
            item.order = result.count + 1
            result.append(item)
        }
        return result
    }
}
