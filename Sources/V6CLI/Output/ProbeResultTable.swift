import Foundation
import V6Core

/// The text output of `probe`: a table sorted by address for a run of up to `sortedLimit` results (the usual
/// case); past that the results are streamed as rows in arrival order with the widths the first rows set, so a
/// million-target run holds no results in memory.
struct ProbeResultTable {
    static let sortedLimit = 10_000
    static let header = ["TARGET", "ADDRESS", "METHOD", "STATUS", "RTT", "DETAIL"]

    private var held: [ProbeResult] = []
    private var widths: [Int]?
    private let write: (String) -> Void
    private var pending = ""

    /// `write` receives text to print, in order.
    init(write: @escaping (String) -> Void) { self.write = write }

    mutating func add(_ result: ProbeResult) {
        if let widths {
            pending += Self.line(Self.cells(result), widths: widths)
            if pending.utf8.count > 1 << 16 { write(pending); pending = "" }
            return
        }
        held.append(result)
        guard held.count > Self.sortedLimit else { return }
        // Too many to sort: stream from here on, the held rows first.
        let rows = held.map(Self.cells)
        var w = Self.header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { w[i] = max(w[i], cell.count) } }
        widths = w
        pending = Self.line(Self.header, widths: w) + rows.map { Self.line($0, widths: w) }.joined()
        held = []
        write(pending)
        pending = ""
    }

    /// Prints what is left: the sorted table of a small run, or the last streamed rows.
    mutating func finish() {
        if widths != nil {
            if !pending.isEmpty { write(pending) }
            pending = ""
            return
        }
        write(Self.render(held))
        held = []
    }

    static func render(_ results: [ProbeResult]) -> String {
        var table = TextTable(header)
        let ordered = results.sorted { a, b in
            if a.address != b.address { return a.address < b.address }
            if a.method != b.method { return a.method == .icmp }
            return (a.port ?? 0) < (b.port ?? 0)
        }
        for r in ordered { table.add(cells(r)) }
        return table.render()
    }

    static func cells(_ r: ProbeResult) -> [String] {
        let method = r.port.map { "tcp/\($0)" } ?? r.method.rawValue
        var rtt = r.rttMilliseconds.map { String(format: "%.3f ms", $0) } ?? "-"
        if let s = r.rttStatistics, s.count > 0 {
            rtt = String(format: "%.3f/%.3f/%.3f ms, %.0f%% loss", s.min, s.average, s.max, s.lossPercent)
        } else if let s = r.rttStatistics {
            rtt = String(format: "%.0f%% loss", s.lossPercent)
        }
        return [r.displayTarget, r.address.description, method, r.status.rawValue, rtt, r.detail ?? ""]
    }

    static func line(_ cells: [String], widths: [Int]) -> String {
        cells.enumerated().map { i, cell in
            i == cells.count - 1 ? cell : cell + String(repeating: " ", count: max(0, widths[i] - cell.count))
        }.joined(separator: "  ") + "\n"
    }
}
