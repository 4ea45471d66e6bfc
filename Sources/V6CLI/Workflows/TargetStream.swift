import V6Core

/// The targets of a run, produced one at a time: prefixes are walked lazily, so a /12 costs no memory.
struct TargetStream: IteratorProtocol {
    enum Source {
        case one(ProbeTarget)
        case prefix(PrefixAddresses)
    }

    private let sources: [Source]
    private var sourceIndex = 0
    private var offset = 0

    init(_ sources: [Source]) { self.sources = sources }

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
            }
        }
        return nil
    }

    /// How many targets the stream produces in all.
    var count: Int {
        sources.reduce(0) { total, source in
            switch source {
            case .one: return total + 1
            case let .prefix(addresses): return total + addresses.count
            }
        }
    }
}
