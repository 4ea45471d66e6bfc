import Foundation
import V6Core

/// A self-signed TLS certificate made with `openssl` for a lab web site: its names, its validity (any dates, expired
/// ones included, through `openssl ca -startdate/-enddate`), written as PEM files in a private directory that
/// `remove()` deletes. Only typed values reach the command line (names are checked host names, dates are digits).
public struct LabCertificate: Sendable, Hashable {
    public var commonName: String
    /// subjectAltName DNS names; empty puts none (the CN alone).
    public var dnsNames: [String]
    /// `YYYYMMDDHHMMSSZ`.
    public var notBefore: String
    public var notAfter: String
    public private(set) var certificatePath = ""
    public private(set) var keyPath = ""
    public private(set) var directory = ""

    /// `notBefore`/`notAfter` as `YYYYMMDDHHMMSSZ` (GeneralizedTime form; openssl writes UTCTime before 2050).
    public init(commonName: String, dnsNames: [String]? = nil, notBefore: String, notAfter: String) {
        self.commonName = commonName
        self.dnsNames = dnsNames ?? [commonName]
        self.notBefore = notBefore
        self.notAfter = notAfter
    }

    /// `YYYYMMDDHHMMSSZ` for a date `days` from `date` (negative: before).
    public static func stamp(days: Double, from date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss'Z'"
        return formatter.string(from: date.addingTimeInterval(days * 86_400))
    }

    /// Whether `make()` has written it (a spec may name a certificate the lab makes when it starts its server).
    public var isMade: Bool { !certificatePath.isEmpty }

    /// Makes the key (P-256) and the certificate in a new private directory, inside `parent` when given (then
    /// removing `parent` removes it too); throws `LabError` with openssl's stderr when it fails.
    public func make(in parent: String? = nil) throws -> LabCertificate {
        for name in [commonName] + dnsNames {
            guard !name.isEmpty, name.utf8.allSatisfy({ LabNames.isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-")
                || $0 == UInt8(ascii: ".") }) else {
                throw LabError.invalidSpec("certificate name \(String(reflecting: name)) is not a lower-case host name")
            }
        }
        for stamp in [notBefore, notAfter] {
            guard stamp.utf8.count == 15, stamp.hasSuffix("Z"), stamp.utf8.dropLast().allSatisfy({ (0x30...0x39).contains($0) }) else {
                throw LabError.invalidSpec("certificate date \(String(reflecting: stamp)) is not YYYYMMDDHHMMSSZ")
            }
        }
        let base = parent.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? NSTemporaryDirectory()
        let directory = base + "v6ready-cert-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        do {
            let configuration = """
                [ ca ]
                default_ca = lab
                [ lab ]
                dir = \(directory)
                database = \(directory)/index.txt
                new_certs_dir = \(directory)
                serial = \(directory)/serial
                default_md = sha256
                policy = any
                copy_extensions = copy
                unique_subject = no
                [ any ]
                commonName = supplied

                """
            try configuration.write(toFile: directory + "/ca.cnf", atomically: true, encoding: .utf8)
            try "".write(toFile: directory + "/index.txt", atomically: true, encoding: .utf8)
            try "01\n".write(toFile: directory + "/serial", atomically: true, encoding: .utf8)
            var request = ["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                           "-keyout", directory + "/key.pem", "-out", directory + "/request.csr", "-subj", "/CN=\(commonName)"]
            if !dnsNames.isEmpty { request += ["-addext", "subjectAltName=" + dnsNames.map { "DNS:\($0)" }.joined(separator: ",")] }
            try LabCommand.check(.openssl, request)
            try LabCommand.check(.openssl, ["ca", "-batch", "-config", directory + "/ca.cnf", "-selfsign", "-keyfile", directory + "/key.pem",
                                            "-in", directory + "/request.csr", "-out", directory + "/certificate.pem",
                                            "-startdate", notBefore, "-enddate", notAfter, "-notext"])
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
        var made = self
        made.directory = directory
        made.certificatePath = directory + "/certificate.pem"
        made.keyPath = directory + "/key.pem"
        return made
    }

    /// The certificate as DER (what a TLS server sends), for tests that compare fingerprints.
    public func der() throws -> [UInt8] {
        let text = try String(contentsOfFile: certificatePath, encoding: .utf8)
        let body = text.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        guard let data = Data(base64Encoded: body) else { throw LabError.unsupported("\(certificatePath) is not PEM") }
        return [UInt8](data)
    }

    public func remove() {
        if !directory.isEmpty { try? FileManager.default.removeItem(atPath: directory) }
    }
}

/// How a lab site speaks TLS on 443: its certificate and the protocol versions nginx allows.
public struct LabTLS: Sendable, Hashable {
    public var certificate: LabCertificate
    /// nginx `ssl_protocols`, e.g. `TLSv1.2 TLSv1.3` or `TLSv1.3` (a TLS 1.3-only server).
    public var protocols: [String]

    public init(certificate: LabCertificate, protocols: [String] = ["TLSv1.2", "TLSv1.3"]) {
        self.certificate = certificate
        self.protocols = protocols
    }
}
