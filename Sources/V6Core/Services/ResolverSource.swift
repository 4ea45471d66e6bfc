/// Where a run takes its DNS servers from, decided from its options before anything is read.
///
/// Inside a network namespace (`--netns NAME`) the machine's /etc/resolv.conf names servers of the machine's own
/// network, which the namespace may not reach — and in a lab must never be asked. So v6ready does what
/// `ip netns exec` does for the programs it starts (ip-netns(8)): the namespace's resolver is
/// `/etc/netns/NAME/resolv.conf`. Unlike `ip netns exec`, which silently keeps the machine's file when that one is
/// missing, v6ready then has no resolver and says so once.
public enum ResolverSource: Sendable, Equatable {
    /// `--resolver` addresses.
    case given([ResolverAddress])
    /// A resolv.conf file: `/etc/resolv.conf`, or a namespace's own file.
    case file(path: String, namespace: String?)
    /// No lookups at all (`--no-dns`).
    case disabled

    /// The machine's resolver file.
    public static let systemResolvConf = "/etc/resolv.conf"

    /// Given resolvers win; else the namespace's file inside `--netns`; else the machine's file. `--no-dns` asks
    /// nothing. A namespace name that `ip netns` could not have made (empty, `.`, `..`, with `/` or a control
    /// character) is refused rather than turned into a path.
    public static func choose(resolvers: [ResolverAddress], useDNS: Bool,
                              networkNamespace: String?) throws(ResolverConfigurationError) -> ResolverSource {
        guard useDNS else { return .disabled }
        if !resolvers.isEmpty { return .given(resolvers) }
        guard let name = networkNamespace else { return .file(path: systemResolvConf, namespace: nil) }
        return .file(path: try namespaceResolvConf(name), namespace: name)
    }

    /// `/etc/netns/NAME/resolv.conf`.
    public static func namespaceResolvConf(_ name: String) throws(ResolverConfigurationError) -> String {
        guard !name.isEmpty, name != ".", name != "..", name.utf8.count <= 255,
              !name.unicodeScalars.contains(where: { $0 == "/" || $0.value < 0x20 || $0.value == 0x7F }) else {
            throw ResolverConfigurationError(message: "\(String(reflecting: name)) is not a network namespace name")
        }
        return "/etc/netns/\(name)/resolv.conf"
    }

    /// What to tell the user, once, when the source gave no server: `reason` is what went wrong with the file
    /// (`does not exist`, `names no nameserver`, a read error).
    public func unavailableNotice(_ reason: String) -> String {
        switch self {
        case .file(let path, let namespace?):
            return "services: no DNS resolver for network namespace \(namespace): \(path) \(reason) (v6ready never "
                + "falls back to this machine's \(Self.systemResolvConf) inside a namespace); named services are "
                + "judged on the inventory's addresses. Write that file or give --resolver ADDR."
        case .file(let path, nil):
            return "services: no DNS (\(path) \(reason)); named services are judged on the inventory's addresses. "
                + "Give a resolver with --resolver ADDR."
        case .given, .disabled:
            return "services: no DNS (\(reason))"
        }
    }

    /// The short note every service judged without DNS carries (the notice says the rest once).
    public func unavailableNote(_ reason: String) -> String {
        switch self {
        case .file(let path, let namespace?): "no resolver for namespace \(namespace) (\(path) \(reason))"
        case .file(let path, nil): "\(path) \(reason)"
        case .given: reason
        case .disabled: "--no-dns was given"
        }
    }
}
