import CV6System
import Glibc

/// A layer-3 TUN interface held open by this process (`/dev/net/tun`, `IFF_TUN | IFF_NO_PI`): every IP packet
/// the kernel routes out of the interface is read here, and every packet written here enters the kernel as if it
/// had arrived on the interface. The lab joins two of them with a user-space relay to add delay on kernels without
/// `sch_netem`. The interface exists only while the device is open: closing it (or this process ending) removes it.
public final class TunDevice: Sendable {
    /// The interface name (at most 15 bytes).
    public let name: String
    private let descriptor: FileDescriptor

    private init(name: String, descriptor: FileDescriptor) {
        self.name = name
        self.descriptor = descriptor
    }

    /// Creates interface `name` inside network namespace `namespace` (an `ip netns` name). The calling thread
    /// enters the namespace only for the `TUNSETIFF` call and comes back; the interface stays in `namespace`.
    /// Needs `CAP_NET_ADMIN` and `CAP_SYS_ADMIN`. The device is non-blocking.
    public static func create(named name: String, inNetworkNamespace namespace: String) throws -> TunDevice {
        guard !name.isEmpty, name.utf8.count < 16, !name.contains("/") else {
            throw SystemError("TUNSETIFF", arguments: "\(name): not an interface name", errno: .invalidArgument)
        }
        return try NetworkNamespace.withNetworkNamespace(named: namespace) {
            let descriptor = try FileDescriptor.open("/dev/net/tun", .readWrite, options: .nonBlocking)
            _ = try syscall("ioctl(TUNSETIFF)", arguments: "\(name) in \(namespace)") {
                cv6_tun_attach(descriptor.rawValue, name)
            }
            return TunDevice(name: name, descriptor: descriptor)
        }
    }

    /// The descriptor, to watch with `Epoll`; -1 once closed.
    public var rawDescriptor: Int32 { descriptor.rawValue }

    /// Reads one packet into `buffer` and returns its length, or nil when no packet is waiting.
    public func readPacket(into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int? {
        switch valueOrErrno({ Glibc.read(descriptor.rawValue, buffer.baseAddress, buffer.count) }) {
        case .success(let count): return count
        case .failure(let error) where error == .wouldBlock: return nil
        case .failure(let error):
            preconditionNotABug(error, "read")
            throw SystemError("read", arguments: "tun \(name)", errno: error)
        }
    }

    /// Hands one packet to the kernel as if it had arrived on the interface. Returns false when the device's queue
    /// is full (`EAGAIN`) and the packet was dropped, as a congested link would.
    @discardableResult
    public func writePacket(_ packet: UnsafeRawBufferPointer) throws(SystemError) -> Bool {
        switch valueOrErrno({ Glibc.write(descriptor.rawValue, packet.baseAddress, packet.count) }) {
        case .success: return true
        case .failure(let error) where error == .wouldBlock: return false
        case .failure(let error):
            preconditionNotABug(error, "write")
            throw SystemError("write", arguments: "tun \(name)", errno: error)
        }
    }

    /// Closes the device; the kernel removes the interface.
    public func close() throws(SystemError) {
        try descriptor.close()
    }
}
