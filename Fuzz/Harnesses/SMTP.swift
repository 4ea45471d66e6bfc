// libFuzzer harness: SMTPGreetingReader over arbitrary bytes, fed whole and byte by byte.
// Built by scripts/fuzz.sh SMTP (see docs/fuzzing.md); not part of the SwiftPM package.
import V6Core

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var whole = SMTPGreetingReader()
    _ = try? whole.append(bytes)
    var bytewise = SMTPGreetingReader()
    for b in bytes { do { _ = try bytewise.append([b]) } catch { break } }
    return 0
}
