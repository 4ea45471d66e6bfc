/// Validates a name's DNSSEC chain from the answers a caller supplies (RFC 4035 §5): from the deepest trust anchor
/// above the name, DS by DS and DNSKEY by DNSKEY down to the name's zone, then the RRSIGs over the zone's SOA and
/// NS and the name's own A, AAAA and MX. Pure: `lookup` is the only way out, so tests feed it recorded messages
/// and the service checks feed it a name server's answers.
public struct DNSSECValidator {
    /// The answer to one question, or nil when none came (timeout, refusal): that makes the result not testable.
    public typealias Lookup = (DNSName, DNSRecordType) -> DNSMessage?

    public var anchors: [DNSSECTrustAnchor]
    /// The RRSIG clock value for now.
    public var now: UInt32
    public var lookup: Lookup
    /// The types whose RRsets at the name are checked (the zone apex always has SOA and NS checked).
    public var types: [DNSRecordType] = [.a, .aaaa, .mx]

    public init(anchors: [DNSSECTrustAnchor], now: UInt32, lookup: @escaping Lookup) {
        self.anchors = anchors
        self.now = now
        self.lookup = lookup
    }

    /// A zone whose keys are trusted.
    struct TrustedZone {
        var name: DNSName
        var keys: [DNSKEYData]
    }

    /// How the walk ended: the zone holding the name, or a verdict already.
    enum Step {
        case zone(TrustedZone)
        case done(DNSSECVerdict)
    }

    public func validate(_ name: DNSName) -> DNSSECVerdict {
        let covering = anchors.filter { name.isWithin($0.zone) }.max { $0.zone.labelCount < $1.zone.labelCount }
        guard let anchor = covering else {
            return .notTestable("no trust anchor covers \(name)")
        }
        var zone: TrustedZone
        switch keys(of: anchor.zone, trusting: { anchor.trusts($0) }, trustName: "the trust anchor") {
        case .done(let verdict): return verdict
        case .zone(let trusted): zone = trusted
        }
        var verified = ["\(zone.name) DNSKEY"]
        let labels = name.lowercased.labels
        for depth in stride(from: anchor.zone.labelCount + 1, through: labels.count, by: 1) {
            guard let child = try? DNSName(labels: Array(labels.suffix(depth))) else { break }
            switch descend(from: zone, to: child) {
            case .done(let verdict):
                var result = verdict
                result.verified = verified + verdict.verified
                return result
            case .zone(let next):
                if next.name != zone.name { verified += ["\(next.name) DS", "\(next.name) DNSKEY"] }
                zone = next
            }
        }
        var targets: [(DNSName, DNSRecordType)] = [(zone.name, .soa), (zone.name, .ns)]
        targets += types.map { (name, $0) }
        for (owner, type) in targets {
            guard let message = lookup(owner, type) else {
                return .notTestable("no answer for \(owner) \(type)", zone: zone.name)
            }
            let records = message.answers.filter { $0.type == type && $0.name == owner }
            if records.isEmpty { continue }
            switch DNSSECRRsetCheck.verify(records: records, signatures: signatures(in: message.answers, owner: owner),
                                           keys: zone.keys, signer: zone.name, now: now) {
            case .valid: verified.append("\(owner) \(type)")
            case .invalid(let reason, let detail):
                return DNSSECVerdict(status: .bogus, reason: reason, detail: detail, zone: zone.name, verified: verified)
            case .unsupported(let detail):
                return DNSSECVerdict(status: .notTestable, detail: detail, zone: zone.name, verified: verified)
            }
        }
        return DNSSECVerdict(status: .secure, detail: "chain of trust from \(anchor.zone) to \(zone.name) verified",
                             zone: zone.name, verified: verified)
    }

    /// One step down: `child` is a signed zone (DS verified, keys matched), not a zone cut (still `zone`), or the
    /// end of the walk (insecure delegation or a failure).
    func descend(from zone: TrustedZone, to child: DNSName) -> Step {
        guard let message = lookup(child, .ds) else {
            return .done(.notTestable("no answer for \(child) DS", zone: zone.name))
        }
        let dsRecords = message.answers.filter { $0.type == .ds && $0.name == child }
        if !dsRecords.isEmpty {
            switch DNSSECRRsetCheck.verify(records: dsRecords, signatures: signatures(in: message.answers, owner: child),
                                           keys: zone.keys, signer: zone.name, now: now) {
            case .valid: break
            case .invalid(let reason, let detail): return .done(.bogus(reason, detail, zone: zone.name))
            case .unsupported(let detail): return .done(.notTestable(detail, zone: zone.name))
            }
            let set: [DSData] = dsRecords.compactMap { if case .ds(let ds) = $0.data { ds } else { nil } }
            let usable = set.filter { DNSSECAlgorithm.isSupported($0.algorithm) && [1, 2, 4].contains($0.digestType) }
            guard !usable.isEmpty else {
                return .done(DNSSECVerdict(status: .insecure, detail: "\(child) DS uses only algorithms or digests not implemented here",
                                           zone: child))
            }
            return keys(of: child, trusting: { key in usable.contains { DNSSECDigests.matches($0, key: key, owner: child) } },
                        trustName: "\(child) DS " + usable.map { "\($0.keyTag)" }.joined(separator: ", "))
        }
        return denial(of: child, in: message, zone: zone)
    }

