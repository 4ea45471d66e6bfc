// libFuzzer harness: TLSServerFlight (records, fragmented handshake messages, ServerHello, Certificate, alerts)
// over arbitrary server bytes, fed whole and then in two pieces split at the first byte's value, and every
// certificate it yields through X509Certificate.
// Built by scripts/fuzz.sh TLSHandshake (see docs/fuzzing.md); not part of the SwiftPM package.
import V6Core

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var whole = TLSServerFlight()
    try? whole.append(bytes)
    for der in whole.certificates { _ = try? X509Certificate(der: der) }
    if let first = bytes.first {
        let split = min(Int(first), bytes.count)
        var pieces = TLSServerFlight()
        try? pieces.append(Array(bytes[..<split]))
        try? pieces.append(Array(bytes[split...]))
    }
    return 0
}
