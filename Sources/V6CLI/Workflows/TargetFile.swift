import V6Core
import V6System

/// A `@FILE` of targets, read as a stream: checked once before anything is sent (every problem with its line,
/// the count against `--max-targets`, addresses against the scope), then read again chunk by chunk while the
/// sweep runs. Memory stays bounded whatever the file's length.
struct TargetFile {
    /// As the user wrote it, for messages.
    let name: String
    /// Resolved against the working directory.
    let path: String
    /// How many targets it holds (a prefix counts its addresses, a host name one).
    let count: Int

    static let chunkSize = 64 * 1024
    /// At most this many problems are reported for one file.
    static let problemLimit = 100

    /// Reads the file once: every problem (up to `problemLimit`), and the targets counted; `outside` is called
    /// with each address or prefix the scope does not hold.
    static func check(_ name: String, path: String, maxTargets: Int, outside: (TargetArgument) -> Void) -> Result<TargetFile, ValidationFailure> {
        var problems: [Diagnostic] = []
        var count = 0
        var countedPast = false
        var parser = TargetFileParser(name: name)
        func take(_ line: Int, _ parsed: TargetFileParser.Line) {
            switch parsed {
            case let .problem(d): if problems.count < problemLimit { problems.append(d) }
            case let .target(target):
                switch target {
                case .address, .hostname: count += 1
                case let .prefix(p):
                    do { count += try p.addresses(limit: maxTargets).count } catch {
                        if problems.count < problemLimit {
                            problems.append(Diagnostic(file: name, line: line, message: "\(error.message); raise --max-targets to sweep it"))
                        }
                    }
                case .file: break
                }
                if case .hostname = target {} else { outside(target) }
                if count > maxTargets && !countedPast {
                    countedPast = true
                    problems.append(Diagnostic(file: name, line: line,
                                               message: "more than \(maxTargets) targets (--max-targets); raise --max-targets to probe them all"))
                }
            }
        }
        do {
            try forEachChunk(path) { parser.feed($0, take) }
        } catch {
            return .failure(ValidationFailure([Diagnostic(file: name, message: "cannot read: \(error)")]))
        }
        parser.finish(take)
        return problems.isEmpty ? .success(TargetFile(name: name, path: path, count: count)) : .failure(ValidationFailure(problems))
    }

    /// Calls `body` with each chunk of the file, in order.
    static func forEachChunk(_ path: String, _ body: (UnsafeRawBufferPointer) -> Void) throws(BoundedReadError) {
        // Only a regular file: /dev/zero or a FIFO would never end (or never start).
        let descriptor = try BoundedFileReader.openRegularFile(path)
        defer { try? descriptor.close() }
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let n: Int
            do {
                n = try buffer.withUnsafeMutableBytes { raw in
                    Result { () throws(SystemError) in try descriptor.read(into: raw) }
                }.get()
            } catch { throw .system(error) }
            if n == 0 { return }
            buffer.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
        }
    }
}

/// The targets of one `TargetFile`, a chunk at a time: addresses as they are, prefixes expanded lazily, names
/// resolved when reached (inside the namespace) — addresses `allows` refuses skipped with a notice.
final class TargetFileReader {
    let file: TargetFile
    let allows: ((IPAddress) -> Bool)?
    /// Names that did not resolve or resolved outside the scope, one sentence each (at most 20).
    private(set) var notices: [String] = []
    private var descriptor: FileDescriptor?
    private var failed = false
    private var parser: TargetFileParser
    private var buffer = [UInt8](repeating: 0, count: TargetFile.chunkSize)
    private var queue: [(line: Int, target: TargetArgument)] = []
    private var position = 0
    private var expanding: PrefixAddresses?
    private var offset = 0
    private var resolved: [ProbeTarget] = []

    init(_ file: TargetFile, allows: ((IPAddress) -> Bool)?) {
        self.file = file
        self.allows = allows
        parser = TargetFileParser(name: file.name)
    }

    deinit { try? descriptor?.close() }

    func next() -> ProbeTarget? {
        while true {
            if let addresses = expanding {
                if offset < addresses.count { defer { offset += 1 }; return ProbeTarget(label: "", address: addresses[offset]) }
                expanding = nil
            }
            if let target = resolved.popLast() { return target }
            if position < queue.count {
                let (line, argument) = queue[position]
                position += 1
                switch argument {
                case let .address(address): return ProbeTarget(label: "", address: address)
                case let .prefix(prefix):
                    expanding = try? prefix.addresses(limit: file.count)
                    offset = 0
                case let .hostname(name): resolve(name, line: line)
                case .file: break
                }
                continue
            }
            guard refill() else { return nil }
        }
    }

    /// Reads the next chunk into the queue; false at the end of the file (or when it cannot be read any more).
    private func refill() -> Bool {
        queue.removeAll(keepingCapacity: true)
        position = 0
        guard !failed else { return false }
        do {
            if descriptor == nil { descriptor = try FileDescriptor.open(file.path, .readOnly) }
            guard let descriptor else { return false }
            let n = try buffer.withUnsafeMutableBytes { raw in
                Result { () throws(SystemError) in try descriptor.read(into: raw) }
            }.get()
            if n == 0 {
                failed = true
                parser.finish(enqueue)
                return !queue.isEmpty
            }
            buffer.withUnsafeBytes { parser.feed(UnsafeRawBufferPointer(rebasing: $0[..<n]), enqueue) }
            return true
        } catch {
            failed = true
            note("\(file.name): cannot read any further: \(error)")
            return false
        }
    }

    private func enqueue(_ line: Int, _ parsed: TargetFileParser.Line) {
        if case let .target(target) = parsed { queue.append((line, target)) }
    }

    private func resolve(_ name: String, line: Int) {
        do {
            for bytes in try HostResolver.resolve(name).reversed() {
                let address: IPAddress = bytes.count == 4 ? .v4(IPv4Address(bytes: bytes)) : .v6(IPv6Address(bytes: bytes))
                if let allows, !allows(address) {
                    note("\(file.name): \(name) (\(address)) is outside the inventory's scope: skipped")
                    continue
                }
                resolved.append(ProbeTarget(label: name, address: address))
            }
        } catch {
            note("\(file.name):\(line): \(error)")
        }
    }

    private func note(_ s: String) { if notices.count < 20 { notices.append(s) } }
}
