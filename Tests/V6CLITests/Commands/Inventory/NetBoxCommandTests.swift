import Foundation
import Testing
@testable import V6CLI
import V6Core
import V6System

@Suite("Operations: NetBox through the command line")
struct OperationsInteropTests {
    @Test("export → import round trip of the example province: the same devices and services, byte for byte")
    func netBoxRoundTrip() throws {
        let box = try Sandbox()
        try box.copyExample(to: "inv")
        let export = box.run("inventory", "netbox-export", "--inventory", "inv", "-o", "netbox")
        #expect(export.code == .success, "\(export.err)")
        #expect(export.err.isEmpty)
        #expect(export.out.contains("11     netbox/devices.csv        495   Devices → Devices → Import"))
        let original = try box.snapshot("inv")
        // Everything NetBox holds is removed from the inventory, then read back from the export.
        for name in try FileSystem.listDirectory(box.path("inv/agencies")) {
            var text = String(decoding: try box.read("inv/agencies/" + name), as: UTF8.self)
            let value = try JSONParser.parse(text).value
            guard case var .object(members) = value else { continue }
            for i in members.indices where members[i].key == "devices" || members[i].key == "services" { members[i].value = .array([]) }
            text = JSONWriter.pretty(.object(members))
            try box.write("inv/agencies/" + name, text)
        }
        #expect(try box.snapshot("inv") != original)
        let dry = box.run("inventory", "netbox-import", "netbox", "--inventory", "inv", "--dry-run")
        let plan = dry.out.split(separator: "\n").map(String.init)
        #expect(plan.count == 3 && plan[0].hasPrefix("add 495 devices: ") && plan[1].hasPrefix("add 69 services: "))
        #expect(plan.last == "Would import from NetBox: devices 495 added, 0 updated; services 69 added, 0 updated — dry run: nothing written")
        let run = box.run("inventory", "netbox-import", "netbox", "--inventory", "inv")
        #expect(run.code == .success, "\(run.err)")
        #expect(run.out == plan[0] + "\n" + plan[1] + "\nImported from NetBox: devices 495 added, 0 updated; services 69 added, 0 updated\n")
        #expect(run.err.isEmpty)
        #expect(try box.snapshot("inv") == original)
        // Importing again changes nothing.
        #expect(box.run("inventory", "netbox-import", "netbox", "--inventory", "inv").code == .success)
        #expect(try box.snapshot("inv") == original)
    }

