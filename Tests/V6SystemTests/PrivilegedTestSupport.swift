import Foundation
import Testing
import V6System

/// What the privileged tests need, checked once; a test that lacks it is skipped with the reason shown.
enum Privilege {
    static let effective = (try? CapabilitySet.effective()) ?? []

    /// Raw ICMP sockets: root with CAP_NET_RAW.
    static let rawSockets = currentUserIsRoot && effective.contains(.netRaw)

    /// Dropping to another user: root with CAP_SETUID and CAP_SETGID (and raw sockets, which the helper opens).
    static let userSwitch = rawSockets && effective.isSuperset(of: [.setUserID, .setGroupID])

    /// `ip netns add` and setns: CAP_SYS_ADMIN and the iproute2 `ip` program.
    static let namespaces = currentUserIsRoot && effective.contains(.sysAdmin) && ipProgram != nil

    static let ipProgram = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Runs `ip ARGUMENTS` and fails the test if it does not succeed.
func runIP(_ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(Privilege.ipProgram))
    process.arguments = arguments
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "ip \(arguments.joined(separator: " ")) failed")
}

/// An ICMP or ICMPv6 echo message: type, code 0, checksum, identifier, sequence, payload. The checksum is
/// filled in (the kernel recomputes it for ICMPv6 anyway).
func echoMessage(type: UInt8, identifier: UInt16, sequence: UInt16, payload: [UInt8]) -> [UInt8] {
    var packet: [UInt8] = [type, 0, 0, 0, UInt8(identifier >> 8), UInt8(identifier & 0xFF),
                           UInt8(sequence >> 8), UInt8(sequence & 0xFF)] + payload
    var sum: UInt32 = 0
    for index in stride(from: 0, to: packet.count, by: 2) {
        sum += UInt32(packet[index]) << 8 | UInt32(index + 1 < packet.count ? packet[index + 1] : 0)
    }
    while sum > 0xFFFF { sum = (sum & 0xFFFF) + (sum >> 16) }
    let checksum = ~UInt16(sum)
    packet[2] = UInt8(checksum >> 8)
    packet[3] = UInt8(checksum & 0xFF)
    return packet
}
