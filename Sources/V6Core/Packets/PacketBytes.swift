/// Big-endian field reads on a received packet. Callers check the length first; these never allocate, so decoding a
/// packet costs a few loads and compares.
extension UnsafeRawBufferPointer {
    @inline(__always)
    func uint8(at offset: Int) -> UInt8 {
        load(fromByteOffset: offset, as: UInt8.self)
    }

    @inline(__always)
    func uint16(at offset: Int) -> UInt16 {
        UInt16(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    @inline(__always)
    func uint32(at offset: Int) -> UInt32 {
        UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inline(__always)
    func uint64(at offset: Int) -> UInt64 {
        UInt64(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The IPv4 address in the four bytes at `offset`.
    @inline(__always)
    func ipv4Address(at offset: Int) -> IPv4Address {
        IPv4Address(uint32(at: offset))
    }

    /// The IPv6 address in the sixteen bytes at `offset` (no zone: a packet does not carry one).
    @inline(__always)
    func ipv6Address(at offset: Int) -> IPv6Address {
        IPv6Address(high: uint64(at: offset), low: uint64(at: offset + 8))
    }

    /// The bytes `start..<start + count`, rebased so offset 0 is `start`.
    @inline(__always)
    func slice(from start: Int, count: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: self[start..<(start + count)])
    }
}

extension UnsafeMutableRawBufferPointer {
    @inline(__always)
    func storeBigEndian(_ value: UInt16, at offset: Int) {
        storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt16.self)
    }

    @inline(__always)
    func storeBigEndian(_ value: UInt64, at offset: Int) {
        storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt64.self)
    }
}
