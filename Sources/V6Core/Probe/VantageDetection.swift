/// Deciding whether a namespace is an IPv6-only vantage from its IPv4 routing table (`/proc/net/route`, which
/// shows the main table of the reader's namespace). A namespace with no IPv4 route outside loopback cannot send an
/// IPv4 packet anywhere — it has no IPv4 address on a link, or none with a route — so it is IPv6-only.
public enum VantageDetection {
    /// The IPv4 routes of `/proc/net/route` text, as `interface destination/length` (loopback ignored).
    public static func ipv4Routes(procNetRoute text: String) -> [String] {
        var routes: [String] = []
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
            guard fields.count >= 8, fields[0] != "lo",
                  let destination = UInt32(fields[1], radix: 16), let mask = UInt32(fields[7], radix: 16) else { continue }
            // The file writes addresses in host (little-endian) byte order.
            let address = IPv4Address(destination.byteSwapped)
            routes.append("\(fields[0]) \(address)/\(mask.nonzeroBitCount)")
        }
        return routes
    }

    /// IPv6-only when there is no IPv4 route at all; dual-stack otherwise.
    public static func vantage(procNetRoute text: String) -> ScanVantage {
        ipv4Routes(procNetRoute: text).isEmpty ? .ipv6Only : .dualStack
    }
}
