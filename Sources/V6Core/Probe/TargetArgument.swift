/// One target as the user typed it: an address, a prefix (expanded lazily and bounded), a host name
/// (resolved to both A and AAAA), or `@file` with one target per line.
public enum TargetArgument: Sendable, Equatable {
    case address(IPAddress)
    case prefix(IPPrefix)
    case hostname(String)
    case file(String)

    /// Classifies one argument, with a message that says what was expected when it is none of these.
    public init(parsing text: String) throws(AddressParseError) {
        if text.hasPrefix("@") {
            let path = String(text.dropFirst())
            guard !path.isEmpty else { throw AddressParseError(message: "\"@\" needs a file name (@targets.txt)") }
            self = .file(path)
        } else if text.contains("/") {
            self = .prefix(try IPPrefix(parsing: text))
        } else if let address = IPAddress(text) {
            self = .address(address)
        } else if text.contains(":") || text.allSatisfy({ $0.isNumber || $0 == "." }) {
            // Looks like an address but is not one: say so rather than try to resolve it as a name.
            _ = try IPAddress(parsing: text)
            throw AddressParseError(message: "\(quoted(text)) is not an address")
        } else if HostNameRules.problem(with: text) == nil {
            self = .hostname(text)
        } else {
            throw AddressParseError(message: "\(quoted(text)) is not an address, prefix, host name or @file")
        }
    }

    /// The targets of a target file: one per line; blank lines and `#` comments ignored.
    /// Errors carry the line number.
    public static func parseFile(_ bytes: [UInt8], name: String) -> Result<[TargetArgument], ValidationFailure> {
        var targets: [TargetArgument] = []
        var problems: [Diagnostic] = []
        var parser = TargetFileParser(name: name)
        func take(_ line: Int, _ r: TargetFileParser.Line) {
            switch r {
            case let .target(t): targets.append(t)
            case let .problem(d): problems.append(d)
            }
        }
        bytes.withUnsafeBytes { parser.feed($0, take) }
        parser.finish(take)
        return problems.isEmpty ? .success(targets) : .failure(ValidationFailure(problems))
    }
}

/// A target ready to probe: the address and the name it is reported under.
public struct ProbeTarget: Sendable, Equatable {
    public var label: String
    public var address: IPAddress
    /// The inventory record it came from (scan), if any.
    public var record: String?
    /// TCP ports to try on this target in addition to the run's ports (a service's own ports).
    public var ports: [Int]
    /// Whether to send echo requests (a service's address is pinged through its device, not again).
    public var echo: Bool

    public init(label: String, address: IPAddress, record: String? = nil, ports: [Int] = [], echo: Bool = true) {
        self.label = label; self.address = address; self.record = record; self.ports = ports; self.echo = echo
    }
}
