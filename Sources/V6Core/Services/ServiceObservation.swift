/// Everything the network said about one service, gathered by V6Services and judged by `ServiceEvaluator`.
/// Pure data: tests build observations by hand to pin every verdict without a network.
public struct ServiceObservation: Sendable, Equatable {
    public var mode: ServiceMode
    /// The hosts behind the service: the site itself; the MX hosts of a mail domain (by preference); the NS hosts of a
    /// zone; the server itself.
    public var hosts: [HostAddresses]
    /// Why the service is absent on purpose (a null MX, a name with no address at all), which makes it gray.
    public var absence: String?
    /// How the MX or NS set was found, or why it was not (mail-domain and dns-zone only).
    public var delegation: DelegationLookup?
    /// Addresses deliberately not probed, with the reason (outside the inventory's scope, no route from here).
    public var notProbed: [IPAddress: String]
    public var connects: [ConnectObservation]
    public var fetches: [FetchObservation]
    public var greetings: [GreetingObservation]
    public var pointers: [PointerObservation]
    public var dnsAnswers: [DNSServerObservation]
    public var pmtu: PMTUFindings
    public var happyEyeballs: HappyEyeballsObservation?
    /// TLS handshakes on 443 with each address (web), and when they were made (certificate validity counts from then).
    public var tls: [TLSAddressObservation] = []
    public var tlsCheckedAt: CertificateTime?
    /// From an IPv6-only vantage: the host names the fetched pages refer to, with their AAAA lookups.
    public var referencedHosts: [HostAddresses] = []
    /// The DNSSEC validation of the name (web) or zone (dns); nil when DNSSEC was not asked for.
    public var dnssec: DNSSECVerdict?

    public init(mode: ServiceMode, hosts: [HostAddresses], absence: String? = nil, delegation: DelegationLookup? = nil,
                notProbed: [IPAddress: String] = [:], connects: [ConnectObservation] = [],
                fetches: [FetchObservation] = [], greetings: [GreetingObservation] = [],
                pointers: [PointerObservation] = [], dnsAnswers: [DNSServerObservation] = [],
                pmtu: PMTUFindings = .unavailable("not probed"), happyEyeballs: HappyEyeballsObservation? = nil) {
        self.mode = mode
        self.hosts = hosts
        self.absence = absence
        self.delegation = delegation
        self.notProbed = notProbed
        self.connects = connects
        self.fetches = fetches
        self.greetings = greetings
        self.pointers = pointers
        self.dnsAnswers = dnsAnswers
        self.pmtu = pmtu
        self.happyEyeballs = happyEyeballs
    }

    /// Every distinct address of one family over all hosts, in host order.
    public func addresses(_ family: AddressFamily) -> [IPAddress] {
        var result: [IPAddress] = []
        for host in hosts {
            for address in (family == .v4 ? host.v4 : host.v6).addresses where !result.contains(address) {
                result.append(address)
            }
        }
        return result
    }
}

/// Where a host's addresses came from.
public enum AddressSource: Sendable, Equatable {
    /// A/AAAA lookups.
    case dns
    /// The inventory's own list: the service has no host name, or DNS could not be asked (`note` says why).
    case inventory(note: String?)
}

/// What looking up one family of a host's addresses found.
public enum AddressLookup: Sendable, Equatable {
    case found([IPAddress])
    /// Nothing of this family: NODATA, NXDOMAIN, or none in the inventory — the text says which.
    case none(String)
    /// The lookup itself failed (timeout, SERVFAIL, a malformed answer).
    case failed(String)

    public var addresses: [IPAddress] {
        if case .found(let list) = self { list } else { [] }
    }
}

/// One host name and its addresses.
public struct HostAddresses: Sendable, Equatable {
    public var name: String
    public var source: AddressSource
    public var v4: AddressLookup
    public var v6: AddressLookup

    public init(name: String, source: AddressSource, v4: AddressLookup, v6: AddressLookup) {
        self.name = name
        self.source = source
        self.v4 = v4
        self.v6 = v6
    }
}

/// How the MX or NS set of a domain was found.
public enum DelegationLookup: Sendable, Equatable {
    /// Found these host names (in preference order for MX).
    case found([String])
    /// No MX: mail goes to the domain's own addresses (RFC 5321 §5.1).
    case implicit(String)
    case failed(String)
}

/// How a TCP connection attempt ended.
public enum ConnectOutcome: Sendable, Equatable {
    case connected(milliseconds: Double)
    /// A reset: the host is there, nothing listens.
    case refused
    case timedOut(afterMilliseconds: Int)
    /// An ICMP error (its text).
    case unreachable(String)
    case failed(String)

