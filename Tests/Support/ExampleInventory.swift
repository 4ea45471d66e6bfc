import Foundation
import V6Core

/// The repository's example inventory (`inventories/example`), loaded as the CLI loads it, for tests of the lab
/// that stands in for it. Found through this file's own path, so it works from any working directory.
public func exampleInventory() throws -> Inventory {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("inventories/example")
    var files: [InventoryLoader.SourceFile] = []
    let manifest = try Data(contentsOf: root.appendingPathComponent("inventory.json"))
    files.append(InventoryLoader.SourceFile(path: "inventory.json", bytes: Array(manifest)))
    let agencies = root.appendingPathComponent("agencies")
    for name in try FileManager.default.contentsOfDirectory(atPath: agencies.path).sorted() where name.hasSuffix(".json") {
        let bytes = try Data(contentsOf: agencies.appendingPathComponent(name))
        files.append(InventoryLoader.SourceFile(path: "agencies/" + name, bytes: Array(bytes)))
    }
    return try InventoryLoader.load(files).get()
}
