/// The process exit codes, the contract cron jobs and scripts rely on (see DESIGN.md).
public enum ExitCode: Int32, Sendable {
    /// Success; for `check`, compliant.
    case success = 0
    /// Findings: non-compliant, or unreachable targets when asked to fail on them.
    case findings = 1
    /// Bad input or usage.
    case usage = 2
    /// Permission or environment: no raw sockets, no namespace, lock held.
    case environment = 3
    /// A bug in v6ready.
    case internalError = 4
}

import Foundation

/// Ends the process with `code`. Output is written unbuffered through `Console`, so nothing is lost.
public func exitProcess(with code: ExitCode) -> Never {
    exit(code.rawValue)
}
