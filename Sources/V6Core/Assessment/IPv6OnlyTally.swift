/// The IPv6-only state of the services, per agency or per category: how many work natively for IPv6-only clients,
/// how many only through NAT64 ("IPv6-only via translation": publish AAAA), how many are broken, and how many were
/// never checked from an IPv6-only vantage. Read from the assessment's `ipv6OnlyVerdict` evidence.
public struct IPv6OnlyTally: Sendable, Equatable {
    public var key: String
    public var native = 0
    public var nat64 = 0
    public var broken = 0
    public var unchecked = 0

    public init(key: String) { self.key = key }

    public var total: Int { native + nat64 + broken + unchecked }

    /// One tally per agency and one per category (services only), sorted by key; empty when no service has an
    /// IPv6-only verdict (a scan from a dual-stack vantage says nothing about IPv6-only clients).
    public static func of(_ items: [AssessedItem]) -> (agencies: [IPv6OnlyTally], categories: [IPv6OnlyTally]) {
        let services = items.filter { $0.kind == .service }
        func verdict(_ item: AssessedItem) -> IPv6OnlyVerdict? {
            for fact in item.evidence { if case let .ipv6OnlyVerdict(_, v, _) = fact { return v } }
            return nil
        }
        guard services.contains(where: { verdict($0) != nil }) else { return ([], []) }
        func tally(_ key: (AssessedItem) -> String) -> [IPv6OnlyTally] {
            var byKey: [String: IPv6OnlyTally] = [:]
            for item in services {
                let k = key(item)
                var t = byKey[k] ?? IPv6OnlyTally(key: k)
                switch verdict(item) {
                case .native: t.native += 1
                case .nat64: t.nat64 += 1
                case .broken: t.broken += 1
                case nil: t.unchecked += 1
                }
                byKey[k] = t
            }
            return byKey.values.sorted { $0.key < $1.key }
        }
        return (tally(\.agency), tally(\.category))
    }
}
