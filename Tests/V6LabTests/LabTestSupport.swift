import Foundation
import Testing
import V6Core
import V6Lab

/// Whether the namespace tests can run here; prints the reason once when they cannot, so a skip is never silent.
enum LabGate {
    static let support: LabSupport = {
        let support = Lab.isSupported()
        if support.supported {
            // Labs of crashed earlier runs (owner process gone) are removed before new ones are built.
            let removed = (try? Lab.removeLeftovers()) ?? []
            if !removed.isEmpty { print("V6LabTests: removed stale lab namespaces \(removed.joined(separator: " "))") }
        }
        if !support.supported {
            print("V6LabTests: skipping namespace tests: \(support.reason)")
        } else if !support.delay {
            print("V6LabTests: skipping delay tests: \(support.delayReason)")
        }
        return support
    }()

    static var labs: Bool { support.supported }
    static var delay: Bool { support.supported && support.delay }
}

/// What a TCP connection attempt from the scanner namespace ended in.
enum TCPOutcome: Equatable {
    case connected
    case refused
    case timedOut
    /// An ICMP error turned into an errno, e.g. "No route to host".
    case unreachable(String)
    case other(String)
}

extension Lab {
    /// `ping` from the scanner: one echo by default, `wait` seconds for the answer.
    /// `fragmentation`: ping's `-M` (`do` sets DF and never fragments, `dont` clears DF); ping sets DF by default.
    func ping(_ address: IPAddress, count: Int = 1, interval: String? = nil, size: Int? = nil,
              fragmentation: String? = nil, wait: Int = 1) throws -> LabCommandResult {
        var arguments = [address.family == .v4 ? "-4" : "-6", "-n", "-c", String(count), "-W", String(wait)]
        if let interval { arguments += ["-i", interval] }
        if let size { arguments += ["-s", String(size)] }
        if let fragmentation { arguments += ["-M", fragmentation] }
        return try runInScanner(.ping, arguments + [address.description], timeout: .seconds(30))
    }

    /// A TCP connection from the scanner with `socat`, given `seconds`.
    func connect(_ address: IPAddress, port: Int, seconds: Int = 1) throws -> TCPOutcome {
        let target = address.family == .v4 ? "TCP4:\(address):\(port)" : "TCP6:[\(address)]:\(port)"
        let result = try runInScanner(.socat, ["-T1", "/dev/null", target + ",connect-timeout=\(seconds)"],
                                      timeout: .seconds(10 + seconds))
        if result.succeeded { return .connected }
        let message = result.standardError
        if message.contains("Connection refused") { return .refused }
        if message.contains("timed out") { return .timedOut }
        for errno in ["No route to host", "Permission denied", "Network is unreachable"] where message.contains(errno) {
            return .unreachable(errno)
        }
        return .other(message)
    }

    /// Namespaces of this lab that exist right now.
    var existingNamespaces: [String] {
        Lab.namedNamespaces().filter { $0.hasPrefix(id.namespacePrefix) }
    }

    static func namedNamespaces() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/run/netns")) ?? []).sorted()
    }
}

/// Root-namespace interfaces whose names start with `prefix` (there must never be any).
func rootInterfaces(withPrefix prefix: String) throws -> [String] {
    let links = try LabCommand.check(.ip, ["-o", "link", "show"]).standardOutput
    return links.split(separator: "\n").compactMap { line in
        let fields = line.split(separator: " ")
        guard fields.count > 1 else { return nil }
        let name = fields[1].split(separator: "@").first.map { String($0.trimmingCharacters(in: [":"])) } ?? ""
        return name.hasPrefix(prefix) ? name : nil
    }
}

/// True when a process with this id exists (a zombie counts as gone).
func processExists(_ pid: Int32) -> Bool {
    guard let status = FileManager.default.contents(atPath: "/proc/\(pid)/status") else { return false }
    return !String(decoding: status, as: UTF8.self).contains("State:\tZ")
}

struct ExpectedFailure: Error {}
