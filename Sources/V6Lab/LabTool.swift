import Foundation

/// The only programs the lab ever runs. Each is looked up in a fixed list of system directories, never through
/// `$PATH`, so a stray binary earlier in someone's path cannot stand in for `ip`.
public enum LabTool: String, Sendable, CaseIterable, CustomStringConvertible {
    /// iproute2: namespaces, veth pairs, addresses, routes (`ip -n NS ...`, `ip netns exec`).
    case ip
    /// nftables: filters and rejects inside lab namespaces.
    case nft
    /// procps: per-namespace kernel settings (forwarding, DAD, ICMP rate masks).
    case sysctl
    /// procps: signals background processes at tear-down.
    case kill
    /// The TCP listener behind every open lab port.
    case socat
    /// iproute2 socket statistics: tells when a listener is ready.
    case ss
    /// iputils ping: used by tests and the demo to look at the lab from the scanner namespace.
    case ping
    /// OpenSSL: the lab's TLS certificates (`LabCertificate`).
    case openssl
    /// ldnsutils: DNSSEC keys, zone signing and DS records for the lab's signed zones.
    case ldnsKeygen = "ldns-keygen"
    case ldnsSignzone = "ldns-signzone"
    case ldnsKey2ds = "ldns-key2ds"

    /// Where the lab looks for programs, in order. Fixed on purpose (see the type's comment).
    public static let searchDirectories = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]

    /// The tools every lab needs; `ping` is needed only by tests.
    public static let required: [LabTool] = [.ip, .nft, .sysctl, .kill, .socat, .ss]

    /// The Debian package that installs the tool (what `.ci/run` and error messages name).
    public var debianPackage: String {
        switch self {
        case .ip, .ss: "iproute2"
        case .nft: "nftables"
        case .sysctl, .kill: "procps"
        case .socat: "socat"
        case .ping: "iputils-ping"
        case .openssl: "openssl"
        case .ldnsKeygen, .ldnsSignzone, .ldnsKey2ds: "ldnsutils"
        }
    }

    /// The absolute path of the executable, or nil when none of the search directories has it.
    public func locate() -> String? {
        for directory in Self.searchDirectories {
            let candidate = directory + "/" + rawValue
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The absolute path of the executable, or `LabError.toolNotFound` naming the package to install.
    public func path() throws -> String {
        guard let path = locate() else {
            throw LabError.toolNotFound(tool: rawValue, package: debianPackage)
        }
        return path
    }

    /// "missing openssl, ldns-keygen (apt-get install openssl ldnsutils)", or nil when every one is installed.
    public static func missing(_ tools: [LabTool]) -> String? {
        let absent = tools.filter { $0.locate() == nil }
        guard !absent.isEmpty else { return nil }
        return "missing " + absent.map(\.rawValue).joined(separator: ", ") + " (apt-get install "
            + Set(absent.map(\.debianPackage)).sorted().joined(separator: " ") + ")"
    }

    public var description: String { rawValue }
}
