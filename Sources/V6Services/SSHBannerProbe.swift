import V6Core

/// Reads the identification line an SSH server sends first (RFC 4253 §4.2, `SSH-2.0-...`); nothing is sent.
enum SSHBannerProbe {
    static func banner(_ address: IPAddress, port: Int = 22, timeoutMilliseconds: Int) -> ManagementObservation.Outcome {
        let connection: TimedConnection
        do {
            connection = try TimedConnection(to: address, port: port, timeoutMilliseconds: timeoutMilliseconds)
        } catch {
            return .failed(error.message)
        }
        defer { connection.close() }
        var received: [UInt8] = []
        do {
            while received.count < 8192 {
                let bytes = try connection.receive(limit: 1024)
                if bytes.isEmpty { break }
                received += bytes
                // Servers may send other lines before the identification (RFC 4253 §4.2); it is the one starting SSH-.
                let lines = received.split(separator: 0x0A, omittingEmptySubsequences: false)
                for line in lines.dropLast() where line.starts(with: Array("SSH-".utf8)) {
                    let text = String(decoding: line.filter { $0 != 0x0D }, as: UTF8.self)
                    return .answered(String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }.prefix(120)
                        .map(Character.init)))
                }
            }
        } catch {
            return .failed(error.kind == .timedOut ? "connected, but no SSH banner within \(timeoutMilliseconds) ms" : error.message)
        }
        return .failed(received.isEmpty ? "the server closed the connection without a banner" : "not an SSH banner")
    }

    /// A TCP connect to the HTTPS admin port: the handshake time, or why not.
    static func connect(_ address: IPAddress, port: Int = 443, timeoutMilliseconds: Int) -> ManagementObservation.Outcome {
        do {
            let connection = try TimedConnection(to: address, port: port, timeoutMilliseconds: timeoutMilliseconds)
            defer { connection.close() }
            return .answered("handshake in \(Int(connection.connectMilliseconds.rounded(.up))) ms")
        } catch {
            return .failed(error.message)
        }
    }
}
