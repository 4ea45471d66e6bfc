/// Turns sub-checks into one colour, the same way every time and only from what the checks say, so a reader can
/// always see why (internet.nl#202 fails a domain while every shown sub-test is green; here that cannot happen):
///
/// 1. absent on purpose (a null MX, a name that does not exist) → gray;
/// 2. a publication check failed and no IPv6 address is published anywhere → red;
/// 3. any check failed → yellow (published but not working, or working with a problem: a PMTU black hole, the
///    Happy Eyeballs penalty, no PTR, IPv4 gone);
/// 4. at least one function check passed → green (quality checks that were not testable do not spoil it);
/// 5. otherwise nothing could be tested → gray.
public enum ServiceVerdictRules {
    /// The colour and the one-line reason for it. `ipv6Published` is the number of IPv6 addresses found for the
    /// service (in DNS, or in the inventory when it has no name); `absence` says why the service is absent on purpose.
    public static func verdict(checks: [ServiceCheck], ipv6Published: Int, absence: String? = nil)
        -> (colour: ServiceColour, reason: String)
    {
        if let absence { return (.gray, absence) }
        let failures = checks.filter { $0.result == .fail }
        if ipv6Published == 0, let publication = failures.first(where: { $0.role == .publication }) {
            return (.red, "no IPv6 address published: \(publication.explanation)")
        }
        if !failures.isEmpty {
            // Name the failure that matters most: one of IPv6 itself before a quality problem.
            let first = failures.first { $0.role != .quality } ?? failures[0]
            let more = failures.count > 1 ? " (and \(failures.count - 1) more failed check\(failures.count > 2 ? "s" : ""))" : ""
            let lead = first.role == .quality ? "works over IPv6, but" : "IPv6 published but not working:"
            return (.yellow, "\(lead) \(first.subject) — \(first.explanation)\(more)")
        }
        let passed = checks.filter { $0.result == .pass }
        if passed.contains(where: { $0.role == .function }) {
            let untested = checks.count - passed.count
            return (.green, "works over IPv6: \(passed.count) check\(passed.count == 1 ? "" : "s") passed"
                + (untested > 0 ? ", \(untested) not testable" : ""))
        }
        let cause = checks.first { $0.result == .notTestable && $0.role != .publication }
            ?? checks.first { $0.result == .notTestable }
        return (.gray, "not testable over IPv6" + (cause.map { ": \($0.subject) — \($0.explanation)" } ?? ""))
    }
}

extension ServiceCheck {
    /// `tcp-443-v6 2001:db8::20`: how reasons name a check.
    var subject: String {
        address.map { "\(name) \($0)" } ?? name
    }
}
