import V6Core
import V6System

/// What `probe TARGET...` was asked to probe, parsed completely before anything is sent (a typo must not leave
/// half a sweep done), then turned into target sources inside the namespace (names resolve there).
struct ProbeTargets {
    let arguments: [TargetArgument]

    /// Parses every argument and reads every @FILE; every problem is reported at once.
    init(parsing texts: [String], console: Console) throws(CLIError) {
        var arguments: [TargetArgument] = []
        var problems: [Diagnostic] = []
        for text in texts {
            do {
                let target = try TargetArgument(parsing: text)
                guard case let .file(path) = target else { arguments.append(target); continue }
                let bytes: [UInt8]
                // 64 MiB is some three million targets; more than --max-targets allows at its largest useful value.
                do { bytes = try BoundedFileReader.read(console.resolve(path), maximumBytes: 64 * 1_048_576) } catch {
                    problems.append(Diagnostic(file: path, message: "cannot read: \(error)")); continue
                }
                switch TargetArgument.parseFile(bytes, name: path) {
                case let .success(list): arguments += list
                case let .failure(f): problems += f.diagnostics
                }
            } catch {
                problems.append(Diagnostic(file: "(command line)", message: error.message))
            }
        }
        if !problems.isEmpty { throw .invalid(problems) }
        self.arguments = arguments
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
            case .file:
                break
            }
        }
        if !problems.isEmpty { throw .invalid(problems) }
        return sources
    }
}
