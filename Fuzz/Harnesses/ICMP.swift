// libFuzzer harness: ICMPDecoder over arbitrary bytes as an IPv4 packet (with IP header) and as an ICMPv6 message.
// Built by scripts/fuzz.sh ICMP (see docs/fuzzing.md); not part of the SwiftPM package.
import V6Core

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = ICMPDecoder.decode(bytes, family: .v4, source: IPAddress("192.0.2.1")!)
    if bytes.count >= 20 {
        // Also with the source the header names, so the decoder gets past the source check.
        let source = IPAddress("\(bytes[12]).\(bytes[13]).\(bytes[14]).\(bytes[15])")!
        _ = ICMPDecoder.decode(bytes, family: .v4, source: source)
    }
    _ = ICMPDecoder.decode(bytes, family: .v6, source: IPAddress("2001:db8::1")!)
    return 0
}
