import Foundation
import Testing
import V6Core
import V6System
import V6TestSupport

/// contrib/prometheus/ as users run it: the configurations docs/operations.md shows, promtool on every file, and
/// the whole federation with Debian's real servers (prometheus 2.42, prometheus-node-exporter 1.5) on loopback.
@Suite("Operations: Prometheus federation with the real servers", .serialized)
struct PrometheusFederationTests {
    @Test("docs/operations.md shows exactly contrib/prometheus/site.yml and central.yml")
    func docsShowTheFiles() throws {
        let docs = try FederationFixture.text("docs/operations.md")
        for name in ["site.yml", "central.yml"] {
            let link = try #require(docs.range(of: "](../contrib/prometheus/\(name))"), "docs/operations.md does not link contrib/prometheus/\(name)")
            let open = try #require(docs.range(of: "```yaml\n", range: link.upperBound..<docs.endIndex), "no yaml block after the link to \(name)")
            let close = try #require(docs.range(of: "\n```\n", range: open.upperBound..<docs.endIndex))
            let shown = String(docs[open.upperBound..<close.lowerBound]) + "\n"
            #expect(shown == (try FederationFixture.text("contrib/prometheus/" + name)),
                    "the block after the link to \(name) in docs/operations.md differs from contrib/prometheus/\(name)")
        }
    }

    @Test("promtool: check config on both configurations, check rules, and the rules' unit tests",
          .enabled(if: FederationTools.promtool != nil, "promtool is not installed (Debian package prometheus)"))
    func promtool() throws {
        let promtool = try #require(FederationTools.promtool)
        let contrib = FederationFixture.repositoryRoot + "/contrib/prometheus/"
        for arguments in [["check", "config", contrib + "site.yml"], ["check", "config", contrib + "central.yml"],
                          ["check", "rules", contrib + "v6ready.rules.yml"], ["test", "rules", contrib + "v6ready.rules.test.yml"]] {
            let run = try runProgram(promtool, arguments, in: NSTemporaryDirectory(), deadline: 60)
            #expect(run.status == 0, "promtool \(arguments.joined(separator: " ")):\n\(run.out)\(run.err)")
            #expect((run.out + run.err).contains("SUCCESS"), "promtool \(arguments.joined(separator: " ")):\n\(run.out)\(run.err)")
            #expect(!(run.out + run.err).contains("FAILED"), "promtool \(arguments.joined(separator: " ")):\n\(run.out)\(run.err)")
        }
        // Every alert has its unit test.
        let tests = try FederationFixture.text("contrib/prometheus/v6ready.rules.test.yml")
        let alerts = try FederationFixture.alertNames()
        #expect(alerts == ["V6readyCheckStale", "V6readyNotCompliant", "V6readyRegression", "V6readySiteDown", "V6readyMetricsMissing"])
        for alert in alerts { #expect(tests.contains("alertname: \(alert)\n"), "\(alert) has no test in v6ready.rules.test.yml") }
    }

    @Test("the rules and the dashboard name only series v6ready writes; the dashboard has the panels it promises")
    func namesExist() throws {
        let box = try FederationFixture.Box()
        let families = Set(try FederationFixture.sites.flatMap { try box.prepare($0).map(\.name) })
        #expect(families.contains("v6ready_drift_regressions") && families.contains("v6ready_scan_results"))
        let rules = try FederationFixture.text("contrib/prometheus/v6ready.rules.yml")
        let active = rules.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }.joined(separator: "\n")
        let named = FederationFixture.metricNames(in: active)
        #expect(named == ["v6ready_check_compliant", "v6ready_check_last_success_timestamp_seconds", "v6ready_drift_regressions"])
        #expect(named.isSubset(of: families))
        // The placeholders stay comments until v6ready writes their series.
        #expect(!families.contains("v6ready_parity_exposures") && !families.contains("v6ready_lan_rogue_ra"))
        #expect(rules.contains("#   expr: v6ready_parity_exposures > 0") && rules.contains("#   expr: v6ready_lan_rogue_ra > 0"))

        let dashboard = try FederationFixture.dashboard()
        #expect(dashboard["uid"] == .string("v6ready"))
        let titles = (dashboard["panels"]?.arrayValue ?? []).compactMap { $0["title"]?.stringValue }
        for title in ["Readiness per agency", "Readiness per category, and the program's target", "Answering ratio per address family",
                      "Last success per site"] {
            #expect(titles.contains(title), "the dashboard has no panel \(title)")
        }
        let expressions = FederationFixture.dashboardExpressions(dashboard)
        #expect(expressions.count >= 8)
        let dashboardNames = FederationFixture.metricNames(in: expressions.joined(separator: "\n"))
        #expect(dashboardNames.isSubset(of: families), "not written by v6ready: \(dashboardNames.subtracting(families).sorted())")
        for expression in expressions { #expect(expression.contains("site=~\"$site\""), "\(expression) ignores the site variable") }
    }

    @Test("two sites, two node_exporters, two site Prometheus servers and a central one: every series once, under its own site, alerts on a stale site",
          .enabled(if: FederationTools.missing.isEmpty, Comment(rawValue: FederationTools.missingReason)),
          .timeLimit(.minutes(3)))
    func federation() throws {
        let box = try FederationFixture.Box()
        let servers = TestServers()
        defer { servers.stopAll() }
        let (siteA, siteB) = (FederationFixture.sites[0], FederationFixture.sites[1])

        // The scanners: one real check each, through the built executable; the second site's check sees regressions.
        var expected: [String: [StrictPrometheusParser.Family]] = [:]
        // Whole seconds, as the check writes its last-success time: the alert may fire up to a second before
        // `staleAfter` has passed since this exact instant.
        let staleFrom = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        expected[siteB.name] = try box.prepare(siteB)
        expected[siteA.name] = try box.prepare(siteA)
        // The first site's cron keeps running while the second's has stopped.
        var lastRefresh = Date()
        func keepFirstSiteChecking() throws {
            guard Date().timeIntervalSince(lastRefresh) > 3 else { return }
            let run = try box.check(siteA)
            #expect(run.status == 0, "\(run.err)")
            lastRefresh = Date()
        }

        // Each site: node_exporter on its textfile directory, and its Prometheus with contrib/prometheus/site.yml.
        var sitePorts: [String: UInt16] = [:]
        var nodeExporters: [String: TestServer] = [:], sitePrometheus: [String: TestServer] = [:]
        for site in FederationFixture.sites {
            let directory = box.path(site.name)
            let exporter = try servers.start("node_exporter of \(site.name)", FederationTools.nodeExporter!, log: directory + "/node_exporter.log") { port in
                ["--web.listen-address=127.0.0.1:\(port)", "--collector.disable-defaults", "--collector.textfile",
                 "--collector.textfile.directory=" + directory + "/textfile"]
            } ready: { $0.status == 200 && $0.body.contains("v6ready_check_compliant") }
            nodeExporters[site.name] = exporter
            let config = try FederationFixture.rewrite("site.yml", [
                ("scrape_interval: 1m", "scrape_interval: 1s"), ("evaluation_interval: 1m", "evaluation_interval: 1s"),
                // Both sites' exporters keep Debian's default instance, so that only `site` tells their series apart.
                ("      - targets: ['localhost:9100']\n",
                 "      - targets: ['127.0.0.1:\(exporter.port)']\n        labels: {instance: 'localhost:9100'}\n"),
            ])
            try FileSystem.createDirectory(directory + "/prometheus", recursive: true)
            try AtomicFile.write(Array(config.utf8), to: directory + "/prometheus/prometheus.yml")
            let prometheus = try servers.startPrometheus(site.name, directory: directory + "/prometheus")
            sitePrometheus[site.name] = prometheus
            sitePorts[site.name] = prometheus.port
            try keepFirstSiteChecking()
        }

        // The central Prometheus: contrib/prometheus/central.yml and the rules, with loopback targets and short times.
        let central = box.path("central")
        try FileSystem.createDirectory(central, recursive: true)
        let staleAfter = 30
        try AtomicFile.write(Array(try FederationFixture.rewrite("central.yml", [
            ("scrape_interval: 1m", "scrape_interval: 1s"), ("evaluation_interval: 1m", "evaluation_interval: 1s"),
            ("prometheus.huyen-an-binh.vidu.example:9090", "127.0.0.1:\(sitePorts[siteA.name]!)"),
            ("prometheus.tp-binh-minh.vidu.example:9090", "127.0.0.1:\(sitePorts[siteB.name]!)"),
        ]).utf8), to: central + "/prometheus.yml")
        try AtomicFile.write(Array(try FederationFixture.rewrite("v6ready.rules.yml", [
            // 3 s, not 0: on a loaded machine a site's federated series can lag past the 5 s lookback for a
            // moment, which must not count as "metrics missing" (the shipped rules wait 15 minutes).
            ("26 * 3600", "\(staleAfter)"), ("for: 15m", "for: 3s"),
        ]).utf8), to: central + "/v6ready.rules.yml")
        // Federated samples carry their own time stamps, so a series a site stops sending is never marked stale: it
        // stays for the lookback delta (5 minutes by default), which the test shortens with the other times.
        let centralServer = try servers.startPrometheus("central", directory: central, extra: ["--query.lookback-delta=5s"])
        let api = PrometheusAPI(port: centralServer.port)

        // Every v6ready_ series of both sites arrives.
        let expectedCount = expected.mapValues { $0.reduce(0) { $0 + $1.samples.count } }
        #expect(expectedCount[siteA.name]! > 200 && expectedCount[siteB.name]! > 200)
        var counts: [String: Int] = [:]
        try waitUntil("every v6ready_ series of both sites reached the central Prometheus: \(expectedCount) written, \(counts) there", seconds: 45) {
            try keepFirstSiteChecking()
            let result = try api.query("count by (site) ({__name__=~\"v6ready_.+\"})")
            counts = Dictionary(uniqueKeysWithValues: result.map { ($0.labels["site"] ?? "(none)", Int($0.value)) })
            return counts == expectedCount
        }
        let series = try api.query("{__name__=~\"v6ready_.+\"}")
        var seen: [String: [String: Double]] = [:]
        for sample in series {
            let site = sample.labels["site"] ?? "(none)"
            #expect(sample.labels["job"] == "node" && sample.labels["instance"] == "localhost:9100", "\(sample.labels)")
            var own = sample.labels
            for label in ["site", "job", "instance"] { own[label] = nil }
            let key = FederationFixture.key(own)
            #expect(seen[site, default: [:]].updateValue(sample.value, forKey: key) == nil, "\(key) arrived twice for \(site)")
        }
        #expect(Set(seen.keys) == [siteA.name, siteB.name])
        for (site, families) in expected {
            var written: [String: Double] = [:]
            for family in families {
                for sample in family.samples { written[FederationFixture.key(sample.labels.merging(["__name__": family.name]) { a, _ in a })] = sample.value }
            }
            let arrived = seen[site] ?? [:]
            let missing = Set(written.keys).subtracting(arrived.keys), extra = Set(arrived.keys).subtracting(written.keys)
            #expect(missing.isEmpty && extra.isEmpty, "\(site): missing \(missing.sorted()), extra \(extra.sorted())")
            // The first site's check runs again meanwhile: its time and duration move on, nothing else does.
            let moving = site == siteA.name ? ["v6ready_check_last_success_timestamp_seconds", "v6ready_check_duration_seconds"] : []
            for (key, value) in written where !moving.contains(where: { key.hasPrefix($0 + "{") }) {
                #expect(arrived[key] == value, "\(site) \(key): \(arrived[key].map { "\($0)" } ?? "absent") arrived, \(value) was written")
            }
        }
        // The scan families carry the inventory's site as scan_site, never as site.
        #expect(seen[siteA.name]?["v6ready_scan_duration_seconds{scan_site=\"huyen-an-binh-tru-so\"}"] == 1.5)
        #expect(seen[siteB.name]?["v6ready_scan_duration_seconds{scan_site=\"tp-binh-minh-tru-so\"}"] == 1.5)

        // The dashboard's queries answer on the central server.
        for expression in FederationFixture.dashboardExpressions(try FederationFixture.dashboard()) {
            let query = expression.replacingOccurrences(of: "$site", with: ".*").replacingOccurrences(of: "$agency", with: ".*")
            #expect(!(try api.query(query)).isEmpty, "the dashboard's \(expression) finds nothing")
        }
        #expect(try api.labelValues("site", match: "v6ready_check_compliant") == [siteA.name, siteB.name])

        // The second site is not compliant and regressed; the first is neither.
        try waitUntil("V6readyNotCompliant and V6readyRegression fire for \(siteB.name)", seconds: 20) {
            try keepFirstSiteChecking()
            let firing = try api.firingAlerts()
            return firing.contains(["V6readyNotCompliant", siteB.name]) && firing.contains(["V6readyRegression", siteB.name])
        }
        let firing = try api.firingAlerts()
        #expect(!firing.contains { $0[1] == siteA.name }, "\(firing)")

        // The second site's check stopped running: stale after `staleAfter` seconds; the first site never is.
        try waitUntil("V6readyCheckStale fires for \(siteB.name)", seconds: Double(staleAfter) + 30) {
            try keepFirstSiteChecking()
            let firing = try api.firingAlerts()
            #expect(!firing.contains(["V6readyCheckStale", siteA.name]), "the site whose check keeps running is stale: \(firing)")
            return firing.contains(["V6readyCheckStale", siteB.name])
        }
        #expect(Date().timeIntervalSince(staleFrom) > Double(staleAfter))

        // Nothing arrived out of order, though both sites' series share job and instance.
        let counters = try api.ownMetrics()
        for counter in ["prometheus_target_scrapes_sample_out_of_order_total", "prometheus_target_scrapes_sample_duplicate_timestamp_total",
                        "prometheus_target_scrapes_sample_out_of_bounds_total"] {
            #expect(counters[counter] == 0, "\(counter) = \(counters[counter].map { "\($0)" } ?? "absent")")
        }
        #expect(counters["prometheus_tsdb_out_of_order_samples_total"] ?? 0 == 0)
        #expect(counters["prometheus_tsdb_head_samples_appended_total"] ?? 0 > Double(expectedCount.values.reduce(0, +) * 5))
        #expect(!(try String(contentsOfFile: central + "/prometheus.log", encoding: .utf8)).contains("out-of-order"))

        // The second site's scanner goes down (its node_exporter), then its Prometheus.
        nodeExporters[siteB.name]!.stop()
        try waitUntil("V6readyMetricsMissing fires for \(siteB.name)", seconds: 20) {
            try keepFirstSiteChecking()
            return try api.firingAlerts().contains(["V6readyMetricsMissing", siteB.name])
        }
        sitePrometheus[siteB.name]!.stop()
        try waitUntil("V6readySiteDown fires for \(siteB.name)", seconds: 20) {
            try keepFirstSiteChecking()
            return try api.firingAlerts().contains(["V6readySiteDown", siteB.name])
        }
        let last = try api.firingAlerts()
        #expect(!last.contains { $0[1] == siteA.name }, "\(last)")
    }
}

