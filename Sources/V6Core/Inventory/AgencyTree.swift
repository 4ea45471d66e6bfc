extension Inventory {
    /// An agency and every agency below it (its departments, districts, communes), for commands that work on
    /// one part of a province. Built from a parent → children index, so it costs one pass over the agencies.
    public func agencySubtree(of root: String) -> Set<String> {
        var children: [String: [String]] = [:]
        for agency in agencies { if let parent = agency.parent { children[parent, default: []].append(agency.id) } }
        var result: Set<String> = [root]
        var queue = [root]
        while let next = queue.popLast() {
            for child in children[next] ?? [] where result.insert(child).inserted { queue.append(child) }
        }
        return result
    }
}
