/// Answers "does this device support IPv6, and from which firmware?" from the shipped catalog plus the
/// inventory's own entries (which win over shipped ones for the same vendor and model).
public struct CapabilityCatalog: Sendable {
    public private(set) var entries: [CatalogEntry]

    public init(entries: [CatalogEntry]) { self.entries = entries }

    /// The catalog shipped with v6ready.
    public static let shipped: CapabilityCatalog = {
        guard let parsed = try? JSONParser.parse(DefaultCatalogData.json) else { return CapabilityCatalog(entries: []) }
        return CapabilityCatalog(entries: InventoryCodec.decodeCatalog(parsed.value, file: "shipped catalog").0)
    }()

    /// The shipped catalog with `overrides` put first, replacing shipped entries with the same vendor and model.
    public func merged(with overrides: [CatalogEntry]) -> CapabilityCatalog {
        let keys = Set(overrides.map { $0.vendor.lowercased() + "\u{0}" + $0.model.lowercased() })
        return CapabilityCatalog(entries: overrides + entries.filter { !keys.contains($0.vendor.lowercased() + "\u{0}" + $0.model.lowercased()) })
    }

    /// The best entry for a device: an exact model match first, then the longest `*` family match.
    public func entry(vendor: String, model: String) -> CatalogEntry? {
        let v = vendor.lowercased(), m = model.lowercased()
        var best: (entry: CatalogEntry, score: Int)?
        for entry in entries where entry.vendor.lowercased() == v {
            let pattern = entry.model.lowercased()
            let score: Int
            if pattern == m {
                score = Int.max
            } else if pattern.hasSuffix("*"), m.hasPrefix(pattern.dropLast()) {
                score = pattern.count
            } else {
                continue
            }
            if best == nil || score > best!.score { best = (entry, score) }
        }
        return best?.entry
    }

    /// What the catalog concludes for one device.
    public func verdict(for device: Device) -> CapabilityVerdict {
        guard let entry = entry(vendor: device.vendor, model: device.model) else { return .unknown }
        switch entry.ipv6 {
        case .yes: return .supported(entry)
        case .no: return .unsupported(entry)
        case .upgrade:
            guard let minimum = entry.minVersion else { return .needsUpgrade(entry, to: "?") }
            if let version = device.version, VersionOrder.compare(version, minimum) >= 0 { return .supported(entry) }
            return .needsUpgrade(entry, to: minimum)
        }
    }
}

/// The catalog's answer for a device.
public enum CapabilityVerdict: Sendable, Equatable {
    case supported(CatalogEntry)
    case needsUpgrade(CatalogEntry, to: String)
    case unsupported(CatalogEntry)
    case unknown

    public var label: String {
        switch self {
        case .supported: return "supported"
        case let .needsUpgrade(_, to): return "upgrade to \(to)"
        case .unsupported: return "unsupported"
        case .unknown: return "unknown"
        }
    }
}

/// Orders firmware versions the way vendors number them: "16.9.4" < "16.12.1", "7.0" < "7.0.1", "6.48" < "7".
public enum VersionOrder {
    /// -1, 0 or 1.
    public static func compare(_ a: String, _ b: String) -> Int {
        let x = withoutLeadingText(parts(a)), y = withoutLeadingText(parts(b))
        for i in 0..<max(x.count, y.count) {
            // A version that goes on with a letter part after the other ends is the later one ("1.0a" > "1.0").
            if i >= y.count, case .text = x[i] { return 1 }
            if i >= x.count, case .text = y[i] { return -1 }
            let p = i < x.count ? x[i] : .number(0)
            let q = i < y.count ? y[i] : .number(0)
            switch (p, q) {
            case let (.number(m), .number(n)) where m != n: return m < n ? -1 : 1
            case let (.text(m), .text(n)) where m != n: return m < n ? -1 : 1
            case (.number, .text): return 1
            case (.text, .number): return -1
            default: continue
            }
        }
        return 0
    }

    private enum Part: Equatable { case number(Int), text(String) }

    /// "V5.5.0" and "R.11.25" number their releases after a letter prefix; the prefix does not order them.
    private static func withoutLeadingText(_ parts: [Part]) -> [Part] {
        if case .text = parts.first { return Array(parts.dropFirst()) }
        return parts
    }

    private static func parts(_ version: String) -> [Part] {
        var result: [Part] = []
        var digits = "", letters = ""
        func flush() {
            if !digits.isEmpty { result.append(.number(Int(digits.prefix(18)) ?? 0)); digits = "" }
            if !letters.isEmpty { result.append(.text(letters.lowercased())); letters = "" }
        }
        for ch in version {
            if ch.isASCII, ch.isNumber {
                if !letters.isEmpty { flush() }
                digits.append(ch)
            } else if ch.isLetter {
                if !digits.isEmpty { flush() }
                letters.append(ch)
            } else {
                flush()
            }
        }
        flush()
        return result
    }
}
