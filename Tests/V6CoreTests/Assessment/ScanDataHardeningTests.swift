import Testing
@testable import V6Core

/// Issue 13 item 3: numbers in scan lines are range-checked where the line is read.
@Suite("Scan data hardening: out-of-range numbers in scan lines")
struct ScanDataHardeningTests {
    @Test("\"port\": 1e19 (and -1, 2.5, a huge rtt) is reported as file:line: member: VALUE is not …", arguments: [
        ("\"port\":1e19", "port: 1e+19 is not a whole number from 0 to 65535"),
        ("\"port\":-1", "port: -1 is not a whole number from 0 to 65535"),
        ("\"port\":2.5", "port: 2.5 is not a whole number from 0 to 65535"),
        ("\"sent\":1e19", "sent: 1e+19 is not a whole number from 0 to 1000000"),
        ("\"rtt_ms\":1e300", "rtt_ms: 1e+300 is not a number from 0 to 3600000"),
    ])
    func outOfRange(member: String, message: String) {
        let text = "{\"target\":\"a\",\"address\":\"192.0.2.1\",\"family\":4,\"method\":\"icmp\",\"status\":\"reachable\"}\n"
            + "{\"target\":\"a\",\"address\":\"192.0.2.1\",\"family\":4,\"method\":\"tcp\",\(member),\"status\":\"reachable\"}\n"
        guard case .failure(let failure) = ScanData.parse(Array(text.utf8), name: "s.jsonl") else { Issue.record("accepted"); return }
        #expect(failure.diagnostics.map(\.description) == ["s.jsonl:2: \(message)"])
    }

    @Test("listen_s 1e19 in a lan line does not trap")
    func lanListen() throws {
        let text = "{\"type\":\"lan\",\"interface\":\"eth0\",\"verdict\":\"green\",\"listen_s\":1e19}\n"
        let scan = try ScanData.parse(Array(text.utf8), name: "s.jsonl").get()
        #expect(scan.lanVerdicts.first?.verdict.listenSeconds == 0)
    }
}
