import Testing
@testable import V6Core

/// Issue 13 item 8: `--netns ../../proc/PID/ns/net` must not name another process's namespace.
@Suite("Namespace names: a plain name alphabet")
struct NamespaceNameRulesTests {
    @Test("path-like, empty, hidden, long and non-ASCII names are refused", arguments: [
        "../../proc/1/ns/net", "/proc/1/ns/net", "a/b", "", ".", "..", ".hidden", "lab client", "lab\u{0}x", "mạng",
        String(repeating: "a", count: 65),
    ])
    func refused(name: String) {
        #expect(NamespaceNameRules.problem(with: name) != nil, "\(name)")
    }

    @Test("names ip netns and the lab use are accepted", arguments: ["lab-client", "v6r_1234.scanner", "VRF-Internet", "ns0"])
    func accepted(name: String) {
        #expect(NamespaceNameRules.problem(with: name) == nil)
    }
}
