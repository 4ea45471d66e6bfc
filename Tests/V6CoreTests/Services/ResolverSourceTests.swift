import Testing
@testable import V6Core

@Suite struct ResolverSourceTests {
    let given = [ResolverAddress(IPAddress("2001:db8::53")!)]

    @Test func givenResolversWinThenTheNamespacesFileThenTheMachines() throws {
        #expect(try ResolverSource.choose(resolvers: given, useDNS: true, networkNamespace: "lab") == .given(given))
        #expect(try ResolverSource.choose(resolvers: [], useDNS: true, networkNamespace: "v6r-a1b2c3-scanner")
            == .file(path: "/etc/netns/v6r-a1b2c3-scanner/resolv.conf", namespace: "v6r-a1b2c3-scanner"))
        #expect(try ResolverSource.choose(resolvers: [], useDNS: true, networkNamespace: nil)
            == .file(path: "/etc/resolv.conf", namespace: nil))
        #expect(try ResolverSource.choose(resolvers: given, useDNS: false, networkNamespace: nil) == .disabled)
    }

    @Test func aNameIpNetnsCouldNotHaveMadeIsRefused() {
        for name in ["", ".", "..", "../etc", "a/b", "a\nb"] {
            #expect(throws: ResolverConfigurationError.self, "\(String(reflecting: name))") {
                try ResolverSource.choose(resolvers: [], useDNS: true, networkNamespace: name)
            }
        }
    }

    @Test func insideANamespaceTheNoticeSaysTheMachinesFileIsNeverUsed() throws {
        let source = try ResolverSource.choose(resolvers: [], useDNS: true, networkNamespace: "lab")
        let notice = source.unavailableNotice("does not exist")
        #expect(notice.hasPrefix("services: no DNS resolver for network namespace lab: /etc/netns/lab/resolv.conf does not exist"))
        #expect(notice.contains("never falls back to this machine's /etc/resolv.conf"))
        #expect(notice.contains("--resolver ADDR"))
        #expect(source.unavailableNote("does not exist") == "no resolver for namespace lab (/etc/netns/lab/resolv.conf does not exist)")
        let machine = ResolverSource.file(path: "/etc/resolv.conf", namespace: nil)
        #expect(machine.unavailableNotice("names no nameserver").hasPrefix("services: no DNS (/etc/resolv.conf names no nameserver)"))
    }
}
