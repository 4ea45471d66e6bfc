import Foundation
import Synchronization
import V6System

/// A listener that speaks just enough SMTP for the mail checks, inside a lab namespace: it greets every connection
/// with `220 <banner>` (or whatever code the test chooses), answers QUIT with 221, and closes. Dual-stack on one
/// IPv6 socket (`IPV6_V6ONLY` off), so every address of the host answers on port 25.
final class LabMailListener: Sendable {
    private let socket: Socket
    private let greeting: String
    private let stopping = Atomic<Bool>(false)
    private let finished = Mutex<Bool>(false)
    let connections = Atomic<Int>(0)

    /// Binds `[::]:port` inside namespace `namespace` (the socket stays there; the serving thread needs no setns).
    init(namespace: String, port: UInt16 = 25, greeting: String = "220 mail.vidu.example ESMTP v6ready-lab") throws {
        self.greeting = greeting
        socket = try NetworkNamespace.withNetworkNamespace(named: namespace) {
            let socket = try Socket(.ipv6, .stream)
            try socket.setOption(level: 41 /* IPPROTO_IPV6 */, name: 26 /* IPV6_V6ONLY */, value: Int32(0))
            try socket.setOption(level: 1 /* SOL_SOCKET */, name: 2 /* SO_REUSEADDR */, value: Int32(1))
            try socket.bind(to: SocketAddress(ipv6High: 0, low: 0, port: port))
            try socket.listen()
            return socket
        }
        let thread = Thread { [self] in
            serve()
            finished.withLock { $0 = true }
        }
        thread.start()
    }

    func stop() {
        stopping.store(true, ordering: .releasing)
        for _ in 0..<400 where !finished.withLock({ $0 }) { Thread.sleep(forTimeInterval: 0.005) }
        try? socket.close()
    }

    private func serve() {
        guard let epoll = try? Epoll() else { return }
        defer { try? epoll.close() }
        try? epoll.add(socket.descriptor.rawValue, events: [.readable], token: 0)
        while !stopping.load(ordering: .acquiring) {
            guard let events = try? epoll.wait(timeoutMilliseconds: 20) else { return }
            guard !events.isEmpty else { continue }
            while case .processed(let connection)? = try? socket.accept() {
                connections.wrappingAdd(1, ordering: .relaxed)
                converse(connection)
                try? connection.close()
            }
        }
    }

    /// Greets, then waits (at most 2 s) for QUIT.
    private func converse(_ connection: Socket) {
        func send(_ text: String) {
            let bytes = Array(text.utf8)
            _ = try? bytes.withUnsafeBytes { raw in try connection.send(raw) }
        }
        send(greeting + "\r\n")
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 512)
        let deadline = Date().addingTimeInterval(2)
        while Date() < deadline, !stopping.load(ordering: .acquiring) {
            let result = try? chunk.withUnsafeMutableBytes { raw in try connection.receiveMessage(into: raw) }
            switch result {
            case .processed(let message)? where message.count > 0:
                received += chunk[..<message.count]
                if String(decoding: received, as: UTF8.self).uppercased().contains("QUIT") {
                    send("221 bye\r\n")
                    return
                }
            case .processed?:
                return
            default:
                Thread.sleep(forTimeInterval: 0.002)
            }
        }
    }
}
