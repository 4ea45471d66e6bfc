/// One port of one record whose state differs between IPv4 and IPv6 in the same run: the scan's
/// `{"type":"parity",...}` line (docs/scan-format.md).
public struct ParityLine: Sendable, Equatable {
    /// The inventory record (device or service id); nil for `probe --parity`.
    public var record: String?
    /// The name or address pair as the user gave it.
    public var target: String
    public var port: Int
    public var v4Address: IPAddress
    public var v6Address: IPAddress
    public var v4State: PortState
    public var v6State: PortState
    public var finding: ParityFindingCode

    public init(record: String?, target: String, port: Int, v4Address: IPAddress, v6Address: IPAddress,
                v4State: PortState, v6State: PortState) {
        self.record = record; self.target = target; self.port = port
        self.v4Address = v4Address; self.v6Address = v6Address; self.v4State = v4State; self.v6State = v6State
        finding = v6State == .open ? .ipv6Exposed : v4State == .open ? .ipv6Blocked : .filterDiffers
    }

    /// One sentence: what differs and what it means.
    public var message: String {
        let states = "port \(port) is \(v6State.rawValue) over IPv6 (\(v6Address)) but \(v4State.rawValue) over IPv4 (\(v4Address))"
        switch finding {
        case .ipv6Exposed: return states + ": the IPv4 firewall rule is not mirrored for IPv6"
        case .ipv6Blocked: return states + ": IPv6 clients cannot reach what IPv4 clients can"
        case .filterDiffers: return states + ": the two families' rules differ (drop against reset)"
        }
    }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.add("type", "parity")
        o.addIfPresent("record", record)
        o.add("target", target)
        o.add("port", port)
        o.add("v4_address", v4Address.description)
        o.add("v6_address", v6Address.description)
        o.add("v4", v4State.rawValue)
        o.add("v6", v6State.rawValue)
        o.add("finding", finding.rawValue)
        o.add("message", message)
        return o.value
    }

    public var jsonLine: String { JSONWriter.compact(json) }

    /// Reads a parity line back; nil when a field is missing or not one of its words. The finding is recomputed
    /// from the states, so a hand-edited line cannot disagree with itself.
    public init?(json value: JSONValue) {
        guard value["type"]?.stringValue == "parity", let target = value["target"]?.stringValue,
              let number = value["port"]?.doubleValue, (1...65535).contains(number), number == number.rounded(),
              let a4 = value["v4_address"]?.stringValue.flatMap(IPAddress.init), a4.family == .v4,
              let a6 = value["v6_address"]?.stringValue.flatMap(IPAddress.init), a6.family == .v6,
              let s4 = value["v4"]?.stringValue.flatMap(PortState.init(rawValue:)),
              let s6 = value["v6"]?.stringValue.flatMap(PortState.init(rawValue:)), s4 != s6 else { return nil }
        self.init(record: value["record"]?.stringValue, target: target, port: Int(number), v4Address: a4, v6Address: a6,
                  v4State: s4, v6State: s6)
    }
}
