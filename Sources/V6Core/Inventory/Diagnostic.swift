/// One problem found in an input file, said the way a compiler says it: `file:line: path: message`.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible, Comparable {
    public var file: String
    public var line: Int?
    public var path: JSONPath?
    public var message: String

    public init(file: String, line: Int? = nil, path: JSONPath? = nil, message: String) {
        self.file = file
        self.line = line
        self.path = path
        self.message = message
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let path { text += "\(path): " }
        return text + message
    }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.add("file", file)
        o.addIfPresent("line", line)
        if let path { o.add("path", path.text) }
        o.add("message", message)
        return o.value
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        if a.file != b.file { return a.file < b.file }
        return (a.line ?? 0, a.path?.text ?? "", a.message) < (b.line ?? 0, b.path?.text ?? "", b.message)
    }
}

/// Thrown when input is wrong; carries every problem found, not just the first.
public struct ValidationFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Quotes a value for a message, so an empty or space-padded value is visible: `"2001:db8::zz"`.
public func quoted(_ text: String) -> String {
    var out = ""
    JSONWriter.writeString(text, into: &out)
    return out
}
