import Foundation
import V6Core
import V6Lab
import V6System

/// The demo's live part: a lab built from the inventory, scanned from its scanner namespace by a child process
/// (the scan enters the namespace for good and drops privileges, which the demo must keep to remove the lab),
/// which answers with one JSON record — its summary — rather than text to scrape.
struct DemoLab {
    let store: InventoryStore
    let inventory: Inventory
    /// The folder the demo's scans and reports go to.
    let reports: String

    /// Builds the lab, scans it, removes it; returns the scan's path.
    func scan(console: Console) throws(CLIError) -> String {
        console.out("1/4  Building a lab of network namespaces for \(inventory.manifest.name) (\(inventory.devices.count) devices, \(inventory.services.count) services)…")
        let plan = LabSpec.fromInventory(inventory)
        let path: String
        do {
            path = try Lab.with(plan.spec) { lab throws -> String in
                for (service, behaviour) in plan.brokenServices.sorted(by: { $0.key < $1.key }) {
                    console.out("     broken on purpose: \(service) — \(behaviour)")
                }
                console.out("2/4  Scanning it over IPv4 and IPv6 from namespace \(lab.scannerNamespace)…")
                let record = try runScanner(["scan", "--inventory", store.display, "--netns", lab.scannerNamespace, "--rate", "5000",
                                             "--timeout", "400", "--retries", "1", "--reports", reports, "--summary-json"], console: console)
                guard let scan = record["scan"]?.stringValue else { throw CLIError.internalError("the scanner's summary names no scan") }
                let counts = (record["statuses"]?.objectValue ?? []).map { "\($0.value.doubleValue.map { String(Int($0)) } ?? "?") \($0.key)" }
                console.out("     \(record["results"]?.doubleValue.map { String(Int($0)) } ?? "?") results: \(counts.joined(separator: ", "))")
                return scan
            }
        } catch let error as CLIError {
            throw error
        } catch {
            throw .environment("the lab could not be built: \(error)")
        }
        console.out("     the lab is removed.")
        return path
    }

    /// Runs this executable as the scanner and reads the one JSON object it prints.
    private func runScanner(_ arguments: [String], console: Console) throws -> JSONValue {
        let scratch = try FileSystem.makeTemporaryDirectory(prefix: "v6ready-demo")
        defer { try? FileSystem.removeRecursively(scratch) }
        _ = FileManager.default.createFile(atPath: scratch + "/out", contents: nil)
        _ = FileManager.default.createFile(atPath: scratch + "/err", contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: console.workingDirectory)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/err"))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let out = try FileSystem.readFile(scratch + "/out")
        guard process.terminationStatus == 0 else {
            throw CLIError.environment("the scan failed: \(String(decoding: try FileSystem.readFile(scratch + "/err"), as: UTF8.self))")
        }
        do { return try JSONParser.parse(out, recordLines: false).value } catch {
            throw CLIError.internalError("the scanner's summary is not JSON: \(error)")
        }
    }
}
