/// One DER element (X.690): its tag byte, its content, and the whole encoding. Only definite lengths, at most four
/// length bytes and single-byte tags, which is all X.509 certificates use.
struct DERElement {
    var tag: UInt8
    var content: ArraySlice<UInt8>

    var isConstructed: Bool { tag & 0x20 != 0 }
    /// Context-specific tag number, e.g. 0xA3 → 3.
    var contextNumber: UInt8? { tag & 0xC0 == 0x80 ? tag & 0x1F : nil }

    /// The elements inside a constructed element.
    func children() throws(X509Error) -> [DERElement] {
        var reader = DERReader(content)
        var result: [DERElement] = []
        while !reader.isAtEnd { result.append(try reader.next()) }
        return result
    }
}

/// Reads DER elements one after another from a slice, bounds-checked.
struct DERReader {
    private var data: ArraySlice<UInt8>
    init(_ data: ArraySlice<UInt8>) { self.data = data }

    var isAtEnd: Bool { data.isEmpty }

    mutating func next() throws(X509Error) -> DERElement {
        guard data.count >= 2 else { throw X509Error("truncated element") }
        let start = data.startIndex
        let tag = data[start]
        guard tag & 0x1F != 0x1F else { throw X509Error("multi-byte tags are not used in certificates") }
        var index = start + 1
        let first = data[index]
        index += 1
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            let count = Int(first & 0x7F)
            guard (1...4).contains(count) else { throw X509Error(count == 0 ? "indefinite length (BER, not DER)" : "a length of \(count) bytes") }
            guard data.endIndex - index >= count else { throw X509Error("truncated length") }
            for _ in 0..<count {
                length = length << 8 | Int(data[index])
                index += 1
            }
        }
        guard length <= data.endIndex - index else {
            throw X509Error("element of \(length) bytes with \(data.endIndex - index) left")
        }
        let content = data[index..<(index + length)]
        data = data[(index + length)...]
        return DERElement(tag: tag, content: content)
    }

    /// The next element, which must have `tag`.
    mutating func next(_ tag: UInt8, _ what: String) throws(X509Error) -> DERElement {
        let element = try next()
        guard element.tag == tag else { throw X509Error("\(what): expected tag 0x\(hex(tag)), found 0x\(hex(element.tag))") }
        return element
    }

    /// The next element if it has context-specific tag `number` (constructed), else nothing is consumed.
    mutating func optionalContext(_ number: UInt8) throws(X509Error) -> DERElement? {
        guard let tag = data.first, tag == 0xA0 | number else { return nil }
        return try next()
    }
}

func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}

/// Why a certificate could not be read; `message` says which part.
public struct X509Error: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
