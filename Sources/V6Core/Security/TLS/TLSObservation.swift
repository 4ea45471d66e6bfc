/// How one ClientHello to one address ended.
public enum TLSAttempt: Sendable, Equatable {
    /// A ServerHello came; under TLS 1.2 the chain too (DER, leaf first).
    case hello(TLSServerHello, certificates: [[UInt8]])
    /// The server refused with an alert before (or instead of) a ServerHello.
    case alert(TLSAlert)
    /// No TLS: no connection, silence, a reset, or bytes that are not TLS.
    case failed(String)

    public var serverHello: TLSServerHello? {
        if case .hello(let hello, _) = self { hello } else { nil }
    }

    public var certificates: [[UInt8]] {
        if case .hello(_, let chain) = self { chain } else { [] }
    }

    /// `TLS 1.3, TLS_AES_256_GCM_SHA384` or why it failed.
    public var summary: String {
        switch self {
        case .hello(let hello, _):
            hello.isHelloRetryRequest ? "\(TLSNames.version(hello.version)) (HelloRetryRequest)"
                : "\(TLSNames.version(hello.version)), \(TLSNames.cipherSuite(hello.cipherSuite))"
        case .alert(let alert): "refused: \(alert)"
        case .failed(let why): why
        }
    }
}

/// The TLS handshakes with one address of a service: the hello offering 1.2 and 1.3, and when the server chose 1.3,
/// a second hello offering 1.2 only, to see the certificate in clear.
public struct TLSAddressObservation: Sendable, Equatable {
    public var address: IPAddress
    public var port: Int
    public var offered: TLSAttempt
    /// The TLS 1.2-only attempt, made when `offered` negotiated TLS 1.3.
    public var tls12: TLSAttempt?

    public init(address: IPAddress, port: Int, offered: TLSAttempt, tls12: TLSAttempt? = nil) {
        self.address = address; self.port = port; self.offered = offered; self.tls12 = tls12
    }

    public var handshakeWorked: Bool { offered.serverHello != nil }

    /// The leaf certificate's DER, from whichever attempt showed it.
    public var leafDER: [UInt8]? {
        (offered.certificates.first ?? tls12?.certificates.first)
    }

    /// Answers TLS 1.3 and refuses TLS 1.2: its certificate is never in clear.
    public var onlyTLS13: Bool {
        guard offered.serverHello?.version == 0x0304, let tls12 else { return false }
        return tls12.serverHello == nil
    }
}
