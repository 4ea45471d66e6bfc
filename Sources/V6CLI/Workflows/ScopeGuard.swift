import V6Core

/// The product's promise not to probe what the inventory does not declare: targets outside its scope are refused
/// (loopback is always allowed) unless the user says `--outside-scope`.
struct ScopeGuard {
    /// The scope of the inventory found, nil when none was found.
    let scope: Scope?

    init(inventory: InventoryOptions, console: Console) {
        scope = (try? inventory.store(console).load())?.manifest.scope
    }

    /// Whether one address may be probed.
    func allows(_ address: IPAddress) -> Bool {
        address.addressClass == .loopback || scope?.contains(address) == true
    }

    /// How an address or prefix the scope does not hold is shown; nil when it may be probed.
    func outside(_ argument: TargetArgument) -> String? {
        switch argument {
        case let .address(address): return allows(address) ? nil : address.description
        case let .prefix(prefix):
            return allowsRange(prefix.address, prefix.lastAddress) ? nil : "\(prefix.address)–\(prefix.lastAddress)"
        case .hostname, .file: return nil
        }
    }

    private func allowsRange(_ first: IPAddress, _ last: IPAddress) -> Bool {
        let inside = scope.map { $0.contains(first) && $0.contains(last) } ?? false
        return inside || (first.addressClass == .loopback && last.addressClass == .loopback)
    }

    /// Throws a usage error naming up to five targets outside the scope; `inFiles`: those the target files hold
    /// (checked as they were read).
    func check(_ sources: [TargetStream.Source], inFiles: (shown: [String], count: Int) = ([], 0)) throws(CLIError) {
        var outside: [String] = []
        for source in sources {
            switch source {
            case let .one(t):
                if allows(t.address) { continue }
                outside.append(t.label.isEmpty ? t.address.description : "\(t.label) (\(t.address))")
            case let .prefix(addresses):
                guard let first = addresses.first, let last = addresses.last else { continue }
                if !allowsRange(first, last) { outside.append("\(first)–\(last)") }
            case .file:
                continue
            }
        }
        let total = outside.count + inFiles.count
        guard total > 0 else { return }
        let list = (outside + inFiles.shown).prefix(5)
        let shown = list.joined(separator: ", ") + (total > list.count ? " and \(total - list.count) more" : "")
        throw .argument("\(shown) \(total == 1 ? "is" : "are") outside the inventory's scope\(scope == nil ? " (no inventory found)" : ""); v6ready probes only what the inventory declares — add the prefix to scope in inventory.json, or pass --outside-scope if you are sure")
    }
}
