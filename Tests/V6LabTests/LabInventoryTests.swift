import Foundation
import Testing
import V6Core
import V6Lab

/// The example inventory of the repository, loaded as the CLI would.
func exampleInventory() throws -> Inventory {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("inventories/example")
    var files: [InventoryLoader.SourceFile] = []
    let manifest = try Data(contentsOf: root.appendingPathComponent("inventory.json"))
    files.append(InventoryLoader.SourceFile(path: "inventory.json", bytes: Array(manifest)))
    let agencies = root.appendingPathComponent("agencies")
    for name in try FileManager.default.contentsOfDirectory(atPath: agencies.path).sorted() where name.hasSuffix(".json") {
        let bytes = try Data(contentsOf: agencies.appendingPathComponent(name))
        files.append(InventoryLoader.SourceFile(path: "agencies/" + name, bytes: Array(bytes)))
    }
    return try InventoryLoader.load(files).get()
}

@Suite struct LabInventoryTests {
    @Test func everyInventoriedAddressLandsInExactlyOneHost() throws {
        let inventory = try exampleInventory()
        let lab = LabSpec.fromInventory(inventory)
        try lab.spec.validate()
        #expect(lab.spec.hosts.count <= LabAddressRanges.maximumHosts)
        var owner: [IPAddress: String] = [:]
        for host in lab.spec.hosts {
            for address in host.addresses {
                #expect(owner.updateValue(host.name, forKey: address) == nil, "\(address) twice")
            }
        }
        let silent = Set(lab.silentAddresses)
        let skipped = Set(lab.skippedAddresses)
        for device in inventory.devices {
            for address in device.ipv4 where !skipped.contains(address) {
                #expect(owner[address] != nil, "\(device.id) \(address)")
            }
            for address in device.ipv6 where !skipped.contains(address) {
                #expect((owner[address] != nil) != silent.contains(address), "\(device.id) \(address)")
            }
        }
        for service in inventory.services {
            for address in service.ipv4 + service.ipv6 where !skipped.contains(address) {
                let host = try #require(lab.spec.hosts.first { $0.name == owner[address] }, "\(service.id) \(address)")
                #expect(Set(service.ports).isSubset(of: Set(host.openTCPPorts)), "\(service.id) on \(host.name)")
            }
        }
    }

    @Test func brokenServicesAreStableAndEachFailureIsUsed() throws {
        let inventory = try exampleInventory()
        let first = LabSpec.fromInventory(inventory)
        #expect(first == LabSpec.fromInventory(inventory))
        #expect(first.brokenServices.count == 4)
        #expect(Set(first.brokenServices.values) == Set(LabSpec.inventoryFailures))
        for (id, behaviour) in first.brokenServices {
            let service = try #require(inventory.services.first { $0.id == id })
            let host = try #require(first.spec.hosts.first { $0.addresses.contains(service.ipv6[0]) })
            #expect(host.behaviours == [behaviour])
        }
        #expect(LabSpec.fromInventory(inventory, breaking: 0).brokenServices.isEmpty)
    }
}

@Suite(.enabled(if: LabGate.labs)) struct LabInventoryNetworkTests {
    @Test func theExampleInventoryAnswersLikeItsNetwork() throws {
        let inventory = try exampleInventory()
        let inventoryLab = LabSpec.fromInventory(inventory)
        let started = Date()
        try Lab.with(inventoryLab.spec) { lab in
            print("V6LabTests: inventory lab with \(inventoryLab.spec.hosts.flatMap(\.addresses).count) addresses "
                + "in \(lab.namespaces.count) namespaces built in \(Int(Date().timeIntervalSince(started) * 1000)) ms")
            let broken = Set(inventoryLab.brokenServices.keys)
            let healthy = try #require(inventory.services.sorted { $0.id < $1.id }
                .first { !broken.contains($0.id) && !$0.ipv6.isEmpty && !$0.ports.isEmpty })
            for address in [healthy.ipv4.first, healthy.ipv6.first].compactMap({ $0 }) {
                #expect(try lab.ping(address).succeeded, "\(healthy.id) \(address)")
                #expect(try lab.connect(address, port: healthy.ports[0]) == .connected, "\(healthy.id) \(address)")
            }
            let blackholed = try #require(inventoryLab.brokenServices.first { $0.value == .ipv6PathBlackholed })
            let service = try #require(inventory.services.first { $0.id == blackholed.key })
            #expect(!(try lab.ping(service.ipv6[0]).succeeded))
            if let address = service.ipv4.first { #expect(try lab.ping(address).succeeded) }
            if let address = inventoryLab.silentAddresses.first { #expect(!(try lab.ping(address).succeeded)) }
        }
    }
}
