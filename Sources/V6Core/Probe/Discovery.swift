/// What a discovery found, told apart by the inventory: each responding address once (the first way it was
/// found wins), in address order, with its record or "not in inventory"; as table rows and as scan-format lines
/// without a record, so that `drift` reports the new ones.
public struct Discovery: Sendable {
    public private(set) var rows: [[String]] = []
    public private(set) var jsonLines = ""
    public private(set) var uniqueCount = 0
    public private(set) var newCount = 0

    public init(responders: [(address: IPAddress, how: String)], inventory: Inventory?, listAll: Bool) {
        var known: [IPAddress: String] = [:]
        for device in inventory?.devices ?? [] { for a in device.ipv4 + device.ipv6 { known[a] = device.id } }
        for service in inventory?.services ?? [] { for a in service.ipv4 + service.ipv6 where known[a] == nil { known[a] = service.id } }
        var seen = Set<IPAddress>()
        let unique = responders.filter { seen.insert($0.address.withoutZone).inserted }.sorted { $0.address < $1.address }
        uniqueCount = unique.count
        for responder in unique {
            let record = known[responder.address.withoutZone]
            if record == nil { newCount += 1 }
            guard listAll || record == nil else { continue }
            rows.append([responder.address.description, responder.how, record ?? "not in inventory"])
            let result = ProbeResult(target: responder.address.description, address: responder.address.withoutZone, method: .icmp,
                                     status: .reachable, detail: "discovered (\(responder.how))", sent: 1, received: 1, record: record)
            jsonLines += result.jsonLine + "\n"
        }
    }
}

extension IPAddress {
    /// The address as inventories write it (link-local zones are not part of an inventory address).
    public var withoutZone: IPAddress {
        if case let .v6(a) = self, a.zone != nil { return .v6(IPv6Address(high: a.high, low: a.low)) }
        return self
    }
}
