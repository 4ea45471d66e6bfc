import Synchronization
import V6System

/// Sends one prepared router advertisement to all nodes every 500 ms from inside a lab namespace: the lab's PREF64
/// source (RFC 8781), since Debian 12's radvd 2.19 predates the option. A raw ICMPv6 socket created in the
/// namespace, bound to its interface, hop limit 255; one thread, stopped and joined by `stop()`.
final class LabPREF64Announcer: Sendable {
    private let socket: Socket
    private let stopping = Atomic<Bool>(false)
    private let thread = Mutex<WorkerThread?>(nil)

    private init(socket: Socket) { self.socket = socket }

    static func start(namespace: String, interface: String, message: [UInt8]) throws -> LabPREF64Announcer {
        try LabNames.validateNamespace(namespace)
        try LabNames.validateInterface(interface)
        let (socket, index) = try NetworkNamespace.withNetworkNamespace(named: namespace) { () throws -> (Socket, UInt32) in
            let socket = try Socket(.ipv6, .raw, protocol: .icmpv6)
            try socket.bindToDevice(interface)
            try socket.setMulticastHopLimit(255)
            return (socket, try SocketAddress.interfaceIndex(named: interface))
        }
        let announcer = LabPREF64Announcer(socket: socket)
        let allNodes = SocketAddress(ipv6High: 0xff02_0000_0000_0000, low: 1, port: 0, scopeID: index)
        do {
            let worker = try WorkerThread(name: "v6ready pref64") {
                while !announcer.stopping.load(ordering: .acquiring) {
                    _ = try? socket.send(message, to: allNodes)
                    for _ in 0..<10 where !announcer.stopping.load(ordering: .acquiring) { Pause.sleep(nanoseconds: 50_000_000) }
                }
            }
            announcer.thread.withLock { $0 = worker }
        } catch {
            try? socket.close()
            throw error
        }
        return announcer
    }

    func stop() {
        stopping.store(true, ordering: .releasing)
        let worker = thread.withLock { t -> WorkerThread? in defer { t = nil }; return t }
        worker?.join()
        try? socket.close()
    }
}
