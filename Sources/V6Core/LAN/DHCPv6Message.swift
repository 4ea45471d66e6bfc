/// DHCPv6 message types this audit sends or reads (RFC 8415 §7.3).
public enum DHCPv6MessageType: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case solicit = 1, advertise = 2, request = 3, confirm = 4, renew = 5, rebind = 6, reply = 7, release = 8
    case decline = 9, reconfigure = 10, informationRequest = 11, relayForward = 12, relayReply = 13

    public var description: String {
        switch self {
        case .solicit: "Solicit"
        case .advertise: "Advertise"
        case .request: "Request"
        case .confirm: "Confirm"
        case .renew: "Renew"
        case .rebind: "Rebind"
        case .reply: "Reply"
        case .release: "Release"
        case .decline: "Decline"
        case .reconfigure: "Reconfigure"
        case .informationRequest: "Information-request"
        case .relayForward: "Relay-forward"
        case .relayReply: "Relay-reply"
        }
    }
}

/// A DHCP unique identifier (RFC 8415 §11): how a server names itself. Kept as bytes; `description` says its kind.
public struct DUID: Sendable, Hashable, CustomStringConvertible {
    public var bytes: [UInt8]
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// A DUID-LL (type 3) from an Ethernet address: what this tool sends as its client id.
    public static func linkLayer(_ address: LinkLayerAddress) -> DUID {
        DUID(bytes: [0, 3, 0, 1] + address.bytes)
    }

    /// A DUID-UUID (type 4, RFC 6355) from 16 bytes: the client id when the interface has no Ethernet address.
    public static func uuid(_ bytes: [UInt8]) -> DUID {
        DUID(bytes: [0, 4] + bytes.prefix(16))
    }

    /// The link-layer address inside a DUID-LLT (type 1) or DUID-LL (type 3) with hardware type 1 (Ethernet).
    public var linkLayerAddress: LinkLayerAddress? {
        guard bytes.count >= 4, bytes[2] == 0, bytes[3] == 1 else { return nil }
        switch (bytes[0], bytes[1]) {
        case (0, 1) where bytes.count == 14: return LinkLayerAddress(bytes: Array(bytes[8...]))
        case (0, 3) where bytes.count == 10: return LinkLayerAddress(bytes: Array(bytes[4...]))
        default: return nil
        }
    }

    /// `llt:be:2a:65:72:44:4c`, `ll:...`, `en:ENTERPRISE:hex`, `uuid:hex`, or plain hex.
    public var description: String {
        let hex = bytes.map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        guard bytes.count >= 2 else { return hex }
        switch (bytes[0], bytes[1]) {
        case (0, 1): return "llt:" + (linkLayerAddress?.description ?? hex)
        case (0, 3): return "ll:" + (linkLayerAddress?.description ?? hex)
        case (0, 2) where bytes.count >= 6:
            let enterprise = bytes[2..<6].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            return "en:\(enterprise):" + String(hex.dropFirst(12))
        case (0, 4): return "uuid:" + String(hex.dropFirst(4))
        default: return hex
        }
    }
}

/// A status code option (13): what a server says went wrong, e.g. NoAddrsAvail (RFC 8415 §21.13).
public struct DHCPv6Status: Sendable, Equatable, CustomStringConvertible {
    public var code: UInt16
    public var message: String
    public init(code: UInt16, message: String) { self.code = code; self.message = message }

    public var isSuccess: Bool { code == 0 }

    /// The name RFC 8415 §21.13 gives the code.
    public var name: String {
        switch code {
        case 0: "Success"
        case 1: "UnspecFail"
        case 2: "NoAddrsAvail"
        case 3: "NoBinding"
        case 4: "NotOnLink"
        case 5: "UseMulticast"
        case 6: "NoPrefixAvail"
        default: "status \(code)"
        }
    }

    public var description: String { message.isEmpty ? name : "\(name) (\(message))" }
}

/// An address offered in an IA_NA (IAADDR, option 5).
public struct DHCPv6Address: Sendable, Equatable {
    public var address: IPv6Address
    public var preferredLifetime: UInt32
    public var validLifetime: UInt32
    public var status: DHCPv6Status?
    public init(address: IPv6Address, preferredLifetime: UInt32, validLifetime: UInt32, status: DHCPv6Status? = nil) {
        self.address = address; self.preferredLifetime = preferredLifetime; self.validLifetime = validLifetime; self.status = status
    }
}

