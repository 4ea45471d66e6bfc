import Foundation
import Testing
import V6TestSupport
import V6Core
import V6Lab
import V6System

@Suite("CLI: demo", .serialized)
struct DemoTests {
    /// A copy of what the demo needs from the repository: the example inventory and the recorded scan.
    private func repositoryCopy() throws -> Sandbox {
        let box = try Sandbox()
        try box.copyExample(to: "inventories/example")
        let recorded = Sandbox.repositoryRoot + "/examples/recorded-scan"
        try FileSystem.createDirectory(box.path("examples/recorded-scan"), recursive: true)
        for name in try FileSystem.listDirectory(recorded) {
            try AtomicFile.write(try FileSystem.readFile(recorded + "/" + name), to: box.path("examples/recorded-scan/" + name))
        }
        return box
    }

    @Test("without the lab, the demo renders the plan from the recorded scan")
    func recorded() throws {
        let box = try repositoryCopy()
        let run = box.run("demo", "--recorded", "--lang", "en")
        #expect(run.code == .success, "\(run.err)")
        #expect(run.out.contains("recorded scan"))
        for name in ["plan.md", "plan.html", "plan.csv", "scores.csv", "plan.json"] {
            #expect(FileSystem.isRegularFile(box.path("reports/demo/" + name)), "\(name)")
        }
        let html = String(decoding: try box.read("reports/demo/plan.html"), as: UTF8.self)
        #expect(html.contains("<svg"))
    }

    @Test("outside the repository the demo says where to run it")
    func outsideRepository() throws {
        let box = try Sandbox()
        let run = box.run("demo")
        #expect(run.code == .environment)
        #expect(run.err.contains("run it from the v6ready repository folder"))
    }

    @Test("as root: lab from the inventory, scan, plan; the lab is gone afterwards",
          .enabled(if: currentUserIsRoot && Lab.isSupported().supported, Comment(rawValue: "needs root and network namespaces: \(Lab.isSupported().reason)")))
    func live() throws {
        let box = try repositoryCopy()
        let run = try runV6ready(["demo", "--lang", "vi"], in: box.directory, deadline: 300)
        #expect(run.status == 0, "\(run.out)\n\(run.err)")
        #expect(run.out.contains("the lab is removed"))
        #expect(run.out.contains("Sẵn sàng IPv6"))
        // The scan really happened: a scan file with reachable IPv6 results and the broken services not reachable.
        let scans = try FileSystem.listDirectory(box.path("reports/demo/scans")).filter { $0.hasSuffix(".jsonl") }
        #expect(scans.count == 1)
        let results = try String(decoding: box.read("reports/demo/scans/" + scans[0]), as: UTF8.self)
            .split(separator: "\n").compactMap { ProbeResult(json: try JSONParser.parse(String($0)).value) }
        #expect(results.contains { $0.family == .v6 && $0.status == .reachable })
        #expect(results.contains { $0.family == .v4 && $0.status == .reachable })
        // No namespace of that lab is left.
        let namespace = try #require(run.out.split(whereSeparator: { $0 == " " || $0 == "\n" }).first { $0.hasPrefix("v6r-") && $0.hasSuffix("-scanner…") })
        let prefix = String(namespace.prefix(10))
        let left = try FileSystem.listDirectory("/run/netns").filter { $0.hasPrefix(prefix) }
        #expect(left.isEmpty, "left behind: \(left)")
    }
}
