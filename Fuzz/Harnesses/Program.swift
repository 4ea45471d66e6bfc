// libFuzzer harness: ProgramCodec.load (programs/*.json) over arbitrary bytes.
// Built by scripts/fuzz.sh Program (see docs/fuzzing.md); not part of the SwiftPM package.
import V6Core

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = ProgramCodec.load(bytes, file: "program.json")
    return 0
}
