import Foundation

/// A DNSSEC key made by `ldns-keygen` for a lab zone: where its files are, and its DNSKEY and DS records as the tool
/// printed them (presentation format, one line each).
public struct LabDNSKey: Sendable, Hashable {
    /// The key's base name (`Kvidu.example.+013+12345`) inside `directory`.
    public var baseName: String
    public var directory: String
    public var dnskeyLine: String
    public var dsLine: String
}

/// Signs lab zones with the signer Debian ships (`ldns-signzone` from ldnsutils), so that the validator is tested
/// against zones it did not make itself. Keys and files live in a directory the caller owns and removes.
public enum LabDNSSigner {
    /// A key-signing key (flags 257) for `origin`, ECDSA P-256 unless told otherwise.
    public static func generateKey(for origin: String, algorithm: String = "ECDSAP256SHA256",
                                   in directory: String) throws -> LabDNSKey {
        let result = try LabCommand.check(.ldnsKeygen, ["-a", algorithm, "-k", origin], workingDirectory: directory)
        let baseName = result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        guard baseName.hasPrefix("K"), !baseName.contains("/") else {
            throw LabError.invalidSpec("ldns-keygen printed \(String(reflecting: baseName)), not a key name")
        }
        func line(_ suffix: String) throws -> String {
            let text = try String(contentsOfFile: directory + "/" + baseName + suffix, encoding: .utf8)
            return text.split(separator: "\n").first { !$0.hasPrefix(";") }.map(String.init) ?? ""
        }
        return LabDNSKey(baseName: baseName, directory: directory, dnskeyLine: try line(".key"), dsLine: try line(".ds"))
    }

    /// `zone` signed with `key` (NSEC, or NSEC3 with `nsec3`: SHA-1, the given salt and iterations, no opt-out; the
    /// key's DNSKEY added), valid from `inception` to `expiration` (`YYYYMMDD`, ldns's defaults of now and four weeks
    /// ahead when nil). The returned zone serves the signed text.
    public static func sign(_ zone: LabDNSZone, with key: LabDNSKey, inception: String? = nil,
                            expiration: String? = nil, nsec3: (salt: String, iterations: Int)? = nil) throws -> LabDNSZone {
        let directory = key.directory
        let unsigned = zone.origin + ".unsigned"
        let signed = zone.origin + ".signed"
        try zone.unsignedZoneFile().write(toFile: directory + "/" + unsigned, atomically: true, encoding: .utf8)
        var arguments = ["-f", directory + "/" + signed, "-o", zone.origin]
        if let inception { arguments += ["-i", inception] }
        if let expiration { arguments += ["-e", expiration] }
        if let nsec3 { arguments += ["-n", "-s", nsec3.salt, "-t", String(nsec3.iterations)] }
        arguments += [directory + "/" + unsigned, directory + "/" + key.baseName]
        try LabCommand.check(.ldnsSignzone, arguments)
        var result = zone
        result.signedText = try String(contentsOfFile: directory + "/" + signed, encoding: .utf8)
        return result
    }

    /// `into` (a signed zone's text) with the RRSIGs over the A, AAAA and MX records of `owners` taken from `from`
    /// (the same zone signed with the same key for another period). Their NSEC/NSEC3 and every other signature stay
    /// as they were, so only those names' data fail validation.
    public static func transplantingSignatures(of owners: [String], from source: String, into target: String) -> String {
        let wanted = Set(owners.map { $0.lowercased().hasSuffix(".") ? String($0.lowercased().dropLast()) : $0.lowercased() })
        func isTransplanted(_ line: Substring) -> Bool {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count > 4, fields[3] == "RRSIG", ["A", "AAAA", "MX"].contains(fields[4]) else { return false }
            var owner = fields[0].lowercased()
            if owner.hasSuffix(".") { owner.removeLast() }
            return wanted.contains(owner)
        }
        let kept = target.split(separator: "\n", omittingEmptySubsequences: false).filter { !isTransplanted($0) }
        let moved = source.split(separator: "\n").filter(isTransplanted)
        return (kept.filter { !$0.isEmpty } + moved).joined(separator: "\n") + "\n"
    }
}
