import Foundation
import Testing
import V6Core
import V6System
import V6TestSupport

extension ExecutableRun {
    /// The JSON Lines on stdout, parsed as probe results.
    func results() throws -> [ProbeResult] {
        try out.split(separator: "\n").map { line in
            guard let result = ProbeResult(json: try JSONParser.parse(String(line)).value) else {
                throw ExecutableRunError("not a result line: \(line)")
            }
            return result
        }
    }
}

/// Whether raw ICMP sockets can be opened here (root or CAP_NET_RAW), and if not, why.
let rawSocketsAvailable: (Bool, String) = {
    do {
        let s = try Socket(.ipv4, .raw, protocol: .icmp)
        try? s.close()
        return (true, "")
    } catch {
        return (false, "raw sockets are not permitted here (\(error)); run the tests as root")
    }
}()
