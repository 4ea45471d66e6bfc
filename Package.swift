// swift-tools-version:6.0
// v6ready — IPv4→IPv6 migration inventory, dual-stack probing, planning and compliance.
// No package dependencies (customer rule): Foundation, Glibc and our own C targets only.
import PackageDescription

let package = Package(
    name: "v6ready",
    products: [
        .executable(name: "v6ready", targets: ["v6ready"]),
    ],
    targets: [
        // Pure logic: addresses, JSON, CSV, inventory model and validation. No sockets, no clock, no Glibc.
        .target(name: "V6Core", dependencies: ["V6Crypto"]),
        // Pure cryptography for DNSSEC and TLS checks (hashes, big integers, RSA, ECDSA, Ed25519). No Glibc, no packages.
        .target(name: "V6Crypto"),
        // The system layer: the only module that imports Glibc (files, locks, atomic writes, sockets, namespaces).
        .target(name: "V6System", dependencies: ["CV6System"]),
        // Linux calls Swift's Glibc module lacks (sendmmsg, recvmmsg, setns, capset, prctl, CMSG macros, epoll).
        .target(name: "CV6System"),
        // The probe engine: schedulers, ICMP channels, TCP connects, the event loop. Uses the system layer; no Glibc.
        .target(name: "V6Probe", dependencies: ["V6Core", "V6System"]),
        // Commands: argument parsing, help, output. A library so help text and exit codes are testable.
        .target(name: "V6CLI", dependencies: ["V6Core", "V6System", "V6Probe", "V6Lab", "V6Services"]),
        // Service readiness: DNS client, HTTP and SMTP probes, per-service checks and verdicts (issue 4).
        .target(name: "V6Services", dependencies: ["V6Core", "V6System", "V6Probe"]),
        // Thin executable.
        .executableTarget(name: "v6ready", dependencies: ["V6CLI"]),
        .target(name: "V6Lab", dependencies: ["V6Core", "V6System"]),
        .executableTarget(name: "v6ready-testwriter", dependencies: ["V6System"], path: "Sources/v6ready-testwriter"),
        // Golden report files are read through #filePath, not bundled.
        // What several test targets share: finding and running the built executable.
        .target(name: "V6TestSupport", dependencies: ["V6System", "V6Core"], path: "Tests/Support"),
        .testTarget(name: "V6CoreTests", dependencies: ["V6Core"], exclude: ["Reports/Golden", "Operations/Fixtures", "LAN/Fixtures", "Security/Fixtures"]),
        .testTarget(name: "V6CryptoTests", dependencies: ["V6Crypto"]),
        .testTarget(name: "V6SystemTests", dependencies: ["V6System", "v6ready-testwriter"]),
        .testTarget(name: "V6LabTests", dependencies: ["V6Lab", "V6Core", "V6TestSupport"]),
        .testTarget(name: "V6ProbeTests", dependencies: ["V6Probe", "V6Core", "V6System", "V6Lab"]),
        .testTarget(name: "V6ServicesTests", dependencies: ["V6Services", "V6Core", "V6System", "V6Lab", "V6TestSupport", "v6ready"]),
        .testTarget(name: "V6CLITests", dependencies: ["V6CLI", "V6Core", "V6System", "V6Lab", "V6TestSupport", "v6ready"]),
    ],
    swiftLanguageModes: [.v6]
)
