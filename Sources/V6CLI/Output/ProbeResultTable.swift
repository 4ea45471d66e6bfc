import Foundation
import V6Core

/// `probe`'s text output: one line per result, in address order.
enum ProbeResultTable {
    static func render(_ results: [ProbeResult]) -> String {
        var table = TextTable(["TARGET", "ADDRESS", "METHOD", "STATUS", "RTT", "DETAIL"])
        let ordered = results.sorted { a, b in
            if a.address != b.address { return a.address < b.address }
            if a.method != b.method { return a.method == .icmp }
            return (a.port ?? 0) < (b.port ?? 0)
        }
        for r in ordered {
            let method = r.port.map { "tcp/\($0)" } ?? r.method.rawValue
            var rtt = r.rttMilliseconds.map { String(format: "%.3f ms", $0) } ?? "-"
            if let s = r.rttStatistics, s.count > 0 {
                rtt = String(format: "%.3f/%.3f/%.3f ms, %.0f%% loss", s.min, s.average, s.max, s.lossPercent)
            } else if let s = r.rttStatistics {
                rtt = String(format: "%.0f%% loss", s.lossPercent)
            }
            table.add([r.displayTarget, r.address.description, method, r.status.rawValue, rtt, r.detail ?? ""])
        }
        return table.render()
    }
}