    public var isConnected: Bool {
        if case .connected = self { true } else { false }
    }
}

public struct ConnectObservation: Sendable, Equatable {
    public var address: IPAddress
    public var port: Int
    public var outcome: ConnectOutcome

    public init(address: IPAddress, port: Int, outcome: ConnectOutcome) {
        self.address = address
        self.port = port
        self.outcome = outcome
    }
}

/// An HTTP GET of `/` on port 80 of one address, with the site's Host header.
public struct FetchObservation: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case response(HTTPResponse)
        case failed(String)
    }

    public var address: IPAddress
    public var outcome: Outcome

    public init(address: IPAddress, outcome: Outcome) {
        self.address = address
        self.outcome = outcome
    }
}

/// The SMTP greeting on port 25 of one address.
public struct GreetingObservation: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case greeting(SMTPGreeting, milliseconds: Double)
        case failed(String)
    }

    public var address: IPAddress
    public var outcome: Outcome

    public init(address: IPAddress, outcome: Outcome) {
        self.address = address
        self.outcome = outcome
    }
}

/// The PTR lookup of one address, and whether the name it gives has that address again (forward-confirmed).
public struct PointerObservation: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case found([DNSName], forwardConfirmed: Bool)
        case none(String)
        case failed(String)
    }

    public var address: IPAddress
    public var outcome: Outcome

    public init(address: IPAddress, outcome: Outcome) {
        self.address = address
        self.outcome = outcome
    }
}

/// One DNS query sent straight to a name server's address.
public struct DNSServerObservation: Sendable, Equatable {
    public enum Transport: String, Sendable {
        case udp, tcp
    }

    public enum Outcome: Sendable, Equatable {
        case answered(DNSResponseCode, authoritative: Bool, milliseconds: Double)
        case failed(String)
    }

    public var address: IPAddress
    public var transport: Transport
    /// The name the query asked about (the zone's SOA).
    public var question: String
    public var outcome: Outcome

    public init(address: IPAddress, transport: Transport, question: String, outcome: Outcome) {
        self.address = address
        self.transport = transport
        self.question = question
        self.outcome = outcome
    }
}

/// Echo requests of two sizes to each IPv6 address: if small ones are answered and large ones vanish, Packet Too Big
/// is being dropped somewhere on the path (RFC 4890 §4.3.1 says it must never be).
public enum PMTUFindings: Sendable, Equatable {
    /// ICMPv6 could not be sent from here (no raw or ping socket), with the reason.
    case unavailable(String)
    case observed([PMTUObservation])
}

public struct PMTUObservation: Sendable, Equatable {
    public var address: IPAddress
    /// The size of the large packets, IPv6 header included (1500: a full Ethernet frame).
    public var largePacketBytes: Int
    public var small: EchoOutcome
    /// Nil when the large probe was not sent because small ones were not answered.
    public var large: EchoOutcome?

    public init(address: IPAddress, largePacketBytes: Int, small: EchoOutcome, large: EchoOutcome?) {
        self.address = address
        self.largePacketBytes = largePacketBytes
        self.small = small
        self.large = large
    }
}

/// How one echo probe (with its retries) ended.
public struct EchoOutcome: Sendable, Equatable {
    public var status: ProbeStatus
    public var detail: String?

    public init(status: ProbeStatus, detail: String? = nil) {
        self.status = status
        self.detail = detail
    }
}

/// Connection times to the same port over both families, for the Happy Eyeballs penalty: the best of a few tries.
public struct HappyEyeballsObservation: Sendable, Equatable {
    public enum Timing: Sendable, Equatable {
        case connected(bestMilliseconds: Double, tries: Int)
        case failed(String)
    }

    public var port: Int
    public var v4: (address: IPAddress, timing: Timing)?
    public var v6: (address: IPAddress, timing: Timing)?

    public init(port: Int, v4: (address: IPAddress, timing: Timing)?, v6: (address: IPAddress, timing: Timing)?) {
        self.port = port
        self.v4 = v4
        self.v6 = v6
    }

    public static func == (lhs: HappyEyeballsObservation, rhs: HappyEyeballsObservation) -> Bool {
        lhs.port == rhs.port && lhs.v4?.address == rhs.v4?.address && lhs.v4?.timing == rhs.v4?.timing
            && lhs.v6?.address == rhs.v6?.address && lhs.v6?.timing == rhs.v6?.timing
    }
}
