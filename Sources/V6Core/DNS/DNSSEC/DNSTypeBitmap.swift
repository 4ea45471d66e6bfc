/// The type bit maps of NSEC and NSEC3 records (RFC 4034 §4.1.2): which types exist at a name, in windows of 256.
public enum DNSTypeBitmap {
    public static func decode(_ bytes: [UInt8], type: DNSRecordType) throws(DNSDecodeError) -> [DNSRecordType] {
        var reader = DNSSECRecordReader(bytes, type: type)
        var types: [DNSRecordType] = []
        var lastWindow = -1
        while !reader.isAtEnd {
            let window = Int(try reader.uint8("bitmap window"))
            let length = Int(try reader.uint8("bitmap length"))
            guard window > lastWindow else { throw reader.failure("has bitmap windows out of order") }
            guard (1...32).contains(length) else { throw reader.failure("has a bitmap window of \(length) bytes") }
            lastWindow = window
            let map = try reader.take(length, "bitmap")
            for (offset, byte) in map.enumerated() {
                for bit in 0..<8 where byte & (0x80 >> UInt8(bit)) != 0 {
                    types.append(DNSRecordType(code: UInt16(window << 8 | offset << 3 | bit)))
                }
            }
        }
        return types
    }

    public static func encode(_ types: [DNSRecordType]) -> [UInt8] {
        let codes = Set(types.map(\.code)).sorted()
        var bytes: [UInt8] = []
        var index = 0
        while index < codes.count {
            let window = codes[index] >> 8
            var map = [UInt8](repeating: 0, count: 32)
            var used = 0
            while index < codes.count, codes[index] >> 8 == window {
                let low = Int(codes[index] & 0xff)
                map[low >> 3] |= 0x80 >> UInt8(low & 7)
                used = max(used, (low >> 3) + 1)
                index += 1
            }
            bytes += [UInt8(window), UInt8(used)] + map[0..<used]
        }
        return bytes
    }
}
