/// Base64 (RFC 4648 §4) for DNSKEY keys and RRSIG signatures in presentation format, without Foundation.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var text: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * UInt32($1.offset)) }
            for position in 0..<4 {
                text.append(position <= chunk.count ? alphabet[Int(value >> (18 - 6 * UInt32(position)) & 63)] : UInt8(ascii: "="))
            }
            index += 3
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Decodes, ignoring white space; nil on any other character outside the alphabet or misplaced padding.
    public static func decode(_ text: String) -> [UInt8]? {
        var bits: UInt32 = 0, count = 0, padding = 0
        var result: [UInt8] = []
        for char in text.utf8 {
            if char == UInt8(ascii: " ") || char == UInt8(ascii: "\t") || char == UInt8(ascii: "\n") || char == UInt8(ascii: "\r") { continue }
            if char == UInt8(ascii: "=") { padding += 1; continue }
            guard padding == 0, let value = alphabet.firstIndex(of: char) else { return nil }
            bits = bits << 6 | UInt32(value)
            count += 6
            if count >= 8 {
                count -= 8
                result.append(UInt8(truncatingIfNeeded: bits >> UInt32(count)))
            }
        }
        guard padding <= 2 else { return nil }
        return result
    }
}

/// Base32 with the extended hex alphabet (RFC 4648 §7), unpadded: how NSEC3 owner labels spell hashes.
public enum Base32Hex {
    private static let alphabet = Array("0123456789abcdefghijklmnopqrstuv".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var text: [UInt8] = []
        var bits: UInt32 = 0, count = 0
        for byte in bytes {
            bits = bits << 8 | UInt32(byte)
            count += 8
            while count >= 5 {
                count -= 5
                text.append(alphabet[Int(bits >> UInt32(count) & 31)])
            }
        }
        if count > 0 { text.append(alphabet[Int(bits << UInt32(5 - count) & 31)]) }
        return String(decoding: text, as: UTF8.self)
    }

    /// Decodes case-insensitively; nil on characters outside the alphabet.
    public static func decode(_ text: String) -> [UInt8]? {
        var bits: UInt32 = 0, count = 0
        var result: [UInt8] = []
        for char in text.lowercased().utf8 {
            guard let value = alphabet.firstIndex(of: char) else { return nil }
            bits = bits << 5 | UInt32(value)
            count += 5
            if count >= 8 {
                count -= 8
                result.append(UInt8(truncatingIfNeeded: bits >> UInt32(count)))
            }
        }
        return result
    }
}
