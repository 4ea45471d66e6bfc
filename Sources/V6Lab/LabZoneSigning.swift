import Foundation

/// How the lab signs a zone it serves: ECDSA P-256 with NSEC, signatures valid from yesterday for four weeks,
/// except the RRSIGs over the data of `expiredOwners`, which expired a month ago — one name whose signatures a
/// validating resolver refuses (bogus, `expired`) in a zone that otherwise validates.
public struct LabZoneSigning: Sendable, Hashable {
    /// Owner names (absolute, no trailing dot) whose A, AAAA and MX signatures are the expired ones.
    public var expiredOwners: [String]

    public init(expiredOwners: [String] = []) {
        self.expiredOwners = expiredOwners
    }
}

extension LabSpec {
    /// Every zone the spec serves (the resolver's and each name server's), once per origin.
    var servedZones: [LabDNSZone] {
        var zones = resolver?.zones ?? []
        for server in hosts.flatMap(\.servers) {
            if case .nameServer(_, let served) = server { zones += served }
        }
        var seen = Set<String>()
        return zones.filter { seen.insert($0.origin).inserted }
    }

    /// The spec with `zone` in place of every zone of its origin.
    func replacing(_ zone: LabDNSZone) -> LabSpec {
        func swap(_ zones: [LabDNSZone]) -> [LabDNSZone] { zones.map { $0.origin == zone.origin ? zone : $0 } }
        var spec = self
        if let resolver { spec.resolver = LabResolver(zones: swap(resolver.zones)) }
        for index in spec.hosts.indices {
            spec.hosts[index].servers = spec.hosts[index].servers.map { server in
                if case .nameServer(let addresses, let zones) = server { return .nameServer(addresses: addresses, zones: swap(zones)) }
                return server
            }
        }
        return spec
    }

    /// Signs every zone that asks for it with `LabDNSSigner` (ldnsutils), keys in a scratch directory removed
    /// before returning; the signed spec and the DS records of the keys (presentation format), the trust anchors
    /// a validator starts from.
    func signingZones() throws -> (spec: LabSpec, trustAnchors: [String]) {
        let wanted = servedZones.filter { $0.signing != nil && $0.signedText == nil }
        guard !wanted.isEmpty else { return (self, []) }
        let scratch = NSTemporaryDirectory() + "v6ready-sign-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var spec = self
        var anchors: [String] = []
        for zone in wanted {
            let key = try LabDNSSigner.generateKey(for: zone.origin, in: scratch)
            let day: Double = 86_400
            let now = Date()
            var signed = try LabDNSSigner.sign(zone, with: key, inception: Self.day(now.addingTimeInterval(-day)),
                                               expiration: Self.day(now.addingTimeInterval(28 * day)))
            if let owners = zone.signing?.expiredOwners, !owners.isEmpty {
                let expired = try LabDNSSigner.sign(zone, with: key, inception: Self.day(now.addingTimeInterval(-60 * day)),
                                                    expiration: Self.day(now.addingTimeInterval(-30 * day)))
                signed.signedText = LabDNSSigner.transplantingSignatures(of: owners, from: expired.signedText ?? "",
                                                                         into: signed.signedText ?? "")
            }
            spec = spec.replacing(signed)
            anchors.append(key.dsLine)
        }
        return (spec, anchors)
    }

    /// `YYYYMMDD` in UTC, what ldns-signzone takes for its validity period.
    static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd"
        return formatter.string(from: date)
    }
}
