/// The absolute URLs a page points at that matter to an IPv6-only client: IPv4 literals (`http://203.0.113.5/`),
/// which no IPv6-only client can follow (DNS64 cannot help a literal), and the host names, which need an AAAA of
/// their own. Read from the body and the `Location` header (redirects). Pure and bounded: at most 64 of each.
public struct PageReferences: Sendable, Equatable {
    public var ipv4Literals: [String] = []
    public var hostNames: [String] = []

    public init(ipv4Literals: [String] = [], hostNames: [String] = []) {
        self.ipv4Literals = ipv4Literals; self.hostNames = hostNames
    }

    public init(_ response: HTTPResponse) {
        var text = String(decoding: response.body.prefix(1 << 20), as: UTF8.self)
        if let location = response.header("Location") { text = location + "\n" + text }
        self.init(text: text)
    }

    /// Scans `text` for `scheme://host` with scheme http, https, ws or wss (`//host` too: protocol-relative).
    public init(text: String) {
        let bytes = Array(text.utf8)
        var index = 0
        while index + 2 < bytes.count, ipv4Literals.count < 64, hostNames.count < 64 {
            guard bytes[index] == 0x2F, bytes[index + 1] == 0x2F, Self.schemeEnds(bytes, at: index) else { index += 1; continue }
            var end = index + 2
            while end < bytes.count, Self.isHostByte(bytes[end]) { end += 1 }
            let host = String(decoding: bytes[(index + 2)..<end], as: UTF8.self).lowercased()
            index = end
            guard !host.isEmpty else { continue }
            if IPv4Address(host) != nil {
                if !ipv4Literals.contains(host) { ipv4Literals.append(host) }
            } else if host.contains("."), DNSName(host) != nil, !hostNames.contains(host) {
                hostNames.append(host)
            }
        }
    }

    /// `//` preceded by `http:`, `https:`, `ws:`, `wss:`, or by a quote / `=` / `(` (protocol-relative).
    static func schemeEnds(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index > 0 else { return false }
        let before = bytes[index - 1]
        if before == 0x22 || before == 0x27 || before == 0x3D || before == 0x28 { return true }
        guard before == 0x3A else { return false }
        var start = index - 1
        while start > 0, (0x61...0x7A).contains(bytes[start - 1] | 0x20) { start -= 1 }
        let scheme = String(decoding: bytes[start..<(index - 1)], as: UTF8.self).lowercased()
        return ["http", "https", "ws", "wss"].contains(scheme)
    }

    static func isHostByte(_ b: UInt8) -> Bool {
        (0x30...0x39).contains(b) || (0x61...0x7A).contains(b | 0x20) || b == 0x2E || b == 0x2D
    }
}