/// The federation's two sites and their scans, written from the recorded scan of the example province.
enum FederationFixture {
    struct Site {
        /// The federation's `site` (central.yml).
        var name: String
        /// The inventory site the scanner scans (`scan --site`).
        var scanSite: String
        /// The scans, oldest first: (file name, lines). The newest is checked against the one before it.
        var scans: [(name: String, lines: [String])]
    }

    static var repositoryRoot: String { Sandbox.repositoryRoot }

    static func text(_ relative: String) throws -> String {
        String(decoding: try FileSystem.readFile(repositoryRoot + "/" + relative), as: UTF8.self)
    }

    /// The recorded scan's lines of one agency's records.
    static func recorded(agency: String) -> [String] {
        let text = (try? text("examples/recorded-scan/20240515T020000Z.jsonl")) ?? ""
        return text.split(separator: "\n").map(String.init).filter { $0.contains("\"record\":\"\(agency)-") }
    }

    /// huyen-an-binh scans its district once; tp-binh-minh twice, and in the second its file server lost IPv6.
    static let sites: [Site] = {
        let binhMinh = recorded(agency: "tp-binh-minh")
        let broken = binhMinh.map { line in
            guard line.contains("\"address\":\"2001:db8:a00:4001::10\"") else { return line }
            return line.replacingOccurrences(of: #""status":"reachable","rtt_ms":[0-9.]+,"sent":1,"received":1"#,
                                             with: #""status":"timeout","sent":3,"received":0"#, options: .regularExpression)
        }
        return [Site(name: "huyen-an-binh", scanSite: "huyen-an-binh-tru-so", scans: [("20240516T013000Z", recorded(agency: "huyen-an-binh"))]),
                Site(name: "tp-binh-minh", scanSite: "tp-binh-minh-tru-so", scans: [("20240515T020000Z", binhMinh), ("20240516T020000Z", broken)])]
    }()

    static let policy = "{\"schema\": 1, \"name\": \"federation\", \"rules\": [{\"rule\": \"no-unknown-hosts\"}]}\n"

    /// A temporary folder with one subfolder per site (its scans, its textfile directory) and the central server's.
    final class Box {
        let directory: String
        init() throws { directory = try FileSystem.makeTemporaryDirectory(prefix: "v6ready-federation") }
        deinit { try? FileSystem.removeRecursively(directory) }

        func path(_ relative: String) -> String { directory + "/" + relative }

        func write(_ relative: String, _ text: String) throws {
            try FileSystem.createDirectory(FileSystem.directoryName(of: path(relative)), recursive: true)
            try AtomicFile.write(Array(text.utf8), to: path(relative))
        }

        /// Writes the site's scans with their summaries, runs its check, and returns the textfile's families.
        func prepare(_ site: Site) throws -> [StrictPrometheusParser.Family] {
            #expect(site.scans.allSatisfy { $0.lines.count > 30 }, "the recorded scan has no lines of \(site.name)")
            for scan in site.scans {
                try write("\(site.name)/reports/scans/\(scan.name).jsonl", scan.lines.joined(separator: "\n") + "\n")
                try write("\(site.name)/reports/scans/\(scan.name).summary.json", try summary(scan, site: site.scanSite))
            }
            try write("\(site.name)/policy.json", policy)
            try FileSystem.createDirectory(path("\(site.name)/textfile"), recursive: true)
            let run = try check(site)
            #expect(run.status == (site.scans.count > 1 ? 1 : 0), "\(site.name): \(run.out)\(run.err)")
            if site.scans.count > 1 { #expect(run.out.contains("regression: "), "\(run.out)") }
            return try StrictPrometheusParser.parse(String(decoding: try FileSystem.readFile(path("\(site.name)/textfile/v6ready.prom")), as: UTF8.self))
        }

        /// The site's nightly check, as its cron job runs it.
        func check(_ site: Site) throws -> ExecutableRun {
            var arguments = ["check", "--inventory", FederationFixture.repositoryRoot + "/inventories/example", "--policy", "policy.json",
                             // The ended program, so that every yearly target is due and its series written.
                             "--program", "ipv6-for-gov-2022-2025", "--reports", "reports", "--scan", "reports/scans/\(site.scans.last!.name).jsonl",
                             "--prometheus", "textfile/v6ready.prom"]
            if site.scans.count > 1 { arguments += ["--previous", "reports/scans/\(site.scans[site.scans.count - 2].name).jsonl"] }
            return try runV6ready(arguments, in: path(site.name), deadline: 60)
        }

        /// A summary as `scan --site` writes it.
        func summary(_ scan: (name: String, lines: [String]), site: String) throws -> String {
            var statuses: [String: Int] = [:]
            var probes = 0
            for line in scan.lines {
                let value = try JSONParser.parse(line).value
                guard value["type"] == nil, let status = value["status"]?.stringValue else { continue }
                statuses[status, default: 0] += 1
                probes += 1
            }
            let started = ScanData.timeFromFileName(scan.name + ".jsonl") ?? ""
            let counts = statuses.keys.sorted().map { "\"\($0)\":\(statuses[$0]!)" }.joined(separator: ",")
            return "{\"schema\":1,\"inventory\":\"inventories/example/\",\"site\":\"\(site)\",\"started\":\"\(started)\",\"finished\":\"\(started)\",\"duration_s\":1.5,\"probes\":\(probes),\"statuses\":{\(counts)}}\n"
        }
    }

    /// A contrib/prometheus/ file with each needle replaced; a needle that is gone is a failure (the file changed
    /// under the test, which would then test something else).
    static func rewrite(_ name: String, _ replacements: [(String, String)]) throws -> String {
        var text = try text("contrib/prometheus/" + name)
        for (needle, replacement) in replacements {
            guard text.contains(needle) else { throw ExecutableRunError("contrib/prometheus/\(name) no longer contains \(needle)") }
            text = text.replacingOccurrences(of: needle, with: replacement)
        }
        return text
    }

    static func alertNames() throws -> [String] {
        try text("contrib/prometheus/v6ready.rules.yml").split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("- alert: ") ? String(trimmed.dropFirst("- alert: ".count)) : nil
        }
    }

    static func dashboard() throws -> JSONValue {
        try JSONParser.parse(try text("contrib/prometheus/v6ready-dashboard.json")).value
    }

    /// Every panel's PromQL.
    static func dashboardExpressions(_ dashboard: JSONValue) -> [String] {
        (dashboard["panels"]?.arrayValue ?? []).flatMap { ($0["targets"]?.arrayValue ?? []).compactMap { $0["expr"]?.stringValue } }
    }

    /// The v6ready_ metric names a text mentions.
    static func metricNames(in text: String) -> Set<String> {
        var names = Set<String>()
        var rest = Substring(text)
        while let start = rest.range(of: "v6ready_") {
            let name = rest[start.lowerBound...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            names.insert(String(name))
            rest = rest[start.lowerBound...].dropFirst(name.count)
        }
        return names
    }

    /// A series as one string: its name and its labels, sorted.
    static func key(_ labels: [String: String]) -> String {
        let name = labels["__name__"] ?? ""
        let rest = labels.keys.filter { $0 != "__name__" }.sorted().map { "\($0)=\"\(labels[$0]!)\"" }
        return name + "{" + rest.joined(separator: ",") + "}"
    }
}

/// The Debian binaries, wherever PATH has them.
enum FederationTools {
    static func find(_ name: String) -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/bin:/usr/sbin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let prometheus = find("prometheus")
    static let nodeExporter = find("prometheus-node-exporter") ?? find("node_exporter")
    static let promtool = find("promtool")

    static var missing: [String] {
        [("prometheus", prometheus), ("prometheus-node-exporter", nodeExporter), ("promtool", promtool)].filter { $0.1 == nil }.map(\.0)
    }

    static var missingReason: String {
        "needs Debian's prometheus and prometheus-node-exporter; not installed: \(missing.joined(separator: ", "))"
    }
}

/// A server the test started, on a loopback port it chose; stopped by its pid.
final class TestServer {
    let name: String
    let port: UInt16
    let logPath: String
    private let process = Process()

    init(name: String, executable: String, arguments: [String], port: UInt16, logPath: String) throws {
        self.name = name; self.port = port; self.logPath = logPath
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        defer { try? log.close() }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// SIGTERM to its pid, SIGKILL if it has not ended 10 s later.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        let asked = Date()
        while process.isRunning, Date().timeIntervalSince(asked) < 10 { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    var logTail: String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(15).joined(separator: "\n")
    }
}

/// The servers of one test, stopped in reverse order when it ends, whatever happened.
final class TestServers {
    private var servers: [TestServer] = []

    deinit { stopAll() }

    func stopAll() {
        for server in servers.reversed() { server.stop() }
        servers.removeAll()
    }

    /// Starts a server on a free loopback port and waits until `ready` accepts its `/metrics`; a port another process
    /// took meanwhile is given up for another one.
    func start(_ name: String, _ executable: String, log: String, path: String = "/metrics", arguments: (UInt16) -> [String],
               ready: ((status: Int, body: String)) -> Bool) throws -> TestServer {
        for _ in 0..<3 {
            let port = try freeLoopbackPort()
            let server = try TestServer(name: name, executable: executable, arguments: arguments(port), port: port, logPath: log)
            servers.append(server)
            let started = Date()
            while Date().timeIntervalSince(started) < 30 {
                if !server.isRunning {
                    if server.logTail.contains("address already in use") { break }
                    throw ExecutableRunError("\(name) ended at start:\n\(server.logTail)")
                }
                if let response = try? httpGet(port, path), ready(response) { return server }
                Thread.sleep(forTimeInterval: 0.1)
            }
            server.stop()
            if server.logTail.contains("address already in use") { continue }
            throw ExecutableRunError("\(name) did not get ready in 30 s:\n\(server.logTail)")
        }
        throw ExecutableRunError("\(name): no free loopback port after three tries")
    }

    /// Prometheus with `directory/prometheus.yml`, its data in `directory/data`, its log in `directory/prometheus.log`.
    func startPrometheus(_ name: String, directory: String, extra: [String] = []) throws -> TestServer {
        try start("Prometheus of \(name)", FederationTools.prometheus!, log: directory + "/prometheus.log", path: "/-/ready") { port in
            ["--config.file=" + directory + "/prometheus.yml", "--storage.tsdb.path=" + directory + "/data",
             "--web.listen-address=127.0.0.1:\(port)"] + extra
        } ready: { $0.status == 200 }
    }
}

/// A port nobody listens on now (the kernel's choice for 127.0.0.1:0).
func freeLoopbackPort() throws -> UInt16 {
    let socket = try Socket(.ipv4, .stream)
    defer { try? socket.close() }
    try socket.bind(to: .ipv4Loopback(port: 0))
    return try socket.localAddress().port
}

/// One HTTP/1.0 GET to 127.0.0.1:`port` on a blocking socket with 5 s time-outs: the status code and the body.
func httpGet(_ port: UInt16, _ target: String) throws -> (status: Int, body: String) {
    let socket = try Socket(.ipv4, .stream, blocking: true)
    defer { try? socket.close() }
    try socket.setOption(level: SOL_SOCKET, name: SO_RCVTIMEO, value: timeval(tv_sec: 5, tv_usec: 0))
    try socket.setOption(level: SOL_SOCKET, name: SO_SNDTIMEO, value: timeval(tv_sec: 5, tv_usec: 0))
    _ = try socket.connect(to: .ipv4Loopback(port: port))
    let request = Array("GET \(target) HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
    var sent = 0
    while sent < request.count {
        let result = try request[sent...].withUnsafeBytes { buffer in try socket.send(buffer) }
        guard case let .processed(count) = result else { throw ExecutableRunError("GET \(target): the send timed out") }
        sent += count
    }
    let response = String(decoding: try socket.descriptor.readToEnd(), as: UTF8.self)
    guard let headerEnd = response.range(of: "\r\n\r\n"), response.hasPrefix("HTTP/1."),
          let status = Int(response.dropFirst("HTTP/1.x ".count).prefix(3)) else {
        throw ExecutableRunError("GET \(target): not an HTTP response: \(response.prefix(200))")
    }
    return (status, String(response[headerEnd.upperBound...]))
}

/// Polls `condition` every 200 ms until it holds, or fails after `seconds` saying `what` (read then).
func waitUntil(_ what: @autoclosure () -> String, seconds: Double, _ condition: () throws -> Bool) throws {
    let started = Date()
    while Date().timeIntervalSince(started) < seconds {
        if try condition() { return }
        Thread.sleep(forTimeInterval: 0.2)
    }
    throw ExecutableRunError("waited \(Int(seconds)) s, but not: \(what())")
}

/// What the tests ask a Prometheus server over its HTTP API.
struct PrometheusAPI {
    let port: UInt16

    static func encode(_ text: String) -> String {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    func get(_ target: String) throws -> JSONValue {
        let response = try httpGet(port, target)
        let value = try JSONParser.parse(response.body).value
        guard response.status == 200, value["status"] == .string("success") else {
            throw ExecutableRunError("GET \(target): \(response.status) \(response.body.prefix(300))")
        }
        return value
    }

    /// An instant query's vector: each series' labels (with __name__) and value.
    func query(_ promql: String) throws -> [(labels: [String: String], value: Double)] {
        let data = try get("/api/v1/query?query=" + Self.encode(promql))["data"]
        guard data?["resultType"] == .string("vector") else { throw ExecutableRunError("\(promql): not a vector") }
        return (data?["result"]?.arrayValue ?? []).map { series in
            var labels: [String: String] = [:]
            for (key, value) in series["metric"]?.objectValue ?? [] { labels[key] = value.stringValue }
            return (labels, series["value"]?.arrayValue?.last?.stringValue.flatMap(Double.init) ?? .nan)
        }
    }

    func labelValues(_ label: String, match: String) throws -> [String] {
        (try get("/api/v1/label/\(label)/values?match[]=" + Self.encode(match))["data"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// The alerts firing now, as [alert name, site].
    func firingAlerts() throws -> [[String]] {
        (try get("/api/v1/alerts")["data"]?["alerts"]?.arrayValue ?? []).compactMap { alert in
            guard alert["state"] == .string("firing") else { return nil }
            return [alert["labels"]?["alertname"]?.stringValue ?? "", alert["labels"]?["site"]?.stringValue ?? ""]
        }
    }

    /// The server's own metrics from /metrics, each summed over its labels (`{type="float"}` and the like).
    func ownMetrics() throws -> [String: Double] {
        let response = try httpGet(port, "/metrics")
        var values: [String: Double] = [:]
        for line in response.body.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            let name = line[..<space].prefix { $0 != "{" && $0 != " " }
            values[String(name), default: 0] += value
        }
        return values
    }
}
