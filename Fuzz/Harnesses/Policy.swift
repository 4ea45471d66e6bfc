// libFuzzer harness: PolicyCodec.load over arbitrary bytes, without and with a context to check names against.
// Built by scripts/fuzz.sh Policy (see docs/fuzzing.md); not part of the SwiftPM package.
import V6Core

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = PolicyCodec.load(bytes, file: "policy.json")
    _ = PolicyCodec.load(bytes, file: "policy.json", context: .init(agencies: ["a"], sites: ["s"], categories: ["web"]))
    return 0
}
