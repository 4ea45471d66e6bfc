/// Verifies one RRset against its RRSIGs and a set of zone keys, and says precisely why not (RFC 4035 §5.3).
public enum DNSSECRRsetCheck {
    public enum Outcome: Sendable, Equatable {
        case valid(keyTag: UInt16)
        case invalid(DNSSECVerdict.Reason, String)
        /// Every signature uses an algorithm not implemented here.
        case unsupported(String)
    }

    /// `now` is the 32-bit RRSIG clock value (seconds since 1970 modulo 2^32).
    public static func verify(records: [DNSRecord], signatures: [RRSIGData], keys: [DNSKEYData], signer: DNSName,
                              now: UInt32) -> Outcome {
        guard let first = records.first else { return .invalid(.missingSignature, "no records to verify") }
        let label = "\(first.name) \(first.type)"
        let candidates = signatures.filter { $0.typeCovered == first.type && $0.signerName == signer }
        guard !candidates.isEmpty else { return .invalid(.missingSignature, "\(label) has no RRSIG by \(signer)") }
        var failures: [(DNSSECVerdict.Reason, String)] = []
        var unsupported = 0
        for signature in candidates {
            let tag = signature.keyTag
            guard DNSSECAlgorithm.isSupported(signature.algorithm) else {
                unsupported += 1
                continue
            }
            let matching = keys.filter { $0.keyTag == tag && $0.algorithm == signature.algorithm && $0.isZoneKey && !$0.isRevoked }
            guard !matching.isEmpty else {
                failures.append((.wrongKeyTag, "\(label): RRSIG names key tag \(tag) (\(DNSSECAlgorithm.name(signature.algorithm))), "
                                 + "but \(signer) DNSKEY has " + keys.map { "\($0.keyTag)" }.joined(separator: ", ")))
                continue
            }
            if DNSSECTime.isBefore(signature.expiration, now) {
                failures.append((.expired, "\(label): RRSIG by key \(tag) expired at \(DNSSECTime.presentation(signature.expiration))"))
                continue
            }
            if DNSSECTime.isBefore(now, signature.inception) {
                failures.append((.notYetValid, "\(label): RRSIG by key \(tag) is valid only from \(DNSSECTime.presentation(signature.inception))"))
                continue
            }
            let data = DNSSECCanonical.signedData(for: signature, records: records)
            if matching.contains(where: { DNSSECAlgorithm.verify(key: $0, signature: signature.signature, data: data) == true }) {
                return .valid(keyTag: tag)
            }
            failures.append((.badSignature, "\(label): the RRSIG by key \(tag) does not verify (data changed after signing?)"))
        }
        if let worst = failures.min(by: { rank($0.0) < rank($1.0) }) { return .invalid(worst.0, worst.1) }
        return .unsupported("\(label): \(unsupported) signature(s), all with algorithms not implemented here")
    }

    /// Which failure to report when several signatures fail: the most specific one.
    private static func rank(_ reason: DNSSECVerdict.Reason) -> Int {
        switch reason {
        case .badSignature: 0
        case .expired: 1
        case .notYetValid: 2
        case .wrongKeyTag: 3
        default: 4
        }
    }
}
