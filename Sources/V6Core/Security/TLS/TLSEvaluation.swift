/// Judges the TLS handshakes with a service's addresses: findings, the sub-checks that join the web verdict, and the
/// `{"type":"tls",...}` line. Pure: the scan's time comes in as `now`.
public struct TLSEvaluation: Sendable, Equatable {
    public var record: String?
    public var target: String
    /// The host name certificates must cover; nil when the service has no name (addresses only).
    public var name: String?
    public var port: Int
    public var now: CertificateTime
    public var observations: [TLSAddressObservation]
    /// Certificates parsed from each address's leaf (or why the DER could not be read).
    public var certificates: [IPAddress: Result<X509Certificate, X509Error>]
    public private(set) var findings: [TLSFinding] = []
    public private(set) var checks: [ServiceCheck] = []

    /// Certificates expiring within this many days of the scan are a finding.
    public static let expiryWarningDays = 30

    public init(record: String?, target: String, name: String?, port: Int = 443, now: CertificateTime,
                observations: [TLSAddressObservation]) {
        self.record = record; self.target = target; self.name = name; self.port = port; self.now = now
        self.observations = observations
        var parsed: [IPAddress: Result<X509Certificate, X509Error>] = [:]
        for observation in observations {
            if let der = observation.leafDER {
                parsed[observation.address] = Result { () throws(X509Error) in try X509Certificate(der: der) }
            }
        }
        certificates = parsed
        judge()
    }

    /// Did any address complete a ServerHello? Without one, port 443 does not speak TLS here and there are no
    /// sub-checks (the tls line still says what happened).
    public var anyHandshake: Bool { observations.contains { $0.handshakeWorked } }

    private mutating func judge() {
        guard anyHandshake else { return }
        let v4 = observations.filter { $0.address.family == .v4 }, v6 = observations.filter { $0.address.family == .v6 }
        let v4Works = v4.contains { $0.handshakeWorked }
        for observation in v6 {
            let check = "tls-v6"
            if observation.handshakeWorked {
                checks.append(ServiceCheck(check, .pass, "TLS handshake over IPv6: \(observation.offered.summary)", address: observation.address))
            } else if v4Works {
                let message = "the TLS handshake fails over IPv6 (\(observation.offered.summary)) while it works over IPv4"
                findings.append(TLSFinding(.ipv6HandshakeFails, message, address: observation.address))
                checks.append(ServiceCheck(check, .fail, message, address: observation.address))
            } else {
                checks.append(ServiceCheck(check, .notTestable, "no TLS over IPv6 or IPv4: \(observation.offered.summary)",
                                           address: observation.address))
            }
        }
        compareCertificates()
        judgeNamesAndValidity()
    }

    private mutating func compareCertificates() {
        let shown = observations.compactMap { o -> (IPAddress, X509Certificate)? in
            if case .success(let certificate)? = certificates[o.address] { (o.address, certificate) } else { nil }
        }
        let hidden = observations.filter { $0.onlyTLS13 }
        for observation in hidden {
            findings.append(TLSFinding(.certificateNotCompared, "only TLS 1.3 answers at \(observation.address), so its certificate "
                                       + "is encrypted and not compared", address: observation.address))
        }
        let fingerprints = Set(shown.map(\.1.fingerprint))
        let families = Set(shown.map(\.0.family))
        if fingerprints.count > 1 {
            let list = shown.map { "\($0.0) \($0.1.fingerprint.prefix(16))… (\($0.1.subject))" }.joined(separator: "; ")
            let message = "different certificates per " + (families.count > 1 ? "family" : "address") + ": " + list
            findings.append(TLSFinding(.certificateDiffers, message))
            checks.append(ServiceCheck("tls-same-certificate", .fail, message))
        } else if families.count == 2 {
            checks.append(ServiceCheck("tls-same-certificate", .pass,
                                       "the same certificate over IPv4 and IPv6 (SHA-256 \(shown[0].1.fingerprint.prefix(16))…)"))
        } else if !hidden.isEmpty {
            checks.append(ServiceCheck("tls-same-certificate", .notTestable,
                                       "only TLS 1.3 answers (at \(hidden.map(\.address.description).joined(separator: ", "))): "
                                       + "the certificate is encrypted, so it is not compared"))
        } else if observations.contains(where: { $0.handshakeWorked }) && Set(observations.map(\.address.family)).count == 2 {
            let why = observations.compactMap { o -> String? in
                if case .failure(let error)? = certificates[o.address] { "\(o.address): \(error)" } else { nil }
            }.first ?? "a certificate was seen over one family only"
            checks.append(ServiceCheck("tls-same-certificate", .notTestable, "not compared: \(why)"))
        }
    }

