import V6Core
import V6System

/// The conversations the checks have with a service, each bounded by one deadline.
enum ServiceProbes {
    /// `GET /` on port 80 of `address` with the site's Host header: status and body (at most 1 MiB kept).
    static func fetchPage(_ address: IPAddress, host: String, port: Int = 80,
                          timeoutMilliseconds: Int) -> FetchObservation.Outcome {
        let connection: TimedConnection
        do {
            connection = try TimedConnection(to: address, port: port, timeoutMilliseconds: timeoutMilliseconds)
        } catch {
            return .failed(error.message)
        }
        defer { connection.close() }
        var reader = HTTPResponseReader()
        do {
            try connection.sendAll(HTTPRequest.get(host: host, port: port))
            while reader.response == nil {
                let bytes = try connection.receive()
                if bytes.isEmpty { return .response(try reader.finish()) }
                try reader.append(bytes)
            }
            return .response(reader.response!)
        } catch let error as ConnectionFailure {
            return .failed(error.message)
        } catch let error as HTTPParseError {
            return .failed("not an HTTP response: \(error.message)")
        } catch {
            return .failed("\(error)")
        }
    }

    /// Waits for the SMTP greeting on port 25, then says QUIT and leaves (nothing is ever sent before the greeting,
    /// so a server that punishes early talkers has no reason to).
    static func smtpGreeting(_ address: IPAddress, port: Int = 25, timeoutMilliseconds: Int) -> GreetingObservation.Outcome {
        let started = SystemClock.monotonicNanoseconds()
        let connection: TimedConnection
        do {
            connection = try TimedConnection(to: address, port: port, timeoutMilliseconds: timeoutMilliseconds)
        } catch {
            return .failed(error.message)
        }
        defer { connection.close() }
        var reader = SMTPGreetingReader()
        do {
            while reader.greeting == nil {
                let bytes = try connection.receive(limit: 4096)
                if bytes.isEmpty { return .failed("the server closed the connection without a greeting") }
                try reader.append(bytes)
            }
            let elapsed = Double(SystemClock.monotonicNanoseconds() - started) / 1e6
            try? connection.sendAll(Array("QUIT\r\n".utf8))
            return .greeting(reader.greeting!, milliseconds: elapsed)
        } catch let error as ConnectionFailure {
            return .failed(error.kind == .timedOut ? "connected, but no greeting within \(timeoutMilliseconds) ms" : error.message)
        } catch let error as SMTPParseError {
            return .failed("not an SMTP greeting: \(error.message)")
        } catch {
            return .failed("\(error)")
        }
    }
}
