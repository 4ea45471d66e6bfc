import Foundation
import Testing
@testable import V6CLI
import V6Core
import V6System

/// The example province with its recorded scan, and a second scan a day later in which things broke: the provincial
/// portal lost IPv6 (its IPv6 ports time out, its verdict fell to yellow), the DMZ firewall stopped answering ICMPv6,
/// and a host nobody inventoried answers.
enum OperationsScans {
    static let recordedName = "20240515T020000Z"
    static let brokenName = "20240516T020000Z"

    static var recorded: String {
        (try? String(contentsOfFile: Sandbox.repositoryRoot + "/examples/recorded-scan/\(recordedName).jsonl", encoding: .utf8)) ?? ""
    }

    static var broken: String {
        var lines = recorded.split(separator: "\n").map(String.init)
        for i in lines.indices {
            let line = lines[i]
            if line.contains("\"record\":\"so-tttt-cong-ttdt\""), line.contains("\"family\":6"), line.contains("\"method\":\"tcp\"") {
                lines[i] = line.replacingOccurrences(of: "\"status\":\"reachable\"", with: "\"status\":\"timeout\"")
                    .replacingOccurrences(of: "\"status\":\"refused\"", with: "\"status\":\"timeout\"")
            }
            if line.contains("\"record\":\"so-tttt-fw-dmz-01\""), line.contains("\"family\":6") {
                lines[i] = line.replacingOccurrences(of: "\"status\":\"reachable\"", with: "\"status\":\"timeout\"")
            }
            if line.hasPrefix("{\"type\":\"service\""), line.contains("\"record\":\"so-tttt-cong-ttdt\"") {
                lines[i] = line.replacingOccurrences(of: "\"verdict\":\"green\"", with: "\"verdict\":\"yellow\"")
            }
        }
        lines.append("{\"target\":\"203.0.113.99\",\"address\":\"203.0.113.99\",\"family\":4,\"method\":\"icmp\",\"status\":\"reachable\",\"rtt_ms\":1.2,\"sent\":1,\"received\":1}")
        return lines.joined(separator: "\n") + "\n"
    }

    static func summary(_ name: String, site: String? = nil) -> String {
        let started = ScanData.timeFromFileName(name + ".jsonl") ?? "2024-05-15T02:00:00Z"
        return "{\"schema\":1,\"inventory\":\"inv/\",\"site\":\(site.map { "\"\($0)\"" } ?? "null"),\"started\":\"\(started)\",\"finished\":\"\(started)\",\"duration_s\":4.2,\"probes\":813,\"statuses\":{\"reachable\":755,\"timeout\":43}}\n"
    }

    /// A sandbox with the example inventory in `inv/` and the given scans under `reports/scans/`.
    static func sandbox(scans: [(name: String, text: String)] = [(recordedName, recorded)]) throws -> Sandbox {
        let box = try Sandbox()
        try box.copyExample(to: "inv")
        for scan in scans {
            try box.write("reports/scans/\(scan.name).jsonl", scan.text)
            try box.write("reports/scans/\(scan.name).summary.json", summary(scan.name))
        }
        return box
    }

    /// A policy the recorded scan meets: a low bar, and an age no scan exceeds.
    static let lenientPolicy = """
    {"schema": 1, "name": "low bar", "rules": [
      {"rule": "dual-stack-percent", "records": "device", "percent": 10},
      {"rule": "max-scan-age", "hours": 10000000}
    ]}
    """
}
