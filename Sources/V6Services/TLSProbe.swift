import Foundation
import V6Core

/// Our ClientHello to one address and what comes back, each attempt one connection bounded by one deadline. The
/// handshake is never finished: we read the ServerHello (and under TLS 1.2 the certificate chain) and close.
enum TLSProbe {
    /// The hello offering TLS 1.2 and 1.3; when the server picks 1.3, a second hello offering 1.2 only, to see the
    /// certificate in clear (or learn that the server speaks TLS 1.3 only).
    static func observe(_ address: IPAddress, port: Int = 443, serverName: String?, timeoutMilliseconds: Int) -> TLSAddressObservation {
        let offered = attempt(address, port: port, serverName: serverName, offersTLS13: true, timeoutMilliseconds: timeoutMilliseconds)
        var observation = TLSAddressObservation(address: address, port: port, offered: offered)
        if offered.serverHello?.version == 0x0304 || offered.serverHello?.isHelloRetryRequest == true {
            observation.tls12 = attempt(address, port: port, serverName: serverName, offersTLS13: false,
                                        timeoutMilliseconds: timeoutMilliseconds)
        }
        return observation
    }

    static func attempt(_ address: IPAddress, port: Int, serverName: String?, offersTLS13: Bool,
                        timeoutMilliseconds: Int) -> TLSAttempt {
        let connection: TimedConnection
        do {
            connection = try TimedConnection(to: address, port: port, timeoutMilliseconds: timeoutMilliseconds)
        } catch {
            return .failed(error.message)
        }
        defer { connection.close() }
        var generator = SystemRandomNumberGenerator()
        func random() -> [UInt8] { (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) } }
        let hello = TLSClientHello(serverName: serverName, random: random(), sessionID: random(), keyShare: random(),
                                   offersTLS13: offersTLS13)
        var flight = TLSServerFlight()
        do {
            try connection.sendAll(hello.record)
            while !flight.isComplete {
                let bytes = try connection.receive()
                if bytes.isEmpty {
                    return .failed(flight.serverHello == nil ? "the server closed the connection without a ServerHello"
                                   : "the server closed the connection before its certificate")
                }
                try flight.append(bytes)
            }
        } catch let error as ConnectionFailure {
            if let hello = flight.serverHello { return .hello(hello, certificates: flight.certificates) }
            return .failed(error.kind == .timedOut ? "connected, but no ServerHello within \(timeoutMilliseconds) ms" : error.message)
        } catch let error as TLSDecodeError {
            return .failed(error.message)
        } catch {
            return .failed("\(error)")
        }
        if let alert = flight.alert, flight.serverHello == nil { return .alert(alert) }
        guard let serverHello = flight.serverHello else { return .failed("no ServerHello") }
        return .hello(serverHello, certificates: flight.certificates)
    }

    /// Now, as certificates count time.
    static var now: CertificateTime { CertificateTime(secondsSince1970: Int64(Date().timeIntervalSince1970)) }
}
