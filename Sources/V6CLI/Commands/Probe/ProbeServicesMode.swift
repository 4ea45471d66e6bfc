import V6Core
import V6Services

extension ProbeCommand {
    /// `probe --service KIND NAME...`: one verdict per name, with its sub-checks. Addresses outside the inventory's
    /// scope (unless --outside-scope) are not probed and their checks say so.
    func runServices(_ profile: CheckProfile, console: Console) throws(CLIError) -> ExitCode {
        var settings = try services.settings
        settings.networkNamespace = probe.namespace
        var requests: [ServiceRequest] = []
        for text in targets {
            guard let name = DNSName(text), !name.isRoot, IPAddress(text) == nil else {
                throw .argument("--service takes host names, not \(quotedArgument(text))")
            }
            var request = ServiceRequest(profile: profile, name: name)
            if let ports = probe.tcp?.ports, !ports.isEmpty { request.ports = ports }
            requests.append(request)
        }
        if !outsideScope { settings.options.scope = ScopeGuard(inventory: inventory, console: console).scope ?? Scope() }
        let session = ProbeSession(namespace: probe.namespace)
        try session.enterNamespace()
        settings.vantage = probe.resolveVantage(console: console)
        let run = ServiceRun(settings: settings)
        try ProbeSession.dropPrivileges(console: console)
        let reports = run.check(requests)
        for notice in run.notices { console.error("v6ready: \(notice)") }
        let lines = (run.nat64.map { [$0.jsonLine + "\n"] } ?? []).joined() + reports.map { $0.jsonLine + "\n" }.joined()
        if json {
            console.outRaw(lines)
        } else {
            if let nat64 = run.nat64 { console.out(nat64.text + "\n") }
            console.outRaw(reports.map(ServiceReportText.detail).joined(separator: "\n"))
        }
        if let output { try ReportWriter.writeFile(Array(lines.utf8), to: output, console: console) }
        return failUnreachable && reports.contains(where: { $0.verdict != .green }) ? .findings : .success
    }
}
