// libFuzzer harness: JSONParser over arbitrary bytes; what parses must be written, parsed back and written again to the same text.
// Built by scripts/fuzz.sh JSON (see docs/fuzzing.md); not part of the SwiftPM package.
import V6Core

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let parsed = try? JSONParser.parse(bytes) else { return 0 }
    let written = JSONWriter.pretty(parsed.value)
    // Non-finite numbers (1e999) are written as null, so compare the second writing with the first.
    guard let again = try? JSONParser.parse(written) else { preconditionFailure("JSONWriter wrote JSON the parser refuses") }
    precondition(JSONWriter.pretty(again.value) == written, "JSON written by JSONWriter does not read back the same")
    return 0
}
