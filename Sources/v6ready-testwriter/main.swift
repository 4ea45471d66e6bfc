// A helper for V6SystemTests, not part of the product: it does the work the tests kill or compete with,
// in a separate process, so the tests exercise our own code under a real SIGKILL.
//
//   v6ready-testwriter write PATH BYTES FIRST_GENERATION
//       Replaces PATH with AtomicFile.write forever. Generation g is the 8-byte little-endian number g
//       repeated to fill BYTES (a multiple of 8), so a reader can tell a whole generation from a torn mix.
//   v6ready-testwriter hold-lock PATH
//       Takes FileLock on PATH without waiting, prints "locked" (or "held" if someone else has it), and
//       holds it until standard input reaches end of file.
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
default:
    fail("usage: v6ready-testwriter write PATH BYTES FIRST_GENERATION | hold-lock PATH")
}
