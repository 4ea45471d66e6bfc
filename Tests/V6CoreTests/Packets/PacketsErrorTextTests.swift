import Testing
@testable import V6Core

@Suite("Packets: ICMP error detail text")
struct PacketsErrorTextTests {
    @Test("details read as the scan records' `detail` promises", arguments: [
        (AddressFamily.v6, ICMPErrorKind.destinationUnreachable, UInt8(1),
         "ICMPv6 destination unreachable code 1 (administratively prohibited)"),
        (.v4, .destinationUnreachable, 13, "ICMP destination unreachable code 13 (communication administratively prohibited)"),
        (.v4, .destinationUnreachable, 3, "ICMP destination unreachable code 3 (port unreachable)"),
        (.v4, .destinationUnreachable, 1, "ICMP destination unreachable code 1 (host unreachable)"),
        (.v6, .destinationUnreachable, 0, "ICMPv6 destination unreachable code 0 (no route to destination)"),
        (.v6, .destinationUnreachable, 3, "ICMPv6 destination unreachable code 3 (address unreachable)"),
        (.v6, .destinationUnreachable, 6, "ICMPv6 destination unreachable code 6 (reject route to destination)"),
        (.v6, .packetTooBig(mtu: 1280), 0, "ICMPv6 packet too big (MTU 1280)"),
        (.v4, .packetTooBig(mtu: 1400), 4,
         "ICMP destination unreachable code 4 (fragmentation needed and DF set, next-hop MTU 1400)"),
        (.v4, .packetTooBig(mtu: 0), 4, "ICMP destination unreachable code 4 (fragmentation needed and DF set)"),
        (.v4, .timeExceeded, 0, "ICMP time exceeded in transit"),
        (.v6, .timeExceeded, 0, "ICMPv6 time exceeded in transit"),
        (.v4, .timeExceeded, 1, "ICMP time exceeded in fragment reassembly"),
        (.v4, .timeExceeded, 9, "ICMP time exceeded code 9"),
        (.v4, .parameterProblem(pointer: 9), 0, "ICMP parameter problem code 0 (bad header field, pointer 9)"),
        (.v4, .parameterProblem(pointer: 0), 1, "ICMP parameter problem code 1 (missing a required option)"),
        (.v6, .parameterProblem(pointer: 6), 0, "ICMPv6 parameter problem code 0 (erroneous header field, pointer 6)"),
        (.v6, .parameterProblem(pointer: 6), 99, "ICMPv6 parameter problem code 99 (pointer 6)"),
        (.v4, .destinationUnreachable, 16, "ICMP destination unreachable code 16"),
        (.v6, .destinationUnreachable, 9, "ICMPv6 destination unreachable code 9"),
    ])
    func detail(family: AddressFamily, kind: ICMPErrorKind, code: UInt8, expected: String) {
        #expect(ICMPErrorText.detail(family: family, kind: kind, code: code) == expected)
    }

    @Test("the code tables are complete: ICMPv4 unreachable 0–15, ICMPv6 unreachable 0–8, parameter problems")
    func tables() {
        for code in UInt8(0)...15 {
            #expect(ICMPErrorText.destinationUnreachableMeaning(code: code, family: .v4) != nil, "v4 code \(code)")
        }
        #expect(ICMPErrorText.destinationUnreachableMeaning(code: 16, family: .v4) == nil)
        for code in UInt8(0)...8 {
            #expect(ICMPErrorText.destinationUnreachableMeaning(code: code, family: .v6) != nil, "v6 code \(code)")
        }
        #expect(ICMPErrorText.destinationUnreachableMeaning(code: 9, family: .v6) == nil)
        for code in UInt8(0)...2 { #expect(ICMPErrorText.parameterProblemMeaning(code: code, family: .v4) != nil) }
        for code in UInt8(0)...10 { #expect(ICMPErrorText.parameterProblemMeaning(code: code, family: .v6) != nil) }
        // Distinct meanings: a copy-paste slip in a table would show up here.
        let v4 = (UInt8(0)...15).compactMap { ICMPErrorText.destinationUnreachableMeaning(code: $0, family: .v4) }
        #expect(Set(v4).count == 16)
        #expect(ICMPErrorText.destinationUnreachableMeaning(code: 9, family: .v4)
            == "communication with destination network administratively prohibited")
        #expect(ICMPErrorText.destinationUnreachableMeaning(code: 10, family: .v4)
            == "communication with destination host administratively prohibited")
        #expect(ICMPErrorText.destinationUnreachableMeaning(code: 5, family: .v6)
            == "source address failed ingress/egress policy")
    }

    @Test("wire types per family and kind")
    func types() {
        let quoted = QuotedProbe(source: PacketsFixtures.prober4, destination: PacketsFixtures.target4,
                                 transport: .other(protocolNumber: 17))
        func type(_ family: AddressFamily, _ kind: ICMPErrorKind) -> UInt8 {
            ICMPErrorMessage(family: family, kind: kind, code: 0, quoted: quoted).type
        }
        #expect(type(.v4, .destinationUnreachable) == 3)
        #expect(type(.v4, .packetTooBig(mtu: 1)) == 3)
        #expect(type(.v4, .timeExceeded) == 11)
        #expect(type(.v4, .parameterProblem(pointer: 0)) == 12)
        #expect(type(.v6, .destinationUnreachable) == 1)
        #expect(type(.v6, .packetTooBig(mtu: 1)) == 2)
        #expect(type(.v6, .timeExceeded) == 3)
        #expect(type(.v6, .parameterProblem(pointer: 0)) == 4)
    }
}
