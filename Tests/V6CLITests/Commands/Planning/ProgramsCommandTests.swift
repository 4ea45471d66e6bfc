import Testing
@testable import V6CLI
import V6Core

@Suite("CLI: programs and --program ID|FILE")
struct ProgramsCommandTests {
    @Test("programs lists both built-in programs with their periods; programs ID shows phases and derived targets")
    func list() throws {
        let box = try Sandbox()
        let list = box.run("programs")
        #expect(list.code == .success)
        #expect(list.out.contains("ipv6-for-gov-2022-2025  2022-01-01 – 2025-12-31") && list.out.contains("ipv6-only-2026-2030     2026-01-01 – 2030-12-31"))
        let one = box.run("programs", "ipv6-only-2026-2030", "--lang", "vi")
        #expect(one.out.contains("CHỈ TIÊU: thuần IPv6") && one.out.contains("suy ra:"))
        let json = try JSONParser.parse(box.run("programs", "--json").out).value
        #expect(json.arrayValue?.map { $0["id"]?.stringValue } == ["ipv6-for-gov-2022-2025", "ipv6-only-2026-2030"])
        #expect(box.run("programs", "nope").code == .usage)
    }

    @Test("plan follows the program in force on --date, or the one named by id")
    func choice() throws {
        let box = try Sandbox()
        try box.copyExample(to: "inv")
        let scan = Sandbox.repositoryRoot + "/examples/recorded-scan/20240515T020000Z.jsonl"
        for (date, program) in [("2024-06-30", "ipv6-for-gov-2022-2025"), ("2026-12-03", "ipv6-only-2026-2030")] {
            let run = box.run("plan", "--inventory", "inv", "--scan", scan, "--date", date, "-o", "out-\(date)")
            #expect(run.code == .success, "\(run.err)")
            #expect(try JSONParser.parse(box.read("out-\(date)/plan.json")).value["program"]?.stringValue == program)
        }
        let named = box.run("plan", "--inventory", "inv", "--scan", scan, "--date", "2026-12-03", "--program", "ipv6-for-gov-2022-2025", "-o", "named")
        #expect(named.code == .success)
        #expect(try JSONParser.parse(box.read("named/plan.json")).value["program"]?.stringValue == "ipv6-for-gov-2022-2025")
        let bad = box.run("plan", "--inventory", "inv", "--program", "ipv6-only-2031")
        #expect(bad.code == .usage && bad.err.contains("is neither a built-in program"))
    }
}
