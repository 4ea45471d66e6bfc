import Testing
@testable import V6Core

@Suite("Packets: kernel ICMP type filters")
struct PacketsTypeFilterTests {
    @Test("the ICMPv4 filter mask blocks every type 0–31 but echo reply and the three errors")
    func icmpv4() {
        let filter = ICMPTypeFilter.probeResponses(.v4)
        // Bits 0, 3, 11, 12 clear: 0b0001_1000_0000_1001 cleared from all ones.
        #expect(filter.icmpFilterMask == 0xFFFF_E7F6)
        #expect(filter.passes(0) && filter.passes(3) && filter.passes(11) && filter.passes(12))
        #expect(!filter.passes(8) && !filter.passes(5))
    }

    @Test("the ICMPv6 filter words pass 1–4 and 129 only")
    func icmpv6() {
        let filter = ICMPTypeFilter.probeResponses(.v6)
        #expect(filter.icmp6FilterWords == [0xFFFF_FFE1, .max, .max, .max, 0xFFFF_FFFD, .max, .max, .max])
        let passed = (0...255).map(UInt8.init).filter(filter.passes)
        #expect(passed == [1, 2, 3, 4, 129])
    }

    @Test("an explicit list passes just those types")
    func explicit() {
        let filter = ICMPTypeFilter(family: .v6, passing: [0, 31, 32, 255])
        #expect((0...255).map(UInt8.init).filter(filter.passes) == [0, 31, 32, 255])
        #expect(filter.icmp6FilterWords[0] == 0x7FFF_FFFE)
        #expect(filter.icmp6FilterWords[1] == 0xFFFF_FFFE)
        #expect(filter.icmp6FilterWords[7] == 0x7FFF_FFFF)
    }
}
