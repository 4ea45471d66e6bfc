// libFuzzer harness: ScanData.parse (scan JSON Lines) over arbitrary bytes, then its index.
// Built by scripts/fuzz.sh ScanJSONL (see docs/fuzzing.md); not part of the SwiftPM package.
import V6Core

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if case .success(let scan) = ScanData.parse(bytes, name: "scan-20260101T000000Z.jsonl") { _ = scan.index() }
    return 0
}
