// libFuzzer harness: HTTPResponseReader over arbitrary bytes, fed whole and in two pieces (as reads split them).
// Built by scripts/fuzz.sh HTTP (see docs/fuzzing.md); not part of the SwiftPM package.
import V6Core

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var whole = HTTPResponseReader(maximumHeaderBytes: 4096, maximumBodyBytes: 65536)
    do { try whole.append(bytes); _ = try whole.finish() } catch {}
    var split = HTTPResponseReader(maximumHeaderBytes: 4096, maximumBodyBytes: 65536)
    let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    do { try split.append(bytes[..<cut]); try split.append(bytes[cut...]); _ = try split.finish() } catch {}
    return 0
}
