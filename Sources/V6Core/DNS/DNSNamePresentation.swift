/// The text form of DNS names (RFC 1035 §5.1 zone-file conventions): dots between labels, `\.` and `\\` for literal
/// dots and backslashes, `\DDD` (decimal) for any other byte that would not read back as itself.
enum DNSNamePresentation {
    static func parse(_ text: String) throws(DNSNameError) -> DNSName {
        let bytes = Array(text.utf8)
        func failure(_ reason: String) -> DNSNameError {
            DNSNameError(message: "\(String(reflecting: text)) is not a DNS name (\(reason))")
        }
        guard !bytes.isEmpty else { throw failure("it is empty") }
        if bytes == [UInt8(ascii: ".")] { return .root }

        var wire: [UInt8] = []
        wire.reserveCapacity(min(bytes.count + 2, DNSName.maximumWireLength))
        var labelStart = 0  // index in `wire` of the current label's length byte
        wire.append(0)
        var index = 0

        func closeLabel() throws(DNSNameError) {
            let length = wire.count - labelStart - 1
            guard length > 0 else { throw failure("empty label") }
            wire[labelStart] = UInt8(length)  // at most 63: checked as each byte arrives
        }

        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "."):
                try closeLabel()
                labelStart = wire.count
                wire.append(0)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw failure("a backslash at the end escapes nothing") }
                let next = bytes[index]
                if isDigit(next) {
                    guard index + 2 < bytes.count, isDigit(bytes[index + 1]), isDigit(bytes[index + 2]) else {
                        throw failure("\\DDD needs exactly three decimal digits")
                    }
                    let value = Int(next - 0x30) * 100 + Int(bytes[index + 1] - 0x30) * 10 + Int(bytes[index + 2] - 0x30)
                    guard value <= 255 else { throw failure("\\\(value) is not a byte value") }
                    wire.append(UInt8(value))
                    index += 3
                } else {
                    guard next > 0x20, next < 0x7F else { throw failure("a backslash must escape a visible character") }
                    wire.append(next)
                    index += 1
                }
            default:
                guard byte < 0x80 else {
                    throw failure("non-ASCII text; write internationalized names in their xn-- form")
                }
                guard byte > 0x20, byte != 0x7F else { throw failure("space or control character") }
                wire.append(byte)
            }
            // Fail early on absurd input rather than building a huge buffer first.
            guard wire.count - labelStart - 1 <= DNSName.maximumLabelLength else {
                throw failure("label longer than \(DNSName.maximumLabelLength) octets")
            }
            // The placeholder for the next length byte stands in for the root label, so this bound is exact.
            guard wire.count <= DNSName.maximumWireLength else {
                throw failure("longer than \(DNSName.maximumWireLength) octets in wire form")
            }
        }
        if wire.count - labelStart - 1 == 0 {
            // A trailing dot: drop the empty placeholder, which becomes the root label below.
            wire.removeLast()
        } else {
            try closeLabel()
        }
        wire.append(0)
        guard wire.count <= DNSName.maximumWireLength else {
            throw failure("longer than \(DNSName.maximumWireLength) octets in wire form")
        }
        return DNSName(validatedWire: wire)
    }

    static func format(_ name: DNSName) -> String {
        let wire = name.wireBytes
        if wire.count == 1 { return "." }
        var text: [UInt8] = []
        text.reserveCapacity(wire.count + 8)
        var index = 0
        while wire[index] != 0 {
            let length = Int(wire[index])
            for byte in wire[(index + 1)...(index + length)] {
                appendEscaped(byte, to: &text)
            }
            text.append(UInt8(ascii: "."))
            index += 1 + length
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Writes one label byte so that `parse` reads it back unchanged and a zone file would too.
    private static func appendEscaped(_ byte: UInt8, to text: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: ";"), UInt8(ascii: "@"), UInt8(ascii: "$"):
            text.append(UInt8(ascii: "\\"))
            text.append(byte)
        case 0x21...0x7E:
            text.append(byte)
        default:
            text.append(UInt8(ascii: "\\"))
            text.append(0x30 + byte / 100)
            text.append(0x30 + byte / 10 % 10)
            text.append(0x30 + byte % 10)
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39
    }
}
