/// The programs v6ready ships, in the order of their periods: IPv6 For Gov 2022–2025 (dual stack) and the
/// 2026–2030 IPv6-only program (Decision 3369/QĐ-BKHCN). Plans choose by date: the program whose period holds
/// the day, so a plan made today follows the program in force.
public enum ProgramCatalog {
    public static let shipped: [Program] = [ProgramCodec.shipped, ProgramCodec.ipv6Only]

    public static func program(id: String) -> Program? { shipped.first { $0.id == id } }

    /// The program in force on `date`, and a note when none is (a date before the first or after the last
    /// period takes the nearest, and says so).
    public static func program(for date: CalendarDate) -> (program: Program, note: String?) {
        if let current = shipped.last(where: { $0.period.contains(date) }) { return (current, nil) }
        if let first = shipped.first, date < first.period.lowerBound {
            return (first, "\(date) is before every built-in program; using \(first.id) (\(first.period.lowerBound) to \(first.period.upperBound))")
        }
        let latest = shipped[shipped.count - 1]
        return (latest, "\(date) is after every built-in program; using the latest, \(latest.id) (\(latest.period.lowerBound) to \(latest.period.upperBound))")
    }
}

extension ProgramCodec {
    /// The 2026–2030 IPv6-only program shipped in the binary (identical to `programs/ipv6-only-2026-2030.json`).
    public static let ipv6Only: Program = {
        switch load(Array(IPv6OnlyProgramData.json.utf8), file: IPv6OnlyProgramData.fileName) {
        case let .success(program): return program
        case let .failure(failure): preconditionFailure("the shipped program is invalid: \(failure)")
        }
    }()
}
