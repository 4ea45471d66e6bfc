// libFuzzer harness: DNSMessageDecoder over arbitrary bytes (a UDP payload or a TCP-framed message body).
// Built by scripts/fuzz.sh DNSMessage (see docs/fuzzing.md); not part of the SwiftPM package.
import V6Core

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? DNSMessageDecoder.decode(bytes)
    _ = try? DNSMessageDecoder.decode(bytes, allowingTrailingBytes: true)
    return 0
}
