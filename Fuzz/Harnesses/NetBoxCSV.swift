// libFuzzer harness: NetBoxReader over arbitrary bytes as a NetBox CSV file (kind by the first byte), then the import.
// Built by scripts/fuzz.sh NetBoxCSV (see docs/fuzzing.md); not part of the SwiftPM package.
import V6Core

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let names = ["devices.csv", "ip-addresses.csv", "prefixes.csv", "services.csv", "tenants.csv", "sites.csv", "vlans.csv", "x.csv"]
    let name = names[Int(bytes.first ?? 0) % names.count]
    if case .success(let netbox) = NetBoxReader.read(bytes, name: name) {
        _ = NetBoxImport.apply(netbox, to: InventorySkeleton.make(name: "fuzz", agencyID: "a", agencyName: "A"), defaultAgency: "a")
    }
    return 0
}
