/// Reads a target file as it arrives, chunk by chunk: one target per line, blank lines and `#` comments ignored,
/// each problem with its line number. Only a partial line is kept between chunks (at most `maxLineLength`
/// bytes), so a file of any length is read in bounded memory.
public struct TargetFileParser {
    public static let maxLineLength = 1_024
    public let name: String
    /// The number of the last line handed out.
    public private(set) var lineNumber = 0
    private var partial: [UInt8] = []
    private var overlong = false

    public init(name: String) { self.name = name }

    /// What one line holds.
    public enum Line: Sendable, Equatable {
        case target(TargetArgument)
        case problem(Diagnostic)

        public var target: TargetArgument? { if case let .target(t) = self { return t } else { return nil } }
    }

    /// Parses every complete line of `chunk` (and the partial one before it); `each` gets the line's number and its
    /// target or problem.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ each: (_ line: Int, _ parsed: TargetFileParser.Line) -> Void) {
        var start = 0
        while let newline = chunk[start...].firstIndex(of: 0x0A) {
            if partial.isEmpty && !overlong {
                line(UnsafeRawBufferPointer(rebasing: chunk[start..<newline]), each)
            } else {
                keep(UnsafeRawBufferPointer(rebasing: chunk[start..<newline]))
                let text = partial
                partial.removeAll(keepingCapacity: true)
                text.withUnsafeBytes { line($0, each) }
            }
            start = newline + 1
        }
        keep(UnsafeRawBufferPointer(rebasing: chunk[start...]))
    }

    /// The last line, when the file does not end in a newline.
    public mutating func finish(_ each: (_ line: Int, _ parsed: TargetFileParser.Line) -> Void) {
        guard !partial.isEmpty || overlong else { return }
        let text = partial
        partial.removeAll()
        text.withUnsafeBytes { line($0, each) }
    }

    private mutating func keep(_ bytes: UnsafeRawBufferPointer) {
        if partial.count + bytes.count > Self.maxLineLength { overlong = true; return }
        partial.append(contentsOf: bytes)
    }

    private mutating func line(_ bytes: UnsafeRawBufferPointer, _ each: (_ line: Int, _ parsed: TargetFileParser.Line) -> Void) {
        lineNumber += 1
        if overlong {
            overlong = false
            each(lineNumber, .problem(Diagnostic(file: name, line: lineNumber, message: "the line is longer than \(Self.maxLineLength) bytes")))
            return
        }
        var lo = 0, hi = bytes.count
        if let hash = bytes.firstIndex(of: 0x23) { hi = hash }
        while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 || bytes[lo] == 0x0D { lo += 1 }
        while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 || bytes[hi - 1] == 0x0D { hi -= 1 }
        if lo == hi { return }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self)
        if let address = IPAddress(text) { each(lineNumber, .target(.address(address))); return }
        do {
            let target = try TargetArgument(parsing: text)
            if case .file = target {
                each(lineNumber, .problem(Diagnostic(file: name, line: lineNumber, message: "a target file cannot include another (@)")))
            } else {
                each(lineNumber, .target(target))
            }
        } catch {
            each(lineNumber, .problem(Diagnostic(file: name, line: lineNumber, message: error.message)))
        }
    }
}
