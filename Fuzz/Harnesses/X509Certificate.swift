// libFuzzer harness: X509Certificate (DER: names, subjectAltName, UTCTime/GeneralizedTime) over arbitrary bytes,
// and the name check on what it parses.
// Built by scripts/fuzz.sh X509Certificate (see docs/fuzzing.md); not part of the SwiftPM package.
import V6Core

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let certificate = try? X509Certificate(der: bytes) {
        _ = certificate.covers("portal.vidu.example")
        _ = certificate.notAfter.iso8601
    }
    return 0
}
