import Foundation
import Testing
import V6Core
@testable import V6Lab
import V6TestSupport

@Suite struct LabInventoryTests {
    @Test func everyInventoriedAddressLandsInExactlyOneHost() throws {
        let inventory = try exampleInventory()
        let lab = LabSpec.fromInventory(inventory)
        try lab.spec.validate()
        #expect(lab.spec.hosts.count <= LabAddressRanges.maximumHosts)
        #expect(lab.skippedAddresses.isEmpty, "the transit ranges moved out of the inventory's way")
        var owner: [IPAddress: String] = [:]
        for host in lab.spec.hosts {
            for address in host.addresses {
                #expect(owner.updateValue(host.name, forKey: address) == nil, "\(address) twice")
            }
        }
        let silent = Set(lab.silentAddresses)
        for device in inventory.devices {
            for address in device.ipv4 { #expect(owner[address] != nil, "\(device.id) \(address)") }
            for address in device.ipv6 {
                #expect((owner[address] != nil) != silent.contains(address), "\(device.id) \(address)")
            }
        }
    }

    @Test func theLabsOwnLinksAvoidEveryInventoriedAddress() throws {
        let inventory = try exampleInventory()
        let transit = LabSpec.fromInventory(inventory).spec.transit
        // The example's Internet edge uses 198.51.100.0/24, the standard transit range.
        #expect(transit != .standard)
        for address in inventory.devices.flatMap({ $0.ipv4 + $0.ipv6 }) + inventory.services.flatMap({ $0.ipv4 + $0.ipv6 }) {
            #expect(!transit[address.family].contains(address), "\(address) in \(transit)")
        }
    }

    /// Every port of every service outside the cases has something listening on every address: the real server
    /// its kind names, or a plain listener for the rest.
    @Test func everyServicePortIsServedByTheServerItsKindNames() throws {
        let inventory = try exampleInventory()
        let lab = LabSpec.fromInventory(inventory)
        let cases = Set(lab.cases.map(\.service))
        for service in inventory.services where !cases.contains(service.id) {
            for address in service.ipv4 + service.ipv6 {
                let host = try #require(lab.spec.hosts.first { $0.addresses.contains(address) }, "\(service.id)")
                for port in service.ports {
                    let server = host.servers.first { $0.addresses.contains(address) && $0.tcpPorts.contains(port) }
                    switch (service.kind, port) {
                    case (.dns, 53):
                        guard case .nameServer(_, let zones)? = server else {
                            Issue.record("\(service.id) \(address): no NSD on port 53"); continue
                        }
                        #expect(zones.contains { $0.origin == "vidu.example" })
                    case (.mail, 25):
                        guard case .mail(let mail)? = server else {
                            Issue.record("\(service.id) \(address): no SMTP listener"); continue
                        }
                        #expect(mail.greeting.contains(address) && mail.banner.hasPrefix(service.hostname! + " "))
                    case (.web, _), (.publicServicePortal, _):
                        guard case .web(let sites)? = server else {
                            Issue.record("\(service.id) \(address): no nginx on \(port)"); continue
                        }
                        let site = try #require(sites.first { $0.names == [service.hostname!] }, "\(service.id)")
                        // One site for both families of the name: the same page over IPv4 and IPv6.
                        #expect(Set(service.ipv4 + service.ipv6).isSubset(of: Set(site.addresses)), "\(service.id)")
                        #expect(site.page.contains(service.name))
                    default:
                        #expect(server == nil && host.openTCPPorts.contains(port), "\(service.id) \(address) \(port)")
                    }
                }
            }
        }
        let resolver = try #require(lab.spec.resolver, "the scanner gets a resolver of its own")
        #expect(resolver.zones.map(\.origin).contains("vidu.example"))
    }

    @Test func theCasesAreStableOneOfEachKindAndAlone() throws {
        let inventory = try exampleInventory()
        let now = Date()
        let first = LabSpec.fromInventory(inventory, now: now)
        #expect(first == LabSpec.fromInventory(inventory, now: now))
        #expect(first.cases.count == 10)
        #expect(Set(first.cases.map(\.failure)) == Set(LabSpec.inventoryFailures.map(InventoryLabFailure.network)
            + [.nameServerIPv4Only, .mailGreetsIPv4Only, .otherPageOverIPv6, .sshFilteredOverIPv4Only,
               .otherCertificateOverIPv6, .expiredSignatures]))
        let byFailure = Dictionary(uniqueKeysWithValues: first.cases.map { ($0.failure, $0) })
        #expect(byFailure[.nameServerIPv4Only]?.service == "so-tttt-ns1", "the public name server")
        #expect(byFailure[.mailGreetsIPv4Only]?.service == "so-tttt-mx1")
        #expect(byFailure[.otherPageOverIPv6]?.service == "so-tttt-dichvucong", "a public-service portal first")
        for chosen in first.cases where chosen.failure != .sshFilteredOverIPv4Only {
            let service = try #require(inventory.services.first { $0.id == chosen.service })
            let host = try #require(first.spec.hosts.first { $0.addresses.contains(service.ipv6[0]) })
            if chosen.failure != .expiredSignatures {
                #expect(Set(host.addresses) == Set(service.ipv4 + service.ipv6), "\(chosen.service) has a host of its own")
            }
            #expect(chosen.verdict == (chosen.failure == .network(.echoFiltered([.v6])) ? .green : .yellow))
            if case .network(let behaviour) = chosen.failure {
                #expect(host.behaviours == [behaviour])
                // A network failure hits every service on the addresses: no other service may be there.
                #expect(inventory.services.filter { !Set($0.ipv4 + $0.ipv6).isDisjoint(with: host.addresses) }.count == 1)
            }
        }
        let ns1 = try #require(first.spec.hosts.first { $0.addresses.contains(IPAddress("203.0.113.4")!) })
        #expect(ns1.servers == [.nameServer(addresses: [IPAddress("203.0.113.4")!], zones: first.spec.resolver!.zones)])
        let mx1 = try #require(first.spec.hosts.first { $0.addresses.contains(IPAddress("203.0.113.7")!) })
        #expect(mx1.servers.contains(.mail(LabMailServer(greeting: [IPAddress("203.0.113.7")!],
                                                         mute: [IPAddress("2001:db8:a00:1010::7")!],
                                                         banner: "mx1.vidu.example ESMTP v6ready-lab"))))
        #expect(mx1.openTCPPorts == [443, 587, 993], "so-tttt-mail shares the addresses and keeps its ports")
        let portal = try #require(first.spec.hosts.first { $0.addresses.contains(IPAddress("203.0.113.21")!) })
        guard case .web(let sites)? = portal.servers.first else { Issue.record("no nginx for the portal"); return }
        #expect(sites.count == 2 && sites[0].page != sites[1].page && sites[1].addresses.allSatisfy { $0.family == .v6 })

        // The security cases: SSH open and dropped over IPv4 only on a device of its own; another certificate
        // on the IPv6 listener; every forward zone signed, the case's name with expired signatures.
        let exposure = try #require(byFailure[.sshFilteredOverIPv4Only])
        let esxi = try #require(inventory.devices.first { $0.id == exposure.service })
        let exposed = try #require(first.spec.hosts.first { $0.addresses.contains(esxi.ipv6[0]) })
        #expect(Set(exposed.addresses) == Set(esxi.ipv4 + esxi.ipv6))
        #expect(exposed.openTCPPorts.contains(22) && exposed.behaviours == [.tcpPortsFilteredOver(.v4, [22])])
        let opendata = try #require(first.spec.hosts.first { $0.addresses.contains(IPAddress("203.0.113.9")!) })
        guard case .web(let tlsSites)? = opendata.servers.first(where: { $0.program == .nginx }) else {
            Issue.record("no nginx for the certificate case"); return
        }
        let certificates = tlsSites.compactMap(\.tls?.certificate)
        #expect(certificates.count == 2 && Set(certificates).count == 2 && Set(certificates.map(\.dnsNames)) == [["opendata.vidu.example"]])
        let signed = try #require(first.spec.resolver?.zones.first { $0.origin == "vidu.example" })
        #expect(signed.signing == LabZoneSigning(expiredOwners: ["anbinh.vidu.example"]))
        #expect(first.spec.resolver?.zones.filter { $0.origin.hasSuffix(".arpa") }.allSatisfy { $0.signing == nil } == true)
        // Every other TLS site shares one certificate over both families.
        for host in first.spec.hosts where host != opendata {
            for case .web(let sites) in host.servers {
                for name in Set(sites.flatMap(\.names)) {
                    let named = sites.filter { $0.names.contains(name) && $0.ports.contains(443) }
                    #expect(Set(named.compactMap(\.tls?.certificate)).count == (named.isEmpty ? 0 : 1), "\(name)")
                }
            }
        }

        let unbroken = LabSpec.fromInventory(inventory, breakingOnPurpose: false)
        #expect(unbroken.cases.isEmpty && unbroken.intent.cases.isEmpty)
        #expect(!unbroken.spec.hosts.contains { !$0.behaviours.isEmpty || $0.name.hasPrefix("broken") })
    }
}

