import Foundation

/// The kernel's neighbour caches: hosts this machine has talked to on a link, IPv4 from `/proc/net/arp` and IPv6
/// from `ip -6 neigh show dev IFACE` (run with a fixed argument vector; the interface name is checked first).
public enum NeighbourTable {
    /// Why the table could not be read.
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Interface names as Linux allows them (at most 15 characters, no '/', no spaces).
    public static func isValidInterfaceName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 15 && name.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E || b == 0x40
        }
    }

    /// IPv4 neighbours on `interface` as dotted-quad text (complete entries only).
    public static func ipv4(interface: String) throws(ReadError) -> [String] {
        guard let text = try? String(contentsOfFile: "/proc/net/arp", encoding: .utf8) else {
            throw ReadError(description: "cannot read /proc/net/arp")
        }
        // IP address  HW type  Flags  HW address  Mask  Device
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[5] == interface, fields[2] != "0x0" else { return nil }
            return String(fields[0])
        }
    }

    /// One neighbour cache entry with what the kernel knows of it.
    public struct Entry: Sendable, Equatable {
        /// The address as text, e.g. `fe80::1`, `198.18.1.5`.
        public var address: String
        /// The link-layer address as `ip` prints it (`be:2a:65:72:44:4c`), when known.
        public var linkLayerAddress: String?
        /// The kernel saw it act as a router (`ip -6 neigh` shows `router`).
        public var isRouter: Bool
        /// REACHABLE, STALE, DELAY, PROBE, PERMANENT, NOARP.
        public var state: String
    }

    /// Parses `ip -6 neigh show dev IFACE` output: `ADDR lladdr MAC [router] STATE`, skipping FAILED and INCOMPLETE.
    public static func parseIPNeighbourOutput(_ text: String) -> [Entry] {
        text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ").map(String.init)
            guard let address = fields.first, let state = fields.last, state != "FAILED", state != "INCOMPLETE" else { return nil }
            let mac = fields.firstIndex(of: "lladdr").flatMap { $0 + 1 < fields.count ? fields[$0 + 1] : nil }
            return Entry(address: address, linkLayerAddress: mac, isRouter: fields.contains("router"), state: state)
        }
    }

    /// IPv6 neighbour entries on `interface`, with link-layer addresses and router flags.
    public static func ipv6Entries(interface: String) throws(ReadError) -> [Entry] {
        parseIPNeighbourOutput(try ipNeighbourOutput(interface: interface))
    }

    /// IPv4 neighbour entries on `interface` (`/proc/net/arp`: complete ones only), with link-layer addresses.
    public static func ipv4Entries(interface: String) throws(ReadError) -> [Entry] {
        guard let text = try? String(contentsOfFile: "/proc/net/arp", encoding: .utf8) else {
            throw ReadError(description: "cannot read /proc/net/arp")
        }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[5] == interface, fields[2] != "0x0" else { return nil }
            return Entry(address: String(fields[0]), linkLayerAddress: String(fields[3]), isRouter: false, state: "REACHABLE")
        }
    }

    /// IPv6 neighbours on `interface` as text (entries that are not FAILED or INCOMPLETE).
    public static func ipv6(interface: String) throws(ReadError) -> [String] {
        parseIPNeighbourOutput(try ipNeighbourOutput(interface: interface)).map(\.address)
    }

    private static func ipNeighbourOutput(interface: String) throws(ReadError) -> String {
        guard isValidInterfaceName(interface) else { throw ReadError(description: "\"\(interface)\" is not an interface name") }
        guard let ip = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ReadError(description: "the ip command (iproute2) is not installed")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ip)
        process.arguments = ["-6", "neigh", "show", "dev", interface]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw ReadError(description: "cannot run ip: \(error)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ReadError(description: "ip -6 neigh show dev \(interface) failed (no such interface?)") }
        return String(decoding: data, as: UTF8.self)
    }
}
