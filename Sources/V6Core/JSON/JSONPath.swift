/// Where a value sits in a document, printed the way people read it: `devices[3].ipv6[0]`.
public struct JSONPath: Hashable, Sendable, CustomStringConvertible, Comparable {
    public private(set) var text: String

    public init(_ text: String = "") { self.text = text }
    public static let root = JSONPath()

    public func member(_ key: String) -> JSONPath {
        let simple = !key.isEmpty && key.utf8.allSatisfy { $0 == 0x5F || $0 == 0x2D || ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }
        if !simple {
            var quoted = ""
            JSONWriter.writeString(key, into: &quoted)
            return JSONPath(text + "[" + quoted + "]")
        }
        return JSONPath(text.isEmpty ? key : text + "." + key)
    }

    public func index(_ i: Int) -> JSONPath { JSONPath(text + "[\(i)]") }

    public var description: String { text.isEmpty ? "(top level)" : text }
    public static func < (a: JSONPath, b: JSONPath) -> Bool { a.text < b.text }
}
