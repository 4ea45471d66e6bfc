/// What the TLS comparison of the two families can find.
public enum TLSFindingCode: String, Sendable, CaseIterable {
    /// The handshake works over IPv4 and fails over IPv6.
    case ipv6HandshakeFails = "tls-ipv6-fails"
    /// The two families (or two addresses) present different certificates.
    case certificateDiffers = "certificate-differs"
    /// The certificate does not name the service's host name.
    case nameNotCovered = "name-not-covered"
    case certificateExpired = "certificate-expired"
    /// Expires within `TLSEvaluation.expiryWarningDays` of the scan.
    case certificateExpiring = "certificate-expiring"
    /// Only TLS 1.3 answers, so the certificate is encrypted and not compared (a note, not a fault).
    case certificateNotCompared = "certificate-not-compared"
}

/// One TLS finding and the sentence that explains it.
public struct TLSFinding: Sendable, Equatable {
    public var code: TLSFindingCode
    public var address: IPAddress?
    public var message: String

    public init(_ code: TLSFindingCode, _ message: String, address: IPAddress? = nil) {
        self.code = code; self.message = message; self.address = address
    }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.add("code", code.rawValue)
        if let address { o.add("address", address.description) }
        o.add("message", message)
        return o.value
    }

    init?(json value: JSONValue) {
        guard let code = value["code"]?.stringValue.flatMap(TLSFindingCode.init(rawValue:)),
              let message = value["message"]?.stringValue else { return nil }
        self.init(code, message, address: value["address"]?.stringValue.flatMap(IPAddress.init))
    }
}
