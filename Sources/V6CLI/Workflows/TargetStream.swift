import V6Core

/// The targets of a run, produced one at a time: prefixes are walked lazily, so a /12 costs no memory, and target
/// files are read a chunk at a time, so a file of millions of lines does not either.
struct TargetStream: IteratorProtocol {
    enum Source {
        case one(ProbeTarget)
        case prefix(PrefixAddresses)
        case file(TargetFile)
    }

    private let sources: [Source]
    private let allows: ((IPAddress) -> Bool)?
    private var sourceIndex = 0
    private var offset = 0
    private var reader: TargetFileReader?
    /// Shared by copies of the stream (a wrapper iterates a copy): what the finished files had to say.
    private let finished = NoticeLog()

    /// `allows`: the scope a name in a target file must resolve into (nil: anything).
    init(_ sources: [Source], allows: ((IPAddress) -> Bool)? = nil) {
        self.sources = sources
        self.allows = allows
    }

    mutating func next() -> ProbeTarget? {
        while sourceIndex < sources.count {
            switch sources[sourceIndex] {
            case let .one(target):
                sourceIndex += 1
                return target
            case let .prefix(addresses):
                if offset < addresses.count {
                    let address = addresses[offset]
                    offset += 1
                    // An empty label means "the address": formatting it is left to whoever prints it.
                    return ProbeTarget(label: "", address: address)
                }
                offset = 0
                sourceIndex += 1
            case let .file(file):
                let current = reader ?? TargetFileReader(file, allows: allows)
                reader = current
                if let target = current.next() { return target }
                finished.items += current.notices
                reader = nil
                sourceIndex += 1
            }
        }
        return nil
    }

    /// What the user should know about the targets read (names in files that did not resolve or fell outside).
    var notices: [String] { finished.items + (reader?.notices ?? []) }

    /// How many targets the stream produces in all (a name in a file counted once).
    var count: Int {
        sources.reduce(0) { total, source in
            switch source {
            case .one: return total + 1
            case let .prefix(addresses): return total + addresses.count
            case let .file(file): return total + file.count
            }
        }
    }
}

/// Notices collected while a stream (or a copy of it) is read.
final class NoticeLog {
    var items: [String] = []
}
