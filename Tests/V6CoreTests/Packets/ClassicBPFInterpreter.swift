@testable import V6Core

/// A small classic BPF interpreter with the kernel's semantics for the opcodes the socket filters use
/// (`net/core/filter.c`): a load past the end of the packet ends the program with 0 (drop), jumps are relative
/// to the next instruction, the result is how many bytes to keep. Written from the opcode definitions in
/// linux/bpf_common.h, independently of the program builder, so the tests can run a filter over packet bytes.
enum ClassicBPFInterpreter {
    struct UnsupportedInstruction: Error { let code: UInt16 }

    static func run(_ program: [ClassicBPFInstruction], on packet: [UInt8]) throws -> UInt32 {
        var a: UInt32 = 0
        var x: UInt32 = 0
        var pc = 0
        func byte(_ offset: Int) -> UInt32? { offset >= 0 && offset < packet.count ? UInt32(packet[offset]) : nil }
        func half(_ offset: Int) -> UInt32? {
            guard let high = byte(offset), let low = byte(offset + 1) else { return nil }
            return high << 8 | low
        }
        while pc < program.count {
            let instruction = program[pc]
            let k = instruction.constant
            pc += 1
            switch instruction.code {
            case 0x30: guard let value = byte(Int(k)) else { return 0 }; a = value
            case 0x28: guard let value = half(Int(k)) else { return 0 }; a = value
            case 0x50: guard let value = byte(Int(x) + Int(k)) else { return 0 }; a = value
            case 0x48: guard let value = half(Int(x) + Int(k)) else { return 0 }; a = value
            case 0xb1: guard let value = byte(Int(k)) else { return 0 }; x = (value & 0x0f) * 4
            case 0x54: a &= k
            case 0x64: a <<= k
            case 0x0c: a &+= x
            case 0x07: x = a
            case 0x15: pc += Int(a == k ? instruction.jumpIfTrue : instruction.jumpIfFalse)
            case 0x06: return k
            default: throw UnsupportedInstruction(code: instruction.code)
            }
        }
        return 0  // the kernel rejects programs that can fall off the end; treat it as a drop
    }
}
