// libFuzzer harness: InventoryCSV.read (inventory import) over arbitrary bytes, both kinds and detection.
// Built by scripts/fuzz.sh InventoryCSV (see docs/fuzzing.md); not part of the SwiftPM package.
import V6Core

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = InventoryCSV.read(bytes, kind: nil, file: "fuzz.csv")
    _ = InventoryCSV.read(bytes, kind: .devices, file: "fuzz.csv")
    _ = InventoryCSV.read(bytes, kind: .services, file: "fuzz.csv")
    return 0
}
