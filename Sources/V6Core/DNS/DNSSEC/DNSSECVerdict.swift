/// What DNSSEC validation concluded for a name (RFC 4035 §4.3).
public struct DNSSECVerdict: Sendable, Equatable {
    public enum Status: String, Sendable {
        /// A chain of valid signatures from a trust anchor down to every RRset asked about.
        case secure
        /// Provably unsigned: a signed denial that a DS exists at a delegation above the name.
        case insecure
        /// Signatures that should be there and valid are not.
        case bogus
        /// Nothing can be said: no answers, no trust anchor for the name, or algorithms not implemented here.
        case notTestable = "not-testable"
    }

    public enum Reason: String, Sendable {
        case expired
        case notYetValid = "not-yet-valid"
        case wrongKeyTag = "wrong-key-tag"
        case badSignature = "bad-signature"
        case missingSignature = "missing-signature"
        case missingDS = "missing-ds"
        case noDNSKEYMatchingDS = "no-dnskey-matching-ds"
        case missingDNSKEY = "missing-dnskey"
    }

    public var status: Status
    public var reason: Reason?
    /// A sentence naming the zone, RRset and key involved.
    public var detail: String
    /// The deepest zone reached on the way down.
    public var zone: DNSName?
    /// The RRsets whose signatures verified, e.g. `vidu.example. SOA`.
    public var verified: [String]

    public init(status: Status, reason: Reason? = nil, detail: String, zone: DNSName? = nil, verified: [String] = []) {
        self.status = status
        self.reason = reason
        self.detail = detail
        self.zone = zone
        self.verified = verified
    }

    public static func bogus(_ reason: Reason, _ detail: String, zone: DNSName?) -> DNSSECVerdict {
        DNSSECVerdict(status: .bogus, reason: reason, detail: detail, zone: zone)
    }

    public static func notTestable(_ detail: String, zone: DNSName? = nil) -> DNSSECVerdict {
        DNSSECVerdict(status: .notTestable, detail: detail, zone: zone)
    }
}
