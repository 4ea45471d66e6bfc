import Foundation
import V6Core
import V6Lab
import V6System

/// The demo's live part: a lab built from the inventory, scanned from its scanner namespace by a child process
/// (the scan enters the namespace for good and drops privileges, which the demo must keep to remove the lab),
/// which answers with one JSON record — its summary — rather than text to scrape. The demo says what it broke on
/// purpose before the scan, and after it holds the scan file against that intent (`InventoryLabIntent`).
struct DemoLab {
    let store: InventoryStore
    let inventory: Inventory
    /// The folder the demo's scans and reports go to.
    let reports: String

    /// What the live demo produced: the scan and how it compares with the intent.
    struct Outcome {
        var scanPath: String
        var comparison: InventoryLabComparison
        /// The scan from the lab's IPv6-only client (NAT64/DNS64), when the lab has one.
        var ipv6OnlyScanPath: String?
    }

    /// Builds the lab, says the intent, scans it, removes it, compares; returns the scan's path and the comparison.
    func scan(console: Console) throws(CLIError) -> Outcome {
        console.out("1/4  Building a lab of network namespaces for \(inventory.manifest.name) (\(inventory.devices.count) devices, \(inventory.services.count) services)…")
        // A lab of an earlier demo killed half-way (its owner gone) goes first: namespaces, servers, resolver file.
        if let removed = try? Lab.removeLeftovers(), !removed.isEmpty {
            console.out("     removed what a killed earlier run left: \(removed.joined(separator: " "))")
        }
        let plan = LabSpec.fromInventory(inventory)
        let outcome: Outcome
        do {
            outcome = try Lab.with(plan.spec) { lab throws -> Outcome in
                console.out("     \(lab.namespaces.count) namespaces, \(lab.serverProcesses.count) server processes (NSD, nginx, SMTP"
                    + (lab.layout.ipv6OnlyClientNamespace == nil ? "" : "; TAYGA and Unbound for the IPv6-only client") + "); "
                    + "the scanner's resolver is the lab's own NSD at " + lab.scannerResolvers.map(\.description).joined(separator: ", "))
                for line in plan.intent.statement { console.out("     " + line) }
                console.out("2/4  Scanning it over IPv4 and IPv6 from namespace \(lab.scannerNamespace)…")
                var arguments = ["scan", "--inventory", store.display, "--netns", lab.scannerNamespace, "--rate", "5000",
                                 "--timeout", "400", "--retries", "1", "--reports", reports, "--summary-json"]
                // The lab signed its zones with keys of this run: their DS records are the scan's trust anchors.
                let scratch = try FileSystem.makeTemporaryDirectory(prefix: "v6ready-demo-anchors")
                defer { try? FileSystem.removeRecursively(scratch) }
                if !lab.trustAnchors.isEmpty {
                    // Public data the scanner reads after it drops to sudo's invoking user: readable by all.
                    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch)
                    try AtomicFile.write(Array((lab.trustAnchors.joined(separator: "\n") + "\n").utf8), to: scratch + "/trust-anchors")
                    arguments += ["--trust-anchor", scratch + "/trust-anchors"]
                    console.out("     DNSSEC: validating from the lab's own trust anchor (\(lab.trustAnchors.count) DS record\(lab.trustAnchors.count == 1 ? "" : "s"))")
                }
                let record = try runScanner(arguments, console: console)
                guard let scan = record["scan"]?.stringValue else { throw CLIError.internalError("the scanner's summary names no scan") }
                let counts = (record["statuses"]?.objectValue ?? []).map { "\($0.value.integer(in: 0...Int.max).map(String.init) ?? "?") \($0.key)" }
                console.out("     \(record["results"]?.integer(in: 0...Int.max).map(String.init) ?? "?") results: \(counts.joined(separator: ", "))")
                var outcome = Outcome(scanPath: scan, comparison: try compare(scan, with: plan.intent, console: console))
                if let client = lab.layout.ipv6OnlyClientNamespace {
                    let (path, departures) = try scanIPv6Only(from: client, lab: lab, intent: plan.intent, console: console)
                    outcome.ipv6OnlyScanPath = path
                    outcome.comparison.unintended += departures
                    console.out("     " + outcome.comparison.summary + " (both scans)")
                }
                return outcome
            }
        } catch let error as CLIError {
            throw error
        } catch {
            throw .environment("the lab could not be built: \(error)")
        }
        console.out("     the lab is removed.")
        return outcome
    }

    /// The second scan, from the IPv6-only client: what a state agency's IPv6-only pilot will see of every service
    /// (native, through NAT64, or broken); prints the tally and every verdict the intent did not expect, and
    /// returns the scan's path and those departures.
    private func scanIPv6Only(from client: String, lab: Lab, intent: InventoryLabIntent,
                              console: Console) throws(CLIError) -> (path: String, departures: [String]) {
        console.out("     Scanning again from the IPv6-only client \(client) (no IPv4; NAT64 \(lab.layout.nat64Prefix ?? "?") "
            + "by TAYGA, DNS64 by Unbound at \((lab.layout.ipv6OnlyClientResolvers ?? []).joined(separator: ", ")))…")
        let record: JSONValue
        do {
            record = try runScanner(["scan", "--inventory", store.display, "--netns", client, "--vantage", "ipv6-only",
                                     "--rate", "5000", "--timeout", "400", "--retries", "1", "--no-parity",
                                     "--reports", reports, "--summary-json"], console: console)
        } catch let error as CLIError {
            throw error
        } catch {
            throw .environment("the IPv6-only scan could not run: \(error)")
        }
        guard let scan = record["scan"]?.stringValue else { throw .internalError("the IPv6-only scan's summary names no scan") }
        guard let loaded = try ScanStore(reports: reports, console: console).load([scan], console: console).first else {
            throw .internalError("the scan \(scan) could not be read back")
        }
        let verdicts = Array(loaded.data.ipv6OnlyVerdicts.values)
        let tally = IPv6OnlyVerdict.allCases.map { verdict in "\(verdicts.filter { $0.verdict == verdict }.count) \(verdict)" }
        console.out("     From IPv6 only: \(tally.joined(separator: ", ")) (\(verdicts.count) services); intended for the "
            + "\(intent.expectedIPv6Only.count) services outside the cases: native with IPv6, nat64 with a name but no IPv6, broken without either")
        var found: [String: IPv6OnlyVerdict] = [:]
        for (record, verdict) in loaded.data.ipv6OnlyVerdicts { found[record] = verdict.verdict }
        let departures = intent.compareIPv6Only(found).map { "IPv6-only: " + $0 }
        for line in departures { console.out("     not intended: " + line) }
        return (scan, departures)
    }

    /// Reads the scan back and prints the "intended / found" table, its one-line summary and every finding
    /// nobody intended.
    private func compare(_ scanPath: String, with intent: InventoryLabIntent, console: Console) throws(CLIError) -> InventoryLabComparison {
        guard let scan = try ScanStore(reports: reports, console: console).load([scanPath], console: console).first else {
            throw .internalError("the scan \(scanPath) could not be read back")
        }
        let comparison = intent.compare(services: scan.data.serviceReports, probes: scan.data.probes.map(\.result),
                                        findings: scan.data.securityFindingLines)
        console.out("     " + ServiceReportText.summary(scan.data.serviceReports))
        var table = TextTable(InventoryLabComparison.headers)
        for row in comparison.table { table.add(row) }
        console.outRaw(table.render().split(separator: "\n").map { "     " + $0 + "\n" }.joined())
        console.out("     " + comparison.summary)
        for line in comparison.unintended { console.out("     not intended: " + line) }
        return comparison
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
