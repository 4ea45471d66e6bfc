/// Which records answered a scan taken from an IPv6-only vantage (no IPv4 route, only DNS64/NAT64): those lines
/// carry `"vantage":"ipv6-only"` (docs/scan-format.md). Read beside `ScanData.parse`, from the same bytes, and
/// defensively: a line without the field, or one that does not parse, says nothing here.
public enum IPv6OnlyVantage {
    public static let word = "ipv6-only"

    /// Record id → the first line where it answered (reachable, or refused: the host is there) from that vantage.
    public static func verifiedRecords(in bytes: [UInt8]) -> [String: Int] {
        var found: [String: Int] = [:]
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        for (index, line) in body.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            guard line.count > 2, let value = try? JSONParser.parse(Array(line), recordLines: false).value,
                  value["vantage"]?.stringValue == word, let record = value["record"]?.stringValue else { continue }
            let status = value["status"]?.stringValue
            let answered = value["type"]?.stringValue == "service" ? value["verdict"]?.stringValue == "green"
                : status == "reachable" || status == "refused"
            guard answered else { continue }
            if found[record] == nil { found[record] = index + 1 }
        }
        return found
    }
}