/// The example's lab built for real: addresses, servers and the scanner's resolver file, all gone afterwards.
/// (What the servers answer is checked by the services tests, which speak DNS, HTTP and SMTP to them.)
@Suite(.enabled(if: LabGate.labs && InventoryLab.missing == nil,
                Comment(rawValue: InventoryLab.missing ?? "needs root and namespaces")))
struct LabInventoryNetworkTests {
    @Test func theExampleInventoryAnswersLikeItsNetwork() throws {
        let inventory = try exampleInventory()
        let inventoryLab = LabSpec.fromInventory(inventory)
        let started = Date()
        var servers: [LabServerProcess] = []
        var resolvConf = ""
        let lab = try Lab.create(inventoryLab.spec)
        do {
            print("V6LabTests: inventory lab with \(inventoryLab.spec.hosts.flatMap(\.addresses).count) addresses, "
                + "\(lab.serverProcesses.count) server processes in \(lab.namespaces.count) namespaces built in "
                + "\(Int(Date().timeIntervalSince(started) * 1000)) ms")
            servers = lab.serverProcesses
            #expect(servers.count > 5 && servers.allSatisfy(\.isRunning), "\(servers.map(\.log))")
            resolvConf = String(decoding: FileManager.default.contents(atPath: "/etc/netns/\(lab.scannerNamespace)/resolv.conf")
                ?? Data(), as: UTF8.self)
            #expect(ResolverConfiguration.parse(resolvConf: resolvConf).servers.map(\.address) == lab.scannerResolvers)
            #expect(lab.scannerResolvers.count == 2)
            for resolver in lab.scannerResolvers {
                #expect(try lab.connect(resolver, port: 53) == .connected, "the scanner reaches its resolver \(resolver)")
            }

            let cases = Set(inventoryLab.cases.map(\.service))
            let healthy = try #require(inventory.services.sorted { $0.id < $1.id }
                .first { !cases.contains($0.id) && !$0.ipv6.isEmpty && !$0.ports.isEmpty })
            for address in [healthy.ipv4.first, healthy.ipv6.first].compactMap({ $0 }) {
                #expect(try lab.ping(address).succeeded, "\(healthy.id) \(address)")
                #expect(try lab.connect(address, port: healthy.ports[0]) == .connected, "\(healthy.id) \(address)")
            }
            // The edge router's address, which the standard transit range used to swallow, now answers itself.
            #expect(try lab.connect(IPAddress("198.51.100.1")!, port: 179) == .connected)
            let blackholed = try #require(inventoryLab.cases.first { $0.failure == .network(.ipv6PathBlackholed) })
            let service = try #require(inventory.services.first { $0.id == blackholed.service })
            #expect(!(try lab.ping(service.ipv6[0]).succeeded))
            if let address = service.ipv4.first { #expect(try lab.ping(address).succeeded) }
            if let address = inventoryLab.silentAddresses.first { #expect(!(try lab.ping(address).succeeded)) }
            // The name server that listens on IPv4 only: TCP 53 over IPv6 is refused, over IPv4 it connects.
            let ns1 = try #require(inventoryLab.cases.first { $0.failure == .nameServerIPv4Only })
            #expect(try lab.connect(ns1.addresses.first { $0.family == .v6 }!, port: 53) == .refused)
            #expect(try lab.connect(ns1.addresses.first { $0.family == .v4 }!, port: 53) == .connected)
        } catch {
            try? lab.tearDown()
            throw error
        }
        try lab.tearDown()
        #expect(servers.allSatisfy { !$0.isRunning })
        #expect(servers.allSatisfy { !FileManager.default.fileExists(atPath: $0.directory) })
        #expect(!FileManager.default.fileExists(atPath: "/etc/netns/\(lab.scannerNamespace)"))
        #expect(resolvConf.contains("written by v6ready for lab \(lab.id.hex)"))
    }

    /// A killed run leaves its scanner's /etc/netns folder; the next sweep of stale labs removes it.
    @Test func aStaleResolverFolderIsSweptAway() throws {
        let id = try Lab.claimFreshID()
        try? LabRegistry.remove(id)
        let namespace = LabNames.namespace(id, "scanner")
        try LabResolvConf.write(nameservers: [IPAddress("2001:db8:ffff::2")!], for: namespace, lab: id)
        #expect(FileManager.default.fileExists(atPath: LabResolvConf.path(of: namespace)))
        try Lab.removeLeftovers(prefix: id.namespacePrefix)
        #expect(!FileManager.default.fileExists(atPath: LabResolvConf.folder(of: namespace)))
    }
}
