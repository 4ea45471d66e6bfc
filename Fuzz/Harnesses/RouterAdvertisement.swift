// libFuzzer harness: RouterAdvertisementDecoder over arbitrary ICMPv6 message bytes.
// Built by scripts/fuzz.sh RouterAdvertisement (see docs/fuzzing.md); not part of the SwiftPM package.
import V6Core

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = RouterAdvertisementDecoder.decode(bytes)
    return 0
}