    private mutating func judgeNamesAndValidity() {
        var seen = Set<String>()
        for observation in observations {
            guard case .success(let certificate)? = certificates[observation.address],
                  seen.insert(certificate.fingerprint).inserted else { continue }
            let address = observation.address
            if let name {
                if certificate.covers(name) {
                    checks.append(ServiceCheck("tls-name", .pass, "the certificate covers \(name)", address: address))
                } else {
                    let message = "the certificate at \(address) is for \(certificate.names.joined(separator: ", ")), not \(name)"
                    findings.append(TLSFinding(.nameNotCovered, message, address: address))
                    checks.append(ServiceCheck("tls-name", .fail, message, address: address))
                }
            }
            let days = (certificate.notAfter.secondsSince1970 - now.secondsSince1970) / 86_400
            if certificate.notAfter < now {
                let message = "the certificate at \(address) expired on \(certificate.notAfter)"
                findings.append(TLSFinding(.certificateExpired, message, address: address))
                checks.append(ServiceCheck("tls-validity", .fail, message, address: address))
            } else if now < certificate.notBefore {
                let message = "the certificate at \(address) is not valid before \(certificate.notBefore)"
                findings.append(TLSFinding(.certificateExpired, message, address: address))
                checks.append(ServiceCheck("tls-validity", .fail, message, address: address))
            } else if days < Int64(Self.expiryWarningDays) {
                let message = "the certificate at \(address) expires on \(certificate.notAfter), in \(days) days"
                findings.append(TLSFinding(.certificateExpiring, message, address: address))
                checks.append(ServiceCheck("tls-validity", .fail, message, address: address))
            } else {
                checks.append(ServiceCheck("tls-validity", .pass, "valid until \(certificate.notAfter) (\(days) days)", address: address))
            }
        }
    }

    // MARK: - The scan line

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.add("type", "tls")
        o.addIfPresent("record", record)
        o.add("target", target)
        o.addIfPresent("name", name)
        o.add("port", port)
        o.add("checked_at", now.iso8601)
        o.add("addresses", .array(observations.map(addressJSON)))
        o.add("findings", .array(findings.map(\.json)))
        return o.value
    }

    public var jsonLine: String { JSONWriter.compact(json) }

    func addressJSON(_ observation: TLSAddressObservation) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("address", observation.address.description)
        o.add("family", observation.address.family == .v4 ? 4 : 6)
        Self.add(observation.offered, to: &o)
        if let tls12 = observation.tls12 {
            var x = JSONObjectBuilder()
            Self.add(tls12, to: &x)
            o.add("tls12", x.value)
        }
        switch certificates[observation.address] {
        case .success(let c)?:
            var x = JSONObjectBuilder()
            x.add("sha256", c.fingerprint)
            x.add("subject", c.subject)
            x.add("names", strings: c.dnsNames)
            x.add("issuer", c.issuer)
            x.add("not_before", c.notBefore.iso8601)
            x.add("not_after", c.notAfter.iso8601)
            o.add("certificate", x.value)
        case .failure(let error)?:
            o.add("certificate_error", error.message)
        case nil:
            break
        }
        return o.value
    }

    static func add(_ attempt: TLSAttempt, to o: inout JSONObjectBuilder) {
        switch attempt {
        case .hello(let hello, _):
            o.add("status", hello.isHelloRetryRequest ? "retry" : "handshake")
            o.add("version", TLSNames.version(hello.version))
            o.add("cipher", TLSNames.cipherSuite(hello.cipherSuite))
        case .alert(let alert):
            o.add("status", "alert")
            o.add("error", alert.description)
        case .failed(let why):
            o.add("status", "failed")
            o.add("error", why)
        }
    }
}

/// A tls line read back from a scan: whose, and what was found (docs/scan-format.md).
public struct ScanTLSLine: Sendable, Equatable {
    public var line: Int
    public var record: String?
    public var target: String
    public var findings: [TLSFinding]

    public init(line: Int, record: String?, target: String, findings: [TLSFinding]) {
        self.line = line; self.record = record; self.target = target; self.findings = findings
    }

    init?(line: Int, json value: JSONValue) {
        guard value["type"]?.stringValue == "tls", let target = value["target"]?.stringValue,
              let findings = value["findings"]?.arrayValue else { return nil }
        self.init(line: line, record: value["record"]?.stringValue, target: target,
                  findings: findings.compactMap(TLSFinding.init(json:)))
    }
}
