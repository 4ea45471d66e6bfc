import V6Core

/// The product's promise not to probe what the inventory does not declare: targets outside its scope are refused
/// (loopback is always allowed) unless the user says `--outside-scope`.
struct ScopeGuard {
    /// The scope of the inventory found, nil when none was found.
    let scope: Scope?

    init(inventory: InventoryOptions, console: Console) {
        scope = (try? inventory.store(console).load())?.manifest.scope
    }

    /// Throws a usage error naming up to five targets outside the scope.
    func check(_ sources: [TargetStream.Source]) throws(CLIError) {
        var outside: [String] = []
        for source in sources {
            switch source {
            case let .one(t):
                if t.address.addressClass == .loopback || scope?.contains(t.address) == true { continue }
                outside.append(t.label.isEmpty ? t.address.description : "\(t.label) (\(t.address))")
            case let .prefix(addresses):
                guard let first = addresses.first, let last = addresses.last else { continue }
                let inside = scope.map { $0.contains(first) && $0.contains(last) } ?? false
                if !inside && !(first.addressClass == .loopback && last.addressClass == .loopback) { outside.append("\(first)–\(last)") }
            }
        }
        guard !outside.isEmpty else { return }
        let shown = outside.prefix(5).joined(separator: ", ") + (outside.count > 5 ? " and \(outside.count - 5) more" : "")
        throw .argument("\(shown) \(outside.count == 1 ? "is" : "are") outside the inventory's scope\(scope == nil ? " (no inventory found)" : ""); v6ready probes only what the inventory declares — add the prefix to scope in inventory.json, or pass --outside-scope if you are sure")
    }
}
