// libFuzzer harness: NmapXMLReader (nmap -oX files) over arbitrary bytes.
// Built by scripts/fuzz.sh NmapXML (see docs/fuzzing.md); not part of the SwiftPM package.
import V6Core

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? NmapXMLReader.parse(bytes, file: "nmap.xml")
    return 0
}
