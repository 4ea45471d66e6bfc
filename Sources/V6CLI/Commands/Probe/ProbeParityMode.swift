import V6Core
import V6Services

extension ProbeCommand {
    /// `probe --parity NAME|ADDR4,ADDR6...`: the same TCP ports over both families (the --tcp ports, else
    /// --parity-ports), the ICMPv6 policy of each IPv6 address, and TLS on 443 over each family. Exit 1 on findings.
    func runParity(console: Console) throws(CLIError) -> ExitCode {
        var settings = try services.settings
        settings.networkNamespace = probe.namespace
        let session = ProbeSession(namespace: probe.namespace)
        try session.enterNamespace()
        let scope = outsideScope ? nil : ScopeGuard(inventory: inventory, console: console).scope ?? Scope()
        let run = ServiceRun(settings: settings)
        let security = SecurityRun(timeoutMilliseconds: min(settings.options.timeoutMilliseconds, 2000), scope: scope)
        try ProbeSession.dropPrivileges(console: console)
        let ports = probe.tcp?.ports ?? probe.parityPortList
        var subjects: [SecuritySubject] = []
        var unresolved = false
        for text in targets {
            if let subject = try subject(text, ports: ports, run: run, console: console) { subjects.append(subject) } else { unresolved = true }
        }
        let report = security.check(subjects)
        for notice in run.notices + security.notices { console.error("v6ready: \(notice)") }
        for subject in subjects where !(scope.map { s in subject.parity.v4.allSatisfy(s.contains) && subject.parity.v6.allSatisfy(s.contains) } ?? true) {
            console.error("v6ready: \(subject.parity.target): addresses outside the inventory's scope were not probed (--outside-scope)")
        }
        let lines = report.lines.map { $0 + "\n" }.joined()
        console.outRaw(json ? lines : report.textLines.map { $0 + "\n" }.joined())
        if let output { try ReportWriter.writeFile(Array(lines.utf8), to: output, console: console) }
        return report.findingCount > 0 || unresolved ? .findings : .success
    }

    /// `portal.vidu.example` (its A and AAAA) or `203.0.113.80,2001:db8:80::80`; nil (said on stderr) when a name
    /// has no address of one family.
    func subject(_ text: String, ports: [Int], run: ServiceRun, console: Console) throws(CLIError) -> SecuritySubject? {
        let parts = text.split(separator: ",").map(String.init)
        if parts.count == 2, let a = IPAddress(parts[0]), let b = IPAddress(parts[1]), a.family != b.family {
            let (v4, v6) = a.family == .v4 ? (a, b) : (b, a)
            return SecuritySubject(parity: ParitySubject(record: nil, target: text, v4: [v4], v6: [v6], ports: ports))
        }
        guard parts.count == 1, IPAddress(text) == nil, let name = DNSName(text), !name.isRoot else {
            throw .argument("--parity takes a host name or an IPv4,IPv6 address pair, not \(quotedArgument(text))")
        }
        switch run.addresses(of: name) {
        case .failure(let why):
            console.error("v6ready: \(text): no addresses to compare: \(why.message)")
            return nil
        case .success(let found):
            guard !found.v4.isEmpty, !found.v6.isEmpty else {
                console.error("v6ready: \(text) is not dual-stack (\(found.v4.count) A, \(found.v6.count) AAAA): nothing to compare")
                return nil
            }
            return SecuritySubject(parity: ParitySubject(record: nil, target: ServiceRequest.displayName(name), v4: found.v4,
                                                         v6: found.v6, ports: ports),
                                   name: ServiceRequest.displayName(name))
        }
    }
}
