import V6Core
import V6System

/// What `probe TARGET...` was asked to probe, checked completely before anything is sent (a typo must not leave
/// half a sweep done), then turned into target sources inside the namespace (names resolve there). A `@FILE` is
/// read once here to check it and count it, and read again while the sweep runs: never held whole.
struct ProbeTargets {
    let arguments: [TargetArgument]
    /// The target files, by path, checked and counted.
    let files: [String: TargetFile]
    /// Addresses and prefixes in target files that the scope does not hold: the first few, and how many.
    let outsideInFiles: (shown: [String], count: Int)

    /// Parses every argument and checks every @FILE (at most `maxTargets` targets each, every line against
    /// `scope` when one is given); every problem is reported at once.
    init(parsing texts: [String], maxTargets: Int, scope: ScopeGuard?, console: Console) throws(CLIError) {
        var arguments: [TargetArgument] = []
        var files: [String: TargetFile] = [:]
        var problems: [Diagnostic] = []
        var outside: [String] = [], outsideCount = 0
        for text in texts {
            do {
                let target = try TargetArgument(parsing: text)
                arguments.append(target)
                guard case let .file(path) = target, files[path] == nil else { continue }
                let checked = TargetFile.check(path, path: console.resolve(path), maxTargets: maxTargets) { argument in
                    guard let shown = scope?.outside(argument) else { return }
                    outsideCount += 1
                    if outside.count < 5 { outside.append(shown) }
                }
                switch checked {
                case let .success(file): files[path] = file
                case let .failure(f): problems += f.diagnostics
                }
            } catch {
                problems.append(Diagnostic(file: "(command line)", message: error.message))
            }
        }
        if !problems.isEmpty { throw .invalid(problems) }
        self.arguments = arguments
        self.files = files
        self.outsideInFiles = (outside, outsideCount)
    }

    /// Expands prefixes (at most `limit` addresses each) and resolves names to every A and AAAA address.
    func sources(limit: Int) throws(CLIError) -> [TargetStream.Source] {
        // Single targets (from the command line and @FILEs) count against the limit like a prefix's addresses.
        let singles = arguments.filter { if case .prefix = $0 { return false } else { return true } }.count
        if singles > limit {
            throw .argument("\(singles) targets (with those from @FILE) are more than --max-targets \(limit); raise --max-targets to probe them all")
        }
        var sources: [TargetStream.Source] = []
        var problems: [Diagnostic] = []
        for argument in arguments {
            switch argument {
            case let .address(address):
                // The label of an address target is the address itself (empty: formatted once, when printed).
                sources.append(.one(ProbeTarget(label: "", address: address)))
            case let .prefix(prefix):
                do { sources.append(.prefix(try prefix.addresses(limit: limit))) } catch {
                    problems.append(Diagnostic(file: "(command line)", message: "\(error.message); raise --max-targets to sweep it"))
                }
            case let .hostname(name):
                do {
                    for bytes in try HostResolver.resolve(name) {
                        let address: IPAddress = bytes.count == 4 ? .v4(IPv4Address(bytes: bytes)) : .v6(IPv6Address(bytes: bytes))
                        sources.append(.one(ProbeTarget(label: name, address: address)))
                    }
                } catch {
                    problems.append(Diagnostic(file: "(command line)", message: error.description))
                }
            case let .file(path):
                if let file = files[path] { sources.append(.file(file)) }
            }
        }
        if !problems.isEmpty { throw .invalid(problems) }
        return sources
    }
}
