// A helper for V6SystemTests, not part of the product: it does the work the tests kill or compete with,
// in a separate process, so the tests exercise our own code under a real SIGKILL.
//
//   v6ready-testwriter write PATH BYTES FIRST_GENERATION
//       Replaces PATH with AtomicFile.write forever. Generation g is the 8-byte little-endian number g
//       repeated to fill BYTES (a multiple of 8), so a reader can tell a whole generation from a torn mix.
//       Exits when standard input reaches end of file.
//   v6ready-testwriter hold-lock PATH
//       Takes FileLock on PATH without waiting, prints "locked" (or "held" if someone else has it), and
//       holds it until standard input reaches end of file.
//   v6ready-testwriter drop-privileges
//       Opens a raw ICMP socket, calls Privileges.dropAll with this process's environment (the test sets
//       SUDO_UID/SUDO_GID or not), then prints one line: "uid=U gid=G sudo=BOOL capeff=HEX new-raw=RESULT
//       kept-raw=RESULT", where new-raw is what opening another raw socket gives now and kept-raw whether the
//       socket opened before the drop still gets an echo reply from 127.0.0.1 (loopback only).
import Foundation
import V6System

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("v6ready-testwriter: \(message)\n".utf8))
    exit(1)
}

func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

let arguments = CommandLine.arguments
switch arguments.dropFirst().first {
case "write":
    guard arguments.count == 5, let size = Int(arguments[3]), size > 0, size % 8 == 0,
          let first = UInt64(arguments[4])
    else { fail("usage: write PATH BYTES FIRST_GENERATION") }
    let path = arguments[2]
    // Stop when standard input closes, so a writer never outlives a test process that died.
    Thread.detachNewThread {
        while readLine() != nil {}
        exit(0)
    }
    var generation = first
    while true {
        let words = [UInt64](repeating: generation.littleEndian, count: size / 8)
        let payload = words.withUnsafeBytes { Array($0) }
        do {
            try AtomicFile.write(payload, to: path)
        } catch {
            fail("\(error)")
        }
        generation += 1
    }
case "hold-lock":
    guard arguments.count == 3 else { fail("usage: hold-lock PATH") }
    let lock: FileLock
    do {
        lock = try FileLock.acquire(path: arguments[2], wait: false)
    } catch LockError.held {
        say("held")
        exit(0)
    } catch {
        fail("\(error)")
    }
    say("locked")
    while readLine() != nil {}
    do { try lock.release() } catch { fail("\(error)") }
case "drop-privileges":
    do {
        let kept = try Socket(.ipv4, .raw, protocol: .icmp)
        let outcome = try Privileges.dropAll(environment: ProcessInfo.processInfo.environment)
        let effective = try CapabilitySet.effective()
        var newRaw = "ok"
        do {
            _ = try Socket(.ipv4, .raw, protocol: .icmp)
        } catch {
            newRaw = error.errno == .notPermitted ? "EPERM" : "\(error)"
        }
        let keptRaw = try echoReplyArrives(on: kept) ? "ok" : "no-reply"
        say("uid=\(outcome.userID) gid=\(outcome.groupID) sudo=\(outcome.becameSudoUser) capeff=\(effective) "
            + "new-raw=\(newRaw) kept-raw=\(keptRaw)")
    } catch {
        fail("\(error)")
    }
default:
    fail("usage: v6ready-testwriter write PATH BYTES FIRST_GENERATION | hold-lock PATH | drop-privileges")
}

/// Sends one ICMP echo request to 127.0.0.1 on `socket` and waits up to a second for the matching reply.
func echoReplyArrives(on socket: Socket) throws -> Bool {
    let identifier = UInt16(truncatingIfNeeded: ProcessInfo.processInfo.processIdentifier)
    var packet: [UInt8] = [8, 0, 0, 0, UInt8(identifier >> 8), UInt8(identifier & 0xFF), 0, 1]
    packet += Array("v6ready".utf8)
    var sum: UInt32 = 0
    for index in stride(from: 0, to: packet.count, by: 2) {
        sum += UInt32(packet[index]) << 8 | UInt32(index + 1 < packet.count ? packet[index + 1] : 0)
    }
    while sum > 0xFFFF { sum = (sum & 0xFFFF) + (sum >> 16) }
    let checksum = ~UInt16(sum)
    packet[2] = UInt8(checksum >> 8)
    packet[3] = UInt8(checksum & 0xFF)
    try socket.setICMPv4Filter(passing: [0])
    _ = try socket.send(packet, to: .ipv4Loopback(port: 0))
    let epoll = try Epoll()
    try epoll.add(socket.descriptor.rawValue, events: .readable, token: 1)
    var buffer = [UInt8](repeating: 0, count: 1500)
    let deadline = SystemClock.monotonicNanoseconds() + 1_000_000_000
    while SystemClock.monotonicNanoseconds() < deadline {
        _ = try epoll.wait(timeoutMilliseconds: 100)
        let result = try buffer.withUnsafeMutableBytes { raw in
            Result { () throws(SystemError) in try socket.receiveMessage(into: raw) }
        }.get()
        guard case .processed(let message) = result else { continue }
        let header = Int(buffer[0] & 0x0F) * 4
        if message.count >= header + 8, buffer[header] == 0,
           buffer[header + 4] == UInt8(identifier >> 8), buffer[header + 5] == UInt8(identifier & 0xFF) {
            return true
        }
    }
    return false
}
