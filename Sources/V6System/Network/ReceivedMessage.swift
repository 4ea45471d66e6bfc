import CV6System
import Glibc

/// One received datagram: its length, sender, and what the kernel attached to it.
public struct ReceivedMessage: Sendable, Equatable {
    /// Bytes received into the buffer (at most its size).
    public var count: Int
    /// The sender, or nil for a connected stream.
    public var sender: SocketAddress?
    /// The arrival time stamped by the kernel (`SO_TIMESTAMPNS`), nanoseconds since the epoch (CLOCK_REALTIME).
    public var kernelTimestamp: Int64?
    /// The TTL / hop limit the datagram arrived with (`IP_TTL`, `IPV6_HOPLIMIT` control messages).
    public var hopLimit: Int32?
    /// The datagram was longer than the buffer and was cut (`MSG_TRUNC`).
    public var isTruncated: Bool

    public init(count: Int, sender: SocketAddress?, kernelTimestamp: Int64? = nil, hopLimit: Int32? = nil,
                isTruncated: Bool = false) {
        self.count = count
        self.sender = sender
        self.kernelTimestamp = kernelTimestamp
        self.hopLimit = hopLimit
        self.isTruncated = isTruncated
    }

    /// Room for the control messages we ask for: a timestamp and a hop limit, with headers and padding.
    static let controlCapacity = 128

    /// Reads a `msghdr` the kernel filled in (`recvmsg`, `recvmmsg`).
    init(header: UnsafeMutablePointer<msghdr>, count: Int) {
        self.count = count
        sender = header.pointee.msg_name.flatMap { SocketAddress($0, length: header.pointee.msg_namelen) }
        isTruncated = header.pointee.msg_flags & Int32(MSG_TRUNC) != 0
        kernelTimestamp = nil
        hopLimit = nil
        guard header.pointee.msg_control != nil, header.pointee.msg_controllen > 0 else { return }
        var message = cv6_cmsg_firsthdr(header)
        while let current = message {
            let level = current.pointee.cmsg_level
            let type = current.pointee.cmsg_type
            let data = cv6_cmsg_data(current)!
            let dataLength = current.pointee.cmsg_len - UnsafeRawPointer(current).distance(to: data)
            switch (level, type) {
            case (SOL_SOCKET, SO_TIMESTAMPNS) where dataLength >= MemoryLayout<timespec>.size:
                let time = data.loadUnaligned(as: timespec.self)
                kernelTimestamp = Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
            case (Int32(IPPROTO_IP), IP_TTL) where dataLength >= MemoryLayout<Int32>.size,
                 (Int32(IPPROTO_IPV6), IPV6_HOPLIMIT) where dataLength >= MemoryLayout<Int32>.size:
                hopLimit = data.loadUnaligned(as: Int32.self)
            default:
                break
            }
            message = cv6_cmsg_nxthdr(header, current)
        }
    }
}
