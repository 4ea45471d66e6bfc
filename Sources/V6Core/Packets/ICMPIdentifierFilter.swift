/// One classic BPF instruction (`struct sock_filter`): the unit of a socket filter program.
public struct ClassicBPFInstruction: Hashable, Sendable {
    public var code: UInt16
    public var jumpIfTrue: UInt8
    public var jumpIfFalse: UInt8
    public var constant: UInt32

    public init(_ code: UInt16, _ jumpIfTrue: UInt8 = 0, _ jumpIfFalse: UInt8 = 0, _ constant: UInt32 = 0) {
        self.code = code
        self.jumpIfTrue = jumpIfTrue
        self.jumpIfFalse = jumpIfFalse
        self.constant = constant
    }

    // The opcodes the filter uses (linux/bpf_common.h, linux/filter.h).
    public static let loadByteAbsolute: UInt16 = 0x30        // BPF_LD | BPF_B | BPF_ABS: A = P[k]
    public static let loadHalfAbsolute: UInt16 = 0x28        // BPF_LD | BPF_H | BPF_ABS: A = P[k:2]
    public static let loadByteIndexed: UInt16 = 0x50         // BPF_LD | BPF_B | BPF_IND: A = P[X+k]
    public static let loadHalfIndexed: UInt16 = 0x48         // BPF_LD | BPF_H | BPF_IND: A = P[X+k:2]
    public static let loadIndexHeaderLength: UInt16 = 0xb1   // BPF_LDX | BPF_B | BPF_MSH: X = 4 * (P[k] & 0xf)
    public static let andConstant: UInt16 = 0x54             // BPF_ALU | BPF_AND | BPF_K: A &= k
    public static let shiftLeftConstant: UInt16 = 0x64       // BPF_ALU | BPF_LSH | BPF_K: A <<= k
    public static let addIndex: UInt16 = 0x0c                // BPF_ALU | BPF_ADD | BPF_X: A += X
    public static let copyToIndex: UInt16 = 0x07             // BPF_MISC | BPF_TAX: X = A
    public static let jumpIfEqual: UInt16 = 0x15             // BPF_JMP | BPF_JEQ | BPF_K
    public static let returnConstant: UInt16 = 0x06          // BPF_RET | BPF_K
}

/// The socket filter that lets a raw ICMP socket keep only this run's packets, so parallel runs — and the
/// workers of one run, each with its own identifier — never wake for each other's replies. Raw sockets get
/// a copy of every ICMP packet the host receives; without this each one would read, decode and discard
/// every other prober's traffic (ping does the same with its own filter).
///
/// It accepts an echo reply only with `identifier`; an error (unreachable, too big, time exceeded, parameter
/// problem) quoting an echo request only with `identifier`; an error quoting anything else (a TCP connect's
/// SYN) always, since the TCP prober matches those by port. Packets too short to read are dropped, as the
/// decoder would call them malformed anyway. The type filter (`ICMPTypeFilter`) has already removed the rest.
///
/// Offsets: on an IPv4 raw socket the program sees the IP header first (its length read from the IHL
/// nibble); on an IPv6 raw socket it starts at the ICMPv6 header, and a quoted IPv6 header is taken to be
/// 40 bytes with ICMPv6 directly after it (an extension header there makes the packet fail the identifier
/// test, so it is dropped, which is what the decoder would conclude too).
public enum ICMPIdentifierFilter {
    static let accept: UInt32 = 0xffff_ffff
    static let drop: UInt32 = 0

    public static func program(family: AddressFamily, identifier: UInt16) -> [ClassicBPFInstruction] {
        typealias I = ClassicBPFInstruction
        let id = UInt32(identifier)
        switch family {
        case .v4:
            return [
                /* 0 */ I(I.loadIndexHeaderLength, 0, 0, 0),            // X = outer IP header length
                /* 1 */ I(I.loadByteIndexed, 0, 0, 0),                   // A = ICMP type
                /* 2 */ I(I.jumpIfEqual, 0, 2, UInt32(ICMPType.v4EchoReply)),
                /* 3 */ I(I.loadHalfIndexed, 0, 0, 4),                   // A = echo identifier
                /* 4 */ I(I.jumpIfEqual, 9, 10, id),                     // → accept : drop
                /* 5 */ I(I.loadByteIndexed, 0, 0, 8 + 9),               // A = quoted IP protocol
                /* 6 */ I(I.jumpIfEqual, 0, 7, 1),                       // ICMP? else → accept
                /* 7 */ I(I.loadByteIndexed, 0, 0, 8),                   // A = quoted version/IHL
                /* 8 */ I(I.andConstant, 0, 0, 0x0f),
                /* 9 */ I(I.shiftLeftConstant, 0, 0, 2),                 // A = quoted IP header length
                /* 10 */ I(I.addIndex),                                   // A = outer + quoted lengths
                /* 11 */ I(I.copyToIndex),                                // X = A
                /* 12 */ I(I.loadHalfIndexed, 0, 0, 8 + 4),              // A = quoted echo identifier
                /* 13 */ I(I.jumpIfEqual, 0, 1, id),
                /* 14 */ I(I.returnConstant, 0, 0, accept),
                /* 15 */ I(I.returnConstant, 0, 0, drop),
            ]
        case .v6:
            return [
                /* 0 */ I(I.loadByteAbsolute, 0, 0, 0),                  // A = ICMPv6 type
                /* 1 */ I(I.jumpIfEqual, 0, 2, UInt32(ICMPType.v6EchoReply)),
                /* 2 */ I(I.loadHalfAbsolute, 0, 0, 4),                  // A = echo identifier
                /* 3 */ I(I.jumpIfEqual, 4, 5, id),                      // → accept : drop
                /* 4 */ I(I.loadByteAbsolute, 0, 0, 8 + 6),              // A = quoted next header
                /* 5 */ I(I.jumpIfEqual, 0, 2, 58),                      // ICMPv6? else → accept
                /* 6 */ I(I.loadHalfAbsolute, 0, 0, 8 + 40 + 4),         // A = quoted echo identifier
                /* 7 */ I(I.jumpIfEqual, 0, 1, id),
                /* 8 */ I(I.returnConstant, 0, 0, accept),
                /* 9 */ I(I.returnConstant, 0, 0, drop),
            ]
        }
    }
}
