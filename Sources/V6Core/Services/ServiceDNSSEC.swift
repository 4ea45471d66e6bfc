/// The DNSSEC part of a service line: `"dnssec":{"status":"bogus","reason":"expired","zone":"...","detail":"..."}`,
/// so reports and policy rules read the state without parsing the sub-check's sentence.
public struct ServiceDNSSEC: Sendable, Equatable {
    public var status: DNSSECVerdict.Status
    public var reason: DNSSECVerdict.Reason?
    public var zone: String?
    public var detail: String

    public init(status: DNSSECVerdict.Status, reason: DNSSECVerdict.Reason? = nil, zone: String? = nil, detail: String) {
        self.status = status
        self.reason = reason
        self.zone = zone
        self.detail = detail
    }

    public init(_ verdict: DNSSECVerdict) {
        self.init(status: verdict.status, reason: verdict.reason, zone: verdict.zone?.description, detail: verdict.detail)
    }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.add("status", status.rawValue)
        o.addIfPresent("reason", reason?.rawValue)
        o.addIfPresent("zone", zone)
        o.add("detail", detail)
        return o.value
    }

    public init?(json value: JSONValue) {
        guard let status = value["status"]?.stringValue.flatMap(DNSSECVerdict.Status.init(rawValue:)) else { return nil }
        self.init(status: status, reason: value["reason"]?.stringValue.flatMap(DNSSECVerdict.Reason.init(rawValue:)),
                  zone: value["zone"]?.stringValue, detail: value["detail"]?.stringValue ?? "")
    }
}
