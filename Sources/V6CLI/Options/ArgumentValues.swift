import Foundation
import V6Core
import V6Services

// The domain types options take, parsed where the command line is read so a wrong value never reaches a command.

extension ReportLanguage: ArgumentValue {}
extension DeviceRole: ArgumentValue {}
extension AgencyKind: ArgumentValue {}
extension SegmentKind: ArgumentValue {}
extension InventoryCSV.Kind: ArgumentValue {}

extension CalendarDate: ArgumentValue {
    public static func parseArgument(_ text: String, option: String) throws(ArgumentError) -> CalendarDate {
        guard let date = CalendarDate(text) else {
            throw ArgumentError("\(option) takes a day as YYYY-MM-DD (e.g. 2025-06-30), not \(quotedArgument(text))")
        }
        return date
    }
}

extension CheckProfile: ArgumentValue {
    public static func parseArgument(_ text: String, option: String) throws(ArgumentError) -> CheckProfile {
        guard let profile = CheckProfile(rawValue: text) else {
            throw ArgumentError("\(option) takes web, mail, dns or tcp, not \(quotedArgument(text))")
        }
        return profile
    }
}

extension ScanVantage: ArgumentValue {
    public static func parseArgument(_ text: String, option: String) throws(ArgumentError) -> ScanVantage {
        guard let vantage = ScanVantage(rawValue: text) else {
            throw ArgumentError("\(option) takes dual-stack or ipv6-only, not \(quotedArgument(text))")
        }
        return vantage
    }
}

extension IPPrefix: ArgumentValue {
    public static func parseArgument(_ text: String, option: String) throws(ArgumentError) -> IPPrefix {
        do { return try IPPrefix(parsing: text) } catch { throw ArgumentError("\(option): \(error.message)") }
    }
}

/// `--tcp 22,80,443` or `8000-8010`: distinct ports in the order given.
public struct PortList: ArgumentValue, Sendable {
    public var ports: [Int]

    public static func parseArgument(_ text: String, option: String) throws(ArgumentError) -> PortList {
        var ports: [Int] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-", maxSplits: 1).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard let low = bounds.first ?? nil, let high = bounds.count == 2 ? bounds[1] : low,
                  (1...65535).contains(low), (1...65535).contains(high), low <= high else {
                throw ArgumentError("\(option): \(quotedArgument(String(part))) is not a port or range (1–65535)")
            }
            for port in low...high where !ports.contains(port) { ports.append(port) }
        }
        return PortList(ports: ports)
    }
}

/// `--rate N|max`: probes per second, or as fast as the machine goes.
public enum ProbeRate: ArgumentValue, Sendable, Equatable {
    case perSecond(Double)
    case unlimited

    /// The engine's form: nil is unlimited.
    public var limit: Double? {
        if case let .perSecond(n) = self { return n }
        return nil
    }

    public static func parseArgument(_ text: String, option: String) throws(ArgumentError) -> ProbeRate {
        if text == "max" { return .unlimited }
        guard let n = Double(text), n >= 1, n <= 10_000_000 else {
            throw ArgumentError("\(option) takes a number of probes per second (1–10000000) or max, not \(quotedArgument(text))")
        }
        return .perSecond(n)
    }
}

/// `--resolver 192.0.2.53,2001:db8::53`: one or more resolvers in one word.
public struct ResolverList: ArgumentValue, Sendable {
    public var resolvers: [ResolverAddress]

    public static func parseArgument(_ text: String, option: String) throws(ArgumentError) -> ResolverList {
        var resolvers: [ResolverAddress] = []
        for part in text.split(separator: ",") {
            do { resolvers.append(try ResolverAddress(parsing: String(part))) } catch {
                throw ArgumentError("\(option): \(error.message)")
            }
        }
        return ResolverList(resolvers: resolvers)
    }
}
