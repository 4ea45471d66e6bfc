import Foundation
import V6Core
import V6Lab
import V6System

/// `v6ready demo`: the one-command tour. As root: builds a lab from the example inventory, scans it, assesses it,
/// writes the plan and reports, removes the lab. Without root: renders the plan from the recorded scan.
enum DemoCommand {
    static let spec = CommandSpec(
        ["demo"], abstract: "The tour: lab from the example inventory, scan, assessment, plan and reports in reports/demo/.",
        discussion: """
        As root, builds a network of namespaces that stands in for the example province (every inventoried address
        answers as the inventory says, a few services are broken on purpose), scans it over IPv4 and IPv6, writes
        the assessment and the phased plan to reports/demo/, and removes the lab. Nothing leaves this machine.
        Without root it says so and renders the plan from the recorded scan in examples/recorded-scan/.
        """,
        options: [
            OptionSpec("--inventory", value: "DIR", "The inventory to play (default: inventories/example)."),
            OptionSpec("--lang", value: "vi|en", "Report language (default: vi)."),
            OptionSpec("--output", short: "-o", value: "DIR", "Where the reports go (default: reports/demo)."),
            OptionSpec("--recorded", "Skip the lab even as root: render from the recorded scan."),
        ],
        examples: ["sudo v6ready demo", "v6ready demo --lang en"],
        run: run)

    static func run(_ args: ParsedArguments, _ console: inout Console) throws(CLIError) -> ExitCode {
        let inventoryPath = args.value("--inventory") ?? "inventories/example"
        let output = args.value("--output") ?? "reports/demo"
        let language = args.value("--lang") ?? "vi"
        guard ["vi", "en"].contains(language) else { throw .usage("--lang takes vi or en", args.command) }
        if args.value("--inventory") == nil, !FileSystem.isDirectory(console.resolve(inventoryPath)) {
            throw .environment("the demo plays the example inventory: run it from the v6ready repository folder (where inventories/example is), or give --inventory DIR")
        }
        let store = try InventoryStore.locate(inventoryPath, console: console)
        let inventory = try store.load()
        let support = Lab.isSupported()
        let live = currentUserIsRoot && support.supported && !args.flag("--recorded")

        var scanFile: String
        var date: String?
        if live {
            console.out("1/4  Building a lab of network namespaces for \(inventory.manifest.name) (\(inventory.devices.count) devices, \(inventory.services.count) services)…")
            let plan = LabSpec.fromInventory(inventory)
            do {
                scanFile = try Lab.with(plan.spec) { lab throws -> String in
                    for (service, behaviour) in plan.brokenServices.sorted(by: { $0.key < $1.key }) {
                        console.out("     broken on purpose: \(service) — \(behaviour)")
                    }
                    console.out("2/4  Scanning it over IPv4 and IPv6 from namespace \(lab.scannerNamespace)…")
                    let run = try runSelf(["scan", "--inventory", store.display, "--netns", lab.scannerNamespace, "--rate", "5000",
                                           "--timeout", "400", "--retries", "1", "--reports", output], console: console)
                    console.outRaw(run.out.split(separator: "\n").filter { !$0.hasPrefix("Scan written") }.map { "     " + $0 + "\n" }.joined())
                    guard run.status == 0 else { throw CLIError.environment("the scan failed: \(run.err)") }
                    guard let line = run.out.split(separator: "\n").first(where: { $0.hasPrefix("Scan written to ") }) else {
                        throw CLIError.internalError("the scan did not say where it wrote")
                    }
                    let written = String(line.dropFirst("Scan written to ".count))
                    // scan prints the path relative to --reports; make it relative to the working directory.
                    return written.hasPrefix(output) ? written : output + "/scans/" + FileSystem.baseName(of: written)
                }
            } catch let error as CLIError {
                throw error
            } catch {
                throw .environment("the lab could not be built: \(error)")
            }
            console.out("     the lab is removed.")
        } else {
            let why = !currentUserIsRoot ? "it needs root (network namespaces and raw sockets): run sudo v6ready demo"
                : args.flag("--recorded") ? "--recorded was given" : "the lab cannot be built here (\(support.reason))"
            console.out("The live demo is skipped: \(why).")
            console.out("Rendering the plan from the recorded scan shipped in examples/recorded-scan/ instead.")
            let folder = console.resolve("examples/recorded-scan")
            guard let name = (try? FileSystem.listDirectory(folder))?.filter({ $0.hasSuffix(".jsonl") }).sorted().last else {
                throw .environment("no recorded scan in examples/recorded-scan/ (run the demo from the repository's folder)")
            }
            scanFile = "examples/recorded-scan/" + name
            date = "2024-06-30"   // the recorded scan's season, so "late" means what it meant then
        }

        console.out("3/4  Assessing readiness and planning the 2022–2025 migration…")
        var planArgs = ["plan", "--inventory", store.display, "--scan", scanFile, "--lang", language, "-o", output]
        if let date { planArgs += ["--date", date] }
        let planCode = CommandLineTool.run(arguments: planArgs, console: &console)
        guard planCode == .success else { return planCode }
        console.out("4/4  Done. Open \(output)/plan.html in a browser (charts, printable), or read \(output)/plan.md;")
        console.out("     the scan is \(scanFile); try next: v6ready assess --inventory \(store.display) --scan \(scanFile)")
        return .success
    }

    /// Runs this executable as a child (the scan enters the lab namespace for good and drops privileges,
    /// which the demo itself must keep to remove the lab).
    static func runSelf(_ arguments: [String], console: Console) throws -> (status: Int32, out: String, err: String) {
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
        return (process.terminationStatus, String(decoding: try FileSystem.readFile(scratch + "/out"), as: UTF8.self),
                String(decoding: try FileSystem.readFile(scratch + "/err"), as: UTF8.self))
    }
}
