// libFuzzer harness: DHCPv6Decoder over arbitrary UDP payload bytes.
// Built by scripts/fuzz.sh DHCPv6 (see docs/fuzzing.md); not part of the SwiftPM package.
import V6Core

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = DHCPv6Decoder.decode(bytes)
    return 0
}
