// libFuzzer harness: InventoryLoader over arbitrary bytes as an agency file (with a fixed manifest) and as the manifest itself.
// Built by scripts/fuzz.sh Inventory (see docs/fuzzing.md); not part of the SwiftPM package.
import V6Core

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let manifest = Array(#"{"format":1,"name":"fuzz","agencies":["a"]}"#.utf8)
    _ = InventoryLoader.load([.init(path: "inventory.json", bytes: manifest), .init(path: "agencies/a.json", bytes: bytes)])
    _ = InventoryLoader.load([.init(path: "inventory.json", bytes: bytes)])
    if let parsed = try? JSONParser.parse(bytes) { _ = InventoryCodec.decodeCatalog(parsed.value, file: "catalog.json") }
    return 0
}
