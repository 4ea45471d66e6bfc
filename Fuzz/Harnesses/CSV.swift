// libFuzzer harness: CSV.parse over arbitrary bytes; rows that parse must format and parse back to the same fields.
// Built by scripts/fuzz.sh CSV (see docs/fuzzing.md); not part of the SwiftPM package.
import V6Core

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let rows = try? CSV.parse(bytes), let header = rows.first else { return 0 }
    // Only comma files round-trip through the comma writer; semicolon files are read, never written.
    guard CSV.separator(ofHeaderIn: bytes[...]) == "," else { return 0 }
    let written = CSV.format(header: header.fields, rows: rows.dropFirst().map(\.fields), byteOrderMark: false)
    let again = try? CSV.parse(written)
    precondition(again?.map(\.fields) == rows.map(\.fields), "CSV written by CSV.format does not parse back to the same fields")
    return 0
}
