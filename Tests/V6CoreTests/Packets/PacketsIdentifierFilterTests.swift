import Testing
@testable import V6Core

@Suite("Packets: the per-run socket filter keeps only this run's replies and errors")
struct PacketsIdentifierFilterTests {
    typealias F = PacketsFixtures
    let ours = F.identifier          // the fixtures were sent with 0xBEEF
    let someoneElse: UInt16 = 0x1234

    func kept(_ packet: [UInt8], _ family: AddressFamily, identifier: UInt16) throws -> Bool {
        try ClassicBPFInterpreter.run(ICMPIdentifierFilter.program(family: family, identifier: identifier), on: packet) > 0
    }

    @Test("echo replies pass only with our identifier, with or without IPv4 options")
    func replies() throws {
        for (packet, family) in [(F.labV4EchoReply, AddressFamily.v4), (F.labV4EchoReplyWithOptions, .v4),
                                 (F.labV6EchoReply, .v6)] {
            #expect(try kept(packet, family, identifier: ours))
            #expect(try !kept(packet, family, identifier: someoneElse))
        }
    }

    @Test("errors quoting our echo request pass; errors quoting another prober's request do not")
    func quotedEcho() throws {
        let errors: [([UInt8], AddressFamily)] = [
            (F.labV4AdminProhibited, .v4), (F.labV4TimeExceeded, .v4), (F.labV4FragmentationNeeded, .v4),
            (F.labV6AdminProhibited, .v6), (F.labV6HopLimitExceeded, .v6), (F.labV6PacketTooBig, .v6),
        ]
        for (packet, family) in errors {
            #expect(try kept(packet, family, identifier: ours))
            #expect(try !kept(packet, family, identifier: someoneElse))
        }
    }

    @Test("errors quoting TCP or UDP always pass: the TCP prober matches them by port")
    func quotedOtherTransport() throws {
        for (packet, family) in [(F.labV4TCPAdminProhibited, AddressFamily.v4), (F.labV6TCPAdminProhibited, .v6),
                                 (F.labV4PortUnreachable, .v4), (F.labV6PortUnreachable, .v6)] {
            #expect(try kept(packet, family, identifier: someoneElse))
        }
    }

    @Test("an IPv4 error whose quoted header carries options is still read at the right offset")
    func quotedIPv4Options() throws {
        let quotedHeader = PacketsBuilder.ipv4(source: IPv4Address(0xC000_0201), destination: IPv4Address(0xC633_6403),
                                               options: [1, 1, 1, 0],
                                               payload: PacketsBuilder.icmp(type: 8, code: 0, rest: [0xBE, 0xEF, 0, 9]))
        let error = PacketsBuilder.ipv4(source: IPv4Address(0xC000_02FE), destination: IPv4Address(0xC000_0201),
                                        payload: PacketsBuilder.icmp(type: 3, code: 13, body: quotedHeader))
        #expect(try kept(error, .v4, identifier: ours))
        #expect(try !kept(error, .v4, identifier: someoneElse))
    }

    @Test("truncated packets are dropped, not passed on")
    func truncated() throws {
        #expect(try !kept(Array(F.labV4EchoReply.prefix(24)), .v4, identifier: ours))
        #expect(try !kept(Array(F.labV6EchoReply.prefix(5)), .v6, identifier: ours))
        #expect(try !kept(Array(F.labV6AdminProhibited.prefix(40)), .v6, identifier: ours))
    }

    @Test("every jump lands inside the program and it ends in returns, as the kernel's checker demands")
    func wellFormed() {
        for family in [AddressFamily.v4, .v6] {
            let program = ICMPIdentifierFilter.program(family: family, identifier: ours)
            #expect(program.last?.code == ClassicBPFInstruction.returnConstant)
            for (index, instruction) in program.enumerated() where instruction.code == ClassicBPFInstruction.jumpIfEqual {
                #expect(index + 1 + Int(instruction.jumpIfTrue) < program.count)
                #expect(index + 1 + Int(instruction.jumpIfFalse) < program.count)
            }
        }
    }
}