    @Test("API JSON: what cannot be mapped is one line per record on stderr; wrong values exit 2 and write nothing")
    func netBoxJSON() throws {
        let box = try Sandbox()
        try box.copyExample(to: "inv")
        let devices = "{\"count\": 2, \"next\": null, \"previous\": null, \"results\": [" +
            NetBoxFixtureCLI.device(id: 1, name: "sw-core-09", role: "core-switch", tenant: "so-tttt", ip4: "198.18.4.250/24") + "," +
            NetBoxFixtureCLI.device(id: 2, name: "pp-01", role: "patch-panel", tenant: "so-tttt", ip4: nil) + "]}"
        try box.write("devices.json", devices)
        let before = try box.snapshot("inv")
        let run = box.run("inventory", "netbox-import", "devices.json", "--inventory", "inv")
        #expect(run.code == .success)
        #expect(run.err == """
        netbox devices.json: results[1] (name "pp-01"): kept with no segment: it has no address and its site has not exactly one segment (import the prefixes too, or set its segment)
        netbox devices.json: results[1] (name "pp-01"): role "patch-panel" has no v6ready equivalent; imported as other

        """)
        // The device with no segment is kept, not dropped; the inventory's other devices are said to be kept.
        let out = run.out.split(separator: "\n").map(String.init)
        #expect(out.count == 3 && out[0] == "add 2 devices: sw-core-09, pp-01" && out[2] == "Imported from NetBox: devices 2 added, 0 updated (2 notes on stderr)")
        #expect(out[1].hasPrefix("keep 495 devices not in NetBox: ") && out[1].hasSuffix(" (an import never removes records)"))
        let show = box.run("inventory", "show", "sw-core-09", "--inventory", "inv")
        #expect(show.out.contains("l3-switch"))

        try box.write("bad.json", "{\"count\": 1, \"results\": [" + NetBoxFixtureCLI.device(id: 3, name: "r9", role: "router", tenant: "so-tttt", ip4: "198.18.4.300/24") + "]}")
        let afterGood = try box.snapshot("inv")
        let bad = box.run("inventory", "netbox-import", "bad.json", "devices.json", "--inventory", "inv")
        #expect(bad.code == .usage)
        #expect(bad.err == "netbox bad.json: results[0] (name \"r9\"): primary_ip4: \"198.18.4.300/24\" is not an IPv4 address\n")
        #expect(try box.snapshot("inv") == afterGood)
        #expect(afterGood != before)
        #expect(box.run("inventory", "netbox-import", "devices.json", "--inventory", "inv", "--agency", "nowhere").code == .usage)
    }
}

/// What a real NetBox 4.4 gave for the example (captured by scripts/netbox-capture.sh; see OperationsNetBoxCapturedTests).
@Suite("Operations: NetBox refresh through the command line, on a real NetBox's data")
struct NetBoxRefreshCommandTests {
    static let fixtures = Sandbox.repositoryRoot + "/Tests/V6CoreTests/Operations/Fixtures/NetBox"

    @Test("a refresh from a table export changes nothing it cannot see; the plan says what it does not show")
    func tableExport() throws {
        let box = try Sandbox()
        try box.copyExample(to: "inv")
        let original = try box.snapshot("inv")
        let run = box.run("inventory", "netbox-import", Self.fixtures + "/table-current", "--inventory", "inv")
        #expect(run.code == .success, "\(run.err)")
        #expect(run.err.isEmpty)
        let lines = run.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("keep 192 devices with ipv4, ipv6 this NetBox data does not show (only primary addresses") == true)
        #expect(lines.last == "Imported from NetBox: nothing new")
        #expect(try box.snapshot("inv") == original)
    }

    @Test("--dry-run shows the plan and writes nothing; by default what NetBox lacks is kept; --replace removes it")
    func planAndReplace() throws {
        let box = try Sandbox()
        try box.copyExample(to: "inv")
        let original = try box.snapshot("inv")
        // An address the inventory has and NetBox does not.
        let file = "inv/agencies/huyen-an-binh.json"
        let text = String(decoding: try box.read(file), as: UTF8.self)
        #expect(text.components(separatedBy: "\"198.18.72.41\"").count == 2)
        try box.write(file, text.replacingOccurrences(of: "\"198.18.72.41\"", with: "\"198.18.72.41\",\n        \"198.18.72.99\""))
        let edited = try box.snapshot("inv")
        let rest = Self.fixtures + "/rest"
        let keep = "keep device huyen-an-binh-ap-02: ipv4 \"198.18.72.99\" is not in NetBox: kept (--replace removes it)"

        let dry = box.run("inventory", "netbox-import", rest, "--inventory", "inv", "--dry-run")
        #expect(dry.code == .success, "\(dry.err)")
        #expect(dry.out == keep + "\nWould import from NetBox: nothing new — dry run: nothing written\n")
        let merge = box.run("inventory", "netbox-import", rest, "--inventory", "inv")
        #expect(merge.out == keep + "\nImported from NetBox: nothing new\n")
        #expect(try box.snapshot("inv") == edited)

        let dryReplace = box.run("inventory", "netbox-import", rest, "--inventory", "inv", "--replace", "--dry-run", "--json")
        #expect(dryReplace.code == .success)
        let plan = try JSONParser.parse(dryReplace.out).value
        #expect(plan["replace"] == .bool(true) && plan["dry_run"] == .bool(true))
        #expect(plan["updated"]?["devices"] == .number(1))
        let change = try #require(plan["plan"]?["changes"]?.arrayValue?.first)
        #expect(change == .object([("action", .string("update")), ("kind", .string("device")), ("id", .string("huyen-an-binh-ap-02")),
                                   ("source", .string("netbox \(rest)/devices.json: results[1] (name \"huyen-an-binh-ap-02\")")),
                                   ("fields", .array([.object([("field", .string("ipv4")), ("effect", .string("removed")), ("old", .string("198.18.72.99"))])]))]))
        #expect(try box.snapshot("inv") == edited)
        let replace = box.run("inventory", "netbox-import", rest, "--inventory", "inv", "--replace")
        #expect(replace.out == "update device huyen-an-binh-ap-02: ipv4 −198.18.72.99\nImported from NetBox: devices 0 added, 1 updated\n")
        #expect(try box.snapshot("inv") == original)
    }

    @Test("one page of NetBox's list is refused, and named before any other error")
    func paginated() throws {
        let box = try Sandbox()
        try box.copyExample(to: "inv")
        let original = try box.snapshot("inv")
        try box.write("bad/vlans.json", "{\"count\": 1, \"results\": [{\"id\": 1, \"vid\": 1e999, \"name\": \"x\"}]}")
        let run = box.run("inventory", "netbox-import", "bad", Self.fixtures + "/rest-page1/devices.json", "--inventory", "inv")
        #expect(run.code == .usage)
        let lines = run.err.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("netbox \(Self.fixtures)/rest-page1/devices.json: holds 50 of 495 devices (a paginated response") == true)
        // 1e999 is refused by the JSON reader itself (too large for a number), naming the file and the value.
        #expect(lines.contains { $0.hasPrefix("netbox bad/vlans.json") && $0.contains("1e999") }, "\(lines)")
        #expect(try box.snapshot("inv") == original)
    }
}

/// A NetBox 4 device as its API returns it (the members v6ready reads, nested as NetBox nests them).
enum NetBoxFixtureCLI {
    static func device(id: Int, name: String, role: String, tenant: String, ip4: String?) -> String {
        """
        {"id": \(id), "url": "https://netbox.example/api/dcim/devices/\(id)/", "display": "\(name)", "name": "\(name)",
         "device_type": {"id": 9, "display": "Catalyst 9500-24Y4C", "manufacturer": {"id": 1, "display": "Cisco", "name": "Cisco", "slug": "cisco"},
                         "model": "Catalyst 9500-24Y4C", "slug": "c9500-24y4c"},
         "role": {"id": 3, "display": "\(role)", "name": "\(role)", "slug": "\(role)"},
         "tenant": {"id": 4, "display": "Sở TTTT", "name": "Sở Thông tin và Truyền thông", "slug": "\(tenant)"},
         "platform": {"id": 2, "display": "IOS XE", "name": "IOS XE", "slug": "ios-xe"},
         "site": {"id": 5, "display": "Trung tâm THDL", "name": "Trung tâm Tích hợp dữ liệu tỉnh", "slug": "so-tttt-ttthdl"},
         "status": {"value": "active", "label": "Active"},
         "primary_ip4": \(ip4.map { "{\"id\": 77, \"family\": 4, \"address\": \"\($0)\"}" } ?? "null"), "primary_ip6": null,
         "description": "", "comments": "", "custom_fields": {}}
        """
    }
}

@Suite("Operations: Prometheus text writer")
struct OperationsPrometheusTests {
    @Test("label values and help text are escaped; the strict parser reads back exactly what was written")
    func escaping() throws {
        let hostile = "Sở \"A\" \\ B\nline 2 {x=\"y\"}"
        let text = PrometheusText.render([
            PrometheusText.Family("v6ready_test_ratio", .gauge, help: "Help with \\ backslash\nand newline", [
                PrometheusText.Sample([("agency", hostile), ("family", "ipv6")], 0.25),
                PrometheusText.Sample([("agency", "plain"), ("family", "ipv6")], .nan),
            ]),
            PrometheusText.Family("v6ready_empty", .gauge, help: "left out", []),
            PrometheusText.Family("v6ready_big", .gauge, help: "big", [PrometheusText.Sample([], 1_716_000_000), PrometheusText.Sample([("x", "1")], -.infinity)]),
        ])
        #expect(text.contains("v6ready_test_ratio{agency=\"Sở \\\"A\\\" \\\\ B\\nline 2 {x=\\\"y\\\"}\",family=\"ipv6\"} 0.25\n"))
        #expect(text.contains("# HELP v6ready_test_ratio Help with \\\\ backslash\\nand newline\n"))
        #expect(!text.contains("v6ready_empty"))
        #expect(text.contains("v6ready_big 1716000000\n"))
        let families = try StrictPrometheusParser.parse(text)
        #expect(families.map(\.name) == ["v6ready_test_ratio", "v6ready_big"])
        #expect(families[0].help == "Help with \\ backslash\nand newline")
        #expect(families[0].samples[0].labels["agency"] == hostile)
        #expect(families[0].samples[1].value.isNaN)
        #expect(families[1].samples[1].value == -.infinity)
        #expect(PrometheusText.isValidMetricName("v6ready_a:b_1") && !PrometheusText.isValidMetricName("6ready") && !PrometheusText.isValidMetricName("v6-ready"))
        #expect(PrometheusText.isValidLabelName("site") && !PrometheusText.isValidLabelName("__name") && !PrometheusText.isValidLabelName("a:b"))
    }

    @Test("the strict parser refuses what node_exporter refuses", arguments: [
        ("v6ready_x 1\n", "without its HELP and TYPE"),
        ("# HELP v6ready_x x\n# TYPE v6ready_x gauge\nv6ready_x 1\n# HELP v6ready_y y\n# TYPE v6ready_y gauge\nv6ready_y 1\nv6ready_x 2\n", "without its HELP and TYPE"),
        ("# HELP v6ready_x x\n# TYPE v6ready_x gauge\nv6ready_x{a=\"1\"} 1\nv6ready_x{a=\"1\"} 2\n", "duplicate series"),
        ("# HELP v6ready_x x\n# TYPE v6ready_x gauge\nv6ready_x{a=\"1\",b=\"2\"} 1\nv6ready_x{b=\"2\",a=\"1\"} 2\n", "duplicate series"),
        ("# HELP v6ready_x x\n# TYPE v6ready_x gauge\nv6ready_x{a=\"a\"b\"} 1\n", "expected , or }"),
        ("# HELP v6ready_x x\n# TYPE v6ready_x gauge\nv6ready_x{a=\"\\t\"} 1\n", "invalid escape"),
        ("# HELP v6ready_x x\n# TYPE v6ready_x gauge\nv6ready_x 1 1716000000000\n", "timestamp"),
        ("# HELP v6ready_x x\n# TYPE v6ready_x gauge\nv6ready_x 1", "line feed"),
        ("# HELP v6ready_x x\n# TYPE v6ready_x gaug\nv6ready_x 1\n", "invalid TYPE"),
        ("# HELP v6ready-x x\n", "invalid metric name"),
        ("# HELP v6ready_x x\n# TYPE v6ready_x gauge\nv6ready_x{__a=\"1\"} 1\n", "invalid label name"),
        ("# HELP v6ready_x x\n# TYPE v6ready_x gauge\nv6ready_x one\n", "invalid value"),
        ("# HELP v6ready_x x\n# TYPE v6ready_x gauge\nv6ready_x 1\n# TYPE v6ready_x gauge\n", "after its samples"),
    ])
    func parserRefuses(_ input: String, _ reason: String) {
        #expect(throws: StrictPrometheusParser.ParseError.self) { try StrictPrometheusParser.parse(input) }
        do { _ = try StrictPrometheusParser.parse(input) } catch { #expect("\(error)".contains(reason), "\(error)") }
    }
}
