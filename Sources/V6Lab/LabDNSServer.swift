import Foundation
import V6Core

/// One zone for the lab's name server: its origin and records in zone-file form. Owners are relative to the origin
/// (`www`, `@`) or absolute (`mx1.vidu.example.`); data is written as a zone file has it (`10 mx1`, `2001:db8::25`).
public struct LabDNSZone: Sendable, Hashable {
    public struct Record: Sendable, Hashable {
        public var owner: String
        public var type: String
        public var data: String

        public init(_ owner: String, _ type: String, _ data: String) {
            self.owner = owner
            self.type = type
            self.data = data
        }
    }

    /// The zone's name without the trailing dot, e.g. `vidu.example` or `5.2.0.0.8.b.d.0.1.0.0.2.ip6.arpa`.
    public var origin: String
    /// The primary name server written in the SOA record.
    public var primary: String
    public var records: [Record]
    /// The zone file as a signer wrote it (see `LabDNSSigner`); when set, NSD serves it instead of `records`.
    public var signedText: String?
    /// Asks the lab to sign the zone when it starts (`Lab.create`, with a key it makes for the run): the lab then
    /// publishes the key's DS as a trust anchor (`Lab.trustAnchors`) and serves the signed text everywhere the zone
    /// is served.
    public var signing: LabZoneSigning?

    public init(origin: String, primary: String, records: [Record]) {
        self.origin = origin
        self.primary = primary
        self.records = records
    }

    /// The reverse zone of a prefix — `ip6.arpa` for IPv6 on a nibble boundary (length a multiple of 4),
    /// `in-addr.arpa` for IPv4 on an octet boundary (a multiple of 8) — with one PTR per entry.
    public static func reverse(of prefix: IPPrefix, primary: String, pointers: [(IPAddress, String)]) -> LabDNSZone {
        let step = prefix.family == .v6 ? 4 : 8
        precondition(prefix.length % step == 0 && prefix.length > 0, "reverse zones sit on a label boundary")
        let full = DNSName.reverseName(for: prefix.address).description
        // One label per nibble (IPv6) or octet (IPv4): drop the ones inside the prefix's host part.
        let labels = full.split(separator: ".")
        let origin = labels.dropFirst((prefix.family.bitWidth - prefix.length) / step).joined(separator: ".")
        return LabDNSZone(origin: origin, primary: primary, records: pointers.map { address, name in
            Record(DNSName.reverseName(for: address).description, "PTR", name.hasSuffix(".") ? name : name + ".")
        })
    }

    /// The zone file: `$ORIGIN`, `$TTL 300`, an SOA, then the records one per line.
    public func zoneFile() throws -> String {
        if let signedText { return signedText }
        return try unsignedZoneFile()
    }

    /// The zone file written from `records`.
    public func unsignedZoneFile() throws -> String {
        for field in [origin, primary] + records.flatMap({ [$0.owner, $0.type, $0.data] }) {
            // Zone-file text only: nothing that could end a line, start a comment or an include.
            guard !field.isEmpty, field.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F || $0 == " " }),
                  !field.contains(";"), !field.contains("$") else {
                throw LabError.invalidSpec("zone \(origin): \(String(reflecting: field)) is not zone-file text")
            }
        }
        var text = "$ORIGIN \(origin).\n$TTL 300\n"
        text += "@ IN SOA \(primary) hostmaster.\(origin). 1 3600 900 604800 300\n"
        for record in records {
            text += "\(record.owner) IN \(record.type) \(record.data)\n"
        }
        return text
    }
}

/// NSD serving lab zones from inside a lab namespace: configuration and zone files in a private temporary
/// directory, the server in the foreground (`nsd -d`), no privilege drop, no chroot, no remote control, no database.
public enum LabDNSServer {
    /// `nsd.conf` for `zones`, listening on `addresses` port `port`, every file under `directory`.
    public static func configuration(addresses: [IPAddress], port: Int = 53, directory: String,
                                     zones: [LabDNSZone]) -> String {
        var text = "server:\n"
        for address in addresses { text += "    ip-address: \(address)\n" }
        text += """
                port: \(port)
                username: ""
                chroot: ""
                zonesdir: "\(directory)"
                database: ""
                pidfile: "\(directory)/nsd.pid"
                logfile: "\(directory)/nsd.log"
                xfrdfile: "\(directory)/xfrd.state"
                xfrdir: "\(directory)"
                zonelistfile: "\(directory)/zone.list"
                server-count: 1
                verbosity: 1
                hide-version: yes
            remote-control:
                control-enable: no

            """
        for zone in zones {
            text += "zone:\n    name: \(zone.origin)\n    zonefile: \(zone.origin).zone\n"
        }
        return text
    }

    /// Writes the configuration and zones and starts NSD in `namespace` (a lab namespace whose interfaces hold
    /// `addresses`); returns once it answers on UDP and TCP port `port` of every address.
    public static func start(in namespace: String, addresses: [IPAddress], port: Int = 53,
                             zones: [LabDNSZone]) throws -> LabServerProcess {
        try launch(in: namespace, addresses: addresses, port: port, zones: zones).ready()
    }

    /// Like `start`, but returns at once; `waitUntilReady()` waits for the server (a lab starts all its servers,
    /// then waits for them together).
    static func launch(in namespace: String, addresses: [IPAddress], port: Int = 53,
                       zones: [LabDNSZone]) throws -> LabServerProcess {
        let directory = try LabServerProcess.makeDirectory(for: .nsd, namespace: namespace)
        do {
            for zone in zones { try LabServerProcess.write(try zone.zoneFile(), to: zone.origin + ".zone", in: directory) }
            try LabServerProcess.write(configuration(addresses: addresses, port: port, directory: directory, zones: zones),
                                       to: "nsd.conf", in: directory)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
        let server = try LabServerProcess.start(.nsd, arguments: ["-d", "-c", directory + "/nsd.conf"],
                                                namespace: namespace, directory: directory)
        server.expect(listeningOn: addresses, tcpPorts: [port], udpPorts: [port])
        return server
    }
}
