import Testing
@testable import V6System

@Suite struct NetworkNamespaceTests {
    @Test func enteringAMissingNamespaceNamesItsPath() throws {
        let error = try #require(throws: SystemError.self) { try NetworkNamespace.enter(named: "v6r-sys-missing") }
        #expect(error.description == #"open("/run/netns/v6r-sys-missing"): No such file or directory"#)
    }

    /// Creates its own empty namespace (loopback down, no routes), so nothing sent there can leave.
    @Test(.enabled(if: Privilege.namespaces, "network namespaces need root with CAP_SYS_ADMIN and ip(8); skipped"))
    func socketsCreatedInsideStayInTheNamespace() throws {
        let name = "v6r-sys-\(currentProcessID)-\(UInt16.random(in: 0 ... .max))"
        try runIP(["netns", "add", name])
        defer { try? runIP(["netns", "delete", name]) }
        let outside = try NetworkNamespace.currentIdentifier()
        let inside = try NetworkNamespace.identifier(named: name)
        #expect(inside != outside)

        let (seen, socket) = try NetworkNamespace.withNetworkNamespace(named: name) { () throws -> (UInt64, Socket) in
            (try NetworkNamespace.currentIdentifier(), try Socket(.ipv4, .datagram))
        }
        defer { try? socket.close() }
        #expect(seen == inside)
        #expect(try NetworkNamespace.currentIdentifier() == outside)
        // The socket still lives in the namespace after we left it: loopback is down there, so there is no
        // route even to 127.0.0.1 — while a socket made out here reaches it.
        let error = try #require(throws: SystemError.self) { try socket.send([1], to: .ipv4Loopback(port: 9)) }
        #expect(error.errno == .networkUnreachable)
        let outsideSocket = try Socket(.ipv4, .datagram)
        #expect(try outsideSocket.send([1], to: .ipv4Loopback(port: 9)) == .processed(1))
        try outsideSocket.close()
    }
}