    /// No DS at `child`: a signed NSEC or NSEC3 must say whether it is an unsigned delegation (insecure) or not a
    /// zone cut at all (keep walking).
    func denial(of child: DNSName, in message: DNSMessage, zone: TrustedZone) -> Step {
        let authority = message.authority
        for record in authority where record.type == .nsec || record.type == .nsec3 {
            let proves: (types: [DNSRecordType], optOut: Bool)?
            switch record.data {
            case .nsec(let nsec):
                if record.name == child {
                    proves = (nsec.types, false)
                } else if Self.covers(owner: record.name, next: nsec.nextName, name: child) {
                    proves = ([], false)
                } else {
                    proves = nil
                }
            case .nsec3(let nsec3):
                proves = Self.nsec3Proof(nsec3, owner: record.name, zone: zone.name, name: child)
            default:
                proves = nil
            }
            guard let proof = proves else { continue }
            let set = authority.filter { $0.type == record.type && $0.name == record.name }
            switch DNSSECRRsetCheck.verify(records: set, signatures: signatures(in: authority, owner: record.name),
                                           keys: zone.keys, signer: zone.name, now: now) {
            case .valid: break
            case .invalid(let reason, let detail): return .done(.bogus(reason, detail, zone: zone.name))
            case .unsupported(let detail): return .done(.notTestable(detail, zone: zone.name))
            }
            if proof.types.contains(.ds) {
                return .done(.bogus(.missingDS, "\(child): the denial lists DS, yet no DS came", zone: zone.name))
            }
            if proof.optOut || (proof.types.contains(.ns) && !proof.types.contains(.soa)) {
                return .done(DNSSECVerdict(status: .insecure,
                                           detail: "\(child) is an unsigned delegation: \(zone.name) proves it has no DS",
                                           zone: child, verified: ["\(record.name) \(record.type)"]))
            }
            return .zone(zone)
        }
        // An answer from the child's own apex (its SOA) means a zone cut whose parent did not deny the DS.
        let childApex = authority.contains { $0.type == .soa && $0.name == child }
        if childApex || message.answers.isEmpty && authority.isEmpty {
            return .done(.bogus(.missingDS, "\(child) has no DS and \(zone.name) gives no signed denial of one",
                                zone: zone.name))
        }
        return .done(.bogus(.missingDS, "\(child): no DS and no NSEC or NSEC3 proving there is none", zone: zone.name))
    }

    /// Fetches `zone`'s DNSKEY RRset; at least one key must be trusted and sign the set.
    func keys(of zone: DNSName, trusting trusted: (DNSKEYData) -> Bool, trustName: String) -> Step {
        guard let message = lookup(zone, .dnskey) else {
            return .done(.notTestable("no answer for \(zone) DNSKEY", zone: zone))
        }
        let records = message.answers.filter { $0.type == .dnskey && $0.name == zone }
        let keys: [DNSKEYData] = records.compactMap { if case .dnskey(let key) = $0.data { key } else { nil } }
        guard !keys.isEmpty else {
            return .done(.bogus(.missingDNSKEY, "\(zone) publishes no DNSKEY", zone: zone))
        }
        let anchored = keys.filter(trusted)
        guard !anchored.isEmpty else {
            return .done(.bogus(.noDNSKEYMatchingDS, "no \(zone) DNSKEY (" + keys.map { "\($0.keyTag)" }.joined(separator: ", ")
                                + ") matches \(trustName)", zone: zone))
        }
        switch DNSSECRRsetCheck.verify(records: records, signatures: signatures(in: message.answers, owner: zone),
                                       keys: anchored, signer: zone, now: now) {
        case .valid: return .zone(TrustedZone(name: zone, keys: keys))
        case .invalid(let reason, let detail): return .done(.bogus(reason, detail, zone: zone))
        case .unsupported(let detail): return .done(.notTestable(detail, zone: zone))
        }
    }

    func signatures(in records: [DNSRecord], owner: DNSName) -> [RRSIGData] {
        records.compactMap { record in
            guard record.name == owner, case .rrsig(let signature) = record.data else { return nil }
            return signature
        }
    }

    /// True when `name` falls strictly between an NSEC's owner and next name in canonical order (the last NSEC
    /// wraps round to the apex).
    static func covers(owner: DNSName, next: DNSName, name: DNSName) -> Bool {
        let afterOwner = DNSSECCanonical.compare(owner, name) < 0
        let beforeNext = DNSSECCanonical.compare(name, next) < 0
        return DNSSECCanonical.compare(owner, next) < 0 ? afterOwner && beforeNext : afterOwner || beforeNext
    }

    /// The types an NSEC3 proves for `name`: its own types when the hash matches, nothing (with opt-out) when it
    /// covers the hash; nil when it says nothing about the name.
    static func nsec3Proof(_ nsec3: NSEC3Data, owner: DNSName, zone: DNSName, name: DNSName) -> (types: [DNSRecordType], optOut: Bool)? {
        guard nsec3.hashAlgorithm == 1, nsec3.iterations <= 500, owner.parent == zone,
              let label = owner.labels.first, let ownerHash = Base32Hex.decode(String(decoding: label, as: UTF8.self))
        else { return nil }
        let hash = DNSSECDigests.nsec3Hash(name, salt: nsec3.salt, iterations: nsec3.iterations)
        if hash == ownerHash { return (nsec3.types, false) }
        let next = nsec3.nextHashedOwner
        let afterOwner = ownerHash.lexicographicallyPrecedes(hash)
        let beforeNext = hash.lexicographicallyPrecedes(next)
        let covered = ownerHash.lexicographicallyPrecedes(next) ? afterOwner && beforeNext : afterOwner || beforeNext
        return covered ? ([], nsec3.isOptOut) : nil
    }
}