/// A prefix delegated in an IA_PD (IAPREFIX, option 26).
public struct DHCPv6DelegatedPrefix: Sendable, Equatable {
    public var prefix: IPPrefix
    public var preferredLifetime: UInt32
    public var validLifetime: UInt32
    public var status: DHCPv6Status?
    public init(prefix: IPPrefix, preferredLifetime: UInt32, validLifetime: UInt32, status: DHCPv6Status? = nil) {
        self.prefix = prefix; self.preferredLifetime = preferredLifetime; self.validLifetime = validLifetime; self.status = status
    }
}

/// An identity association (IA_NA, option 3, or IA_PD, option 25) and what the server put in it.
public struct DHCPv6IdentityAssociation: Sendable, Equatable {
    public var iaid: UInt32
    public var t1: UInt32
    public var t2: UInt32
    public var addresses: [DHCPv6Address]
    public var prefixes: [DHCPv6DelegatedPrefix]
    public var status: DHCPv6Status?
    public init(iaid: UInt32, t1: UInt32, t2: UInt32, addresses: [DHCPv6Address] = [], prefixes: [DHCPv6DelegatedPrefix] = [],
                status: DHCPv6Status? = nil) {
        self.iaid = iaid; self.t1 = t1; self.t2 = t2; self.addresses = addresses; self.prefixes = prefixes; self.status = status
    }
}

/// One decoded DHCPv6 client/server message (RFC 8415 §8), with the options this audit judges.
public struct DHCPv6Message: Sendable, Equatable {
    public var type: DHCPv6MessageType
    /// 24 bits.
    public var transactionID: UInt32
    public var clientID: DUID?
    public var serverID: DUID?
    /// Option 7: which server a client should prefer (0–255).
    public var preference: UInt8?
    /// Top-level status code (option 13).
    public var status: DHCPv6Status?
    /// Option 3.
    public var addressAssociations: [DHCPv6IdentityAssociation]
    /// Option 25.
    public var prefixAssociations: [DHCPv6IdentityAssociation]
    /// Option 23.
    public var dnsServers: [IPv6Address]
    /// Option 24, presentation form with the trailing dot.
    public var domainList: [String]
    /// Option 32, seconds.
    public var informationRefreshTime: UInt32?
    /// Option codes not read here.
    public var unknownOptions: [UInt16]
    public var problems: [LANDecodeProblem]

    public init(type: DHCPv6MessageType, transactionID: UInt32, clientID: DUID? = nil, serverID: DUID? = nil,
                preference: UInt8? = nil, status: DHCPv6Status? = nil, addressAssociations: [DHCPv6IdentityAssociation] = [],
                prefixAssociations: [DHCPv6IdentityAssociation] = [], dnsServers: [IPv6Address] = [],
                domainList: [String] = [], informationRefreshTime: UInt32? = nil, unknownOptions: [UInt16] = [],
                problems: [LANDecodeProblem] = []) {
        self.type = type; self.transactionID = transactionID; self.clientID = clientID; self.serverID = serverID
        self.preference = preference; self.status = status; self.addressAssociations = addressAssociations
        self.prefixAssociations = prefixAssociations; self.dnsServers = dnsServers; self.domainList = domainList
        self.informationRefreshTime = informationRefreshTime; self.unknownOptions = unknownOptions; self.problems = problems
    }

    /// Every address offered with a valid lifetime, in order.
    public var offeredAddresses: [IPv6Address] {
        addressAssociations.flatMap(\.addresses).filter { $0.validLifetime > 0 && ($0.status?.isSuccess ?? true) }.map(\.address)
    }

    /// Every prefix delegated with a valid lifetime.
    public var delegatedPrefixes: [IPPrefix] {
        prefixAssociations.flatMap(\.prefixes).filter { $0.validLifetime > 0 && ($0.status?.isSuccess ?? true) }.map(\.prefix)
    }

    /// The first status that is not Success, at the top or inside an association: why nothing was offered.
    public var failure: DHCPv6Status? {
        let all = [status] + (addressAssociations + prefixAssociations).map(\.status)
        return all.compactMap { $0 }.first { !$0.isSuccess }
    }
}
