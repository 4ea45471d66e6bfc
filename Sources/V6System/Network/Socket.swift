import CV6System
import Glibc

/// A socket descriptor and the typed calls on it (after swift-nio's BaseSocket): non-blocking and
/// close-on-exec by default; `EAGAIN` comes back as `IOResult.wouldBlock`, other failures as `SystemError`
/// naming the call and the peer, e.g. `connect([::1]:9): Connection refused`.
public final class Socket: Sendable {
    /// The socket type (`SOCK_STREAM`, `SOCK_DGRAM`, `SOCK_RAW`).
    public enum Kind: Sendable, Hashable {
        case stream, datagram, raw

        var rawValue: Int32 {
            switch self {
            case .stream: Int32(SOCK_STREAM.rawValue)
            case .datagram: Int32(SOCK_DGRAM.rawValue)
            case .raw: Int32(SOCK_RAW.rawValue)
            }
        }

        var name: String {
            switch self {
            case .stream: "SOCK_STREAM"
            case .datagram: "SOCK_DGRAM"
            case .raw: "SOCK_RAW"
            }
        }
    }

    /// The protocol argument of `socket(2)`.
    public struct ProtocolNumber: RawRepresentable, Hashable, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// 0: the default protocol of the socket type.
        public static let `default` = ProtocolNumber(rawValue: 0)
        /// `IPPROTO_TCP`.
        public static let tcp = ProtocolNumber(rawValue: Int32(IPPROTO_TCP))
        /// `IPPROTO_UDP`.
        public static let udp = ProtocolNumber(rawValue: Int32(IPPROTO_UDP))
        /// `IPPROTO_ICMP`: with `.raw`, ICMP for IPv4 (received packets start with the IPv4 header).
        public static let icmp = ProtocolNumber(rawValue: Int32(IPPROTO_ICMP))
        /// `IPPROTO_ICMPV6`: with `.raw`, ICMPv6 (the kernel fills in the checksum; no IPv6 header on receive).
        public static let icmpv6 = ProtocolNumber(rawValue: Int32(IPPROTO_ICMPV6))
    }

    /// The descriptor this socket owns.
    public let descriptor: FileDescriptor
    public let family: SocketAddress.Family
    public let kind: Kind

    /// Opens a socket with `socket(2)`, non-blocking unless `blocking` is true, always close-on-exec.
    /// A raw socket without `CAP_NET_RAW` fails with `EPERM`.
    public init(
        _ family: SocketAddress.Family,
        _ kind: Kind,
        protocol number: ProtocolNumber = .default,
        blocking: Bool = false
    ) throws(SystemError) {
        let type = kind.rawValue | Int32(SOCK_CLOEXEC.rawValue) | (blocking ? 0 : Int32(SOCK_NONBLOCK.rawValue))
        let rawValue = try syscall("socket", arguments: "\(family.name), \(kind.name), \(number.rawValue)") {
            Glibc.socket(family.rawValue, type, number.rawValue)
        }
        descriptor = FileDescriptor(takingOwnershipOf: rawValue)
        self.family = family
        self.kind = kind
    }

    private init(descriptor: FileDescriptor, family: SocketAddress.Family, kind: Kind) {
        self.descriptor = descriptor
        self.family = family
        self.kind = kind
    }

    /// How error messages name this socket.
    private var subject: String {
        "fd \(descriptor.rawValue)"
    }

    /// Closes the socket (`close(2)`, never retried).
    public func close() throws(SystemError) {
        try descriptor.close()
    }

    // MARK: Addresses and connections

    /// Binds the socket to a local address with `bind(2)`; port 0 lets the kernel choose.
    public func bind(to address: SocketAddress) throws(SystemError) {
        _ = try address.withSocketAddressPointer { (pointer, length) throws(SystemError) in
            try syscall("bind", arguments: address.description) { Glibc.bind(descriptor.rawValue, pointer, length) }
        }
    }

    /// The local address, e.g. the port the kernel chose (`getsockname(2)`).
    public func localAddress() throws(SystemError) -> SocketAddress {
        try queryAddress("getsockname") { getsockname($0, $1, $2) }
    }

    /// The connected peer (`getpeername(2)`).
    public func remoteAddress() throws(SystemError) -> SocketAddress {
        try queryAddress("getpeername") { getpeername($0, $1, $2) }
    }

    private func queryAddress(
        _ call: String,
        _ body: (Int32, UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) -> Int32
    ) throws(SystemError) -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = try withUnsafeMutablePointer(to: &storage) { pointer throws(SystemError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw throws(SystemError) in
                try syscall(call, arguments: subject) { body(descriptor.rawValue, raw, &length) }
            }
        }
        guard let address = withUnsafeBytes(of: &storage, { SocketAddress($0.baseAddress!, length: length) }) else {
            throw SystemError(call, arguments: subject, errno: .addressFamilyNotSupported)
        }
        return address
    }

    /// What a non-blocking `connect(2)` did.
    public enum ConnectResult: Sendable, Equatable {
        /// Connected at once (possible on loopback).
        case connected
        /// Started (`EINPROGRESS`): wait until the socket is writable, then read `pendingError()`.
        case inProgress
    }

    /// Starts connecting to `address` with `connect(2)`. Failures known at once (`ECONNREFUSED`,
    /// `ENETUNREACH`) are thrown; later ones arrive through `pendingError()`.
    public func connect(to address: SocketAddress) throws(SystemError) -> ConnectResult {
        let result = address.withSocketAddressPointer { (pointer, length) in
            valueOrErrno { Glibc.connect(descriptor.rawValue, pointer, length) }
        }
        switch result {
        case .success:
            return .connected
        case .failure(let error) where error == .inProgress:
            return .inProgress
        case .failure(let error):
            preconditionNotABug(error, "connect")
            throw SystemError("connect", arguments: address.description, errno: error)
        }
    }

    /// The error a non-blocking connect ended with, or nil when it succeeded (`getsockopt(SO_ERROR)`,
    /// which also clears it).
    public func pendingError() throws(SystemError) -> Errno? {
        let value: Int32 = try option(level: SOL_SOCKET, name: SO_ERROR)
        return value == 0 ? nil : Errno(rawValue: value)
    }

    /// Marks a stream socket as accepting connections (`listen(2)`).
    public func listen(backlog: Int32 = 128) throws(SystemError) {
        _ = try syscall("listen", arguments: subject) { Glibc.listen(descriptor.rawValue, backlog) }
    }

    /// Accepts one connection (`accept4(2)`, non-blocking and close-on-exec), or `.wouldBlock` if none waits.
    public func accept() throws(SystemError) -> IOResult<Socket> {
        let flags = Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        switch try nonBlockingSyscall("accept4", arguments: subject, { cv6_accept4(descriptor.rawValue, nil, nil, flags) }) {
        case .wouldBlock:
            return .wouldBlock
        case .processed(let rawValue):
            return .processed(Socket(descriptor: FileDescriptor(takingOwnershipOf: rawValue), family: family,
                                     kind: kind))
        }
    }

    // MARK: Options

    /// Sets a socket option with `setsockopt(2)`.
    public func setOption<Value: BitwiseCopyable>(level: Int32, name: Int32, value: Value) throws(SystemError) {
        var value = value
        _ = try syscall("setsockopt", arguments: "\(subject), \(level), \(name)") {
            setsockopt(descriptor.rawValue, level, name, &value, socklen_t(MemoryLayout<Value>.size))
        }
    }

    /// Reads a socket option with `getsockopt(2)`.
    public func option<Value: BitwiseCopyable>(level: Int32, name: Int32) throws(SystemError) -> Value {
        try withUnsafeTemporaryAllocation(of: Value.self, capacity: 1) { buffer throws(SystemError) in
            var length = socklen_t(MemoryLayout<Value>.size)
            UnsafeMutableRawBufferPointer(buffer).initializeMemory(as: UInt8.self, repeating: 0)
            _ = try syscall("getsockopt", arguments: "\(subject), \(level), \(name)") {
                getsockopt(descriptor.rawValue, level, name, buffer.baseAddress, &length)
            }
            return UnsafeRawPointer(buffer.baseAddress!).load(as: Value.self)
        }
    }

    /// Asks the kernel to stamp each received datagram with its arrival time (`SO_TIMESTAMPNS`), reported as
    /// `ReceivedMessage.kernelTimestamp` (CLOCK_REALTIME nanoseconds: compare with
    /// `SystemClock.realtimeNanoseconds()` taken at send time).
    public func enableReceiveTimestamps() throws(SystemError) {
        try setOption(level: SOL_SOCKET, name: SO_TIMESTAMPNS, value: Int32(1))
    }

    /// Asks the kernel to report each received datagram's TTL / hop limit (`IP_RECVTTL`,
    /// `IPV6_RECVHOPLIMIT`), as `ReceivedMessage.hopLimit`.
    public func enableReceiveHopLimit() throws(SystemError) {
        switch family {
        case .ipv4: try setOption(level: Int32(IPPROTO_IP), name: IP_RECVTTL, value: Int32(1))
        case .ipv6: try setOption(level: Int32(IPPROTO_IPV6), name: IPV6_RECVHOPLIMIT, value: Int32(1))
        }
    }

    /// Sends IPv4 packets with Don't Fragment and never fragments locally (`IP_MTU_DISCOVER` = `IP_PMTUDISC_DO`,
    /// as `ping -M do`): a too-large probe then draws "fragmentation needed" instead of passing in pieces, and the
    /// kernel skips choosing an IP identification for each packet. IPv6 never fragments in transit anyway.
    public func setDontFragment() throws(SystemError) {
        guard family == .ipv4 else { return }
        try setOption(level: Int32(IPPROTO_IP), name: IP_MTU_DISCOVER, value: Int32(IP_PMTUDISC_DO))
    }

    /// Sets the kernel receive buffer (`SO_RCVBUF`); a fast sweep needs room for many replies at once.
    public func setReceiveBufferSize(_ bytes: Int32) throws(SystemError) {
        try setOption(level: SOL_SOCKET, name: SO_RCVBUF, value: bytes)
    }

    /// Sets the kernel send buffer (`SO_SNDBUF`).
    public func setSendBufferSize(_ bytes: Int32) throws(SystemError) {
        try setOption(level: SOL_SOCKET, name: SO_SNDBUF, value: bytes)
    }

    /// Sends only through interface `name` and receives only what arrived on it (`SO_BINDTODEVICE`; needs
    /// `CAP_NET_RAW`, so set it before dropping privileges). The LAN audit listens to one link and no other.
    public func bindToDevice(_ name: String) throws(SystemError) {
        var bytes = Array(name.utf8)
        bytes.append(0)
        _ = try syscall("setsockopt", arguments: "\(subject), SO_BINDTODEVICE, \(name)") {
            setsockopt(descriptor.rawValue, SOL_SOCKET, SO_BINDTODEVICE, &bytes, socklen_t(bytes.count))
        }
    }

    /// Lets another socket bind the same port (`SO_REUSEADDR`), e.g. the DHCPv6 client port 546.
    public func setReuseAddress() throws(SystemError) {
        try setOption(level: SOL_SOCKET, name: SO_REUSEADDR, value: Int32(1))
    }

    /// The hop limit of IPv6 multicast packets (`IPV6_MULTICAST_HOPS`): 255 for neighbour discovery (RFC 4861 §6.1:
    /// receivers drop router solicitations with any other), 1 for DHCPv6.
    public func setMulticastHopLimit(_ hops: Int32) throws(SystemError) {
        try setOption(level: Int32(IPPROTO_IPV6), name: IPV6_MULTICAST_HOPS, value: hops)
    }

    /// The hop limit of IPv6 unicast packets (`IPV6_UNICAST_HOPS`).
    public func setUnicastHopLimit(_ hops: Int32) throws(SystemError) {
        try setOption(level: Int32(IPPROTO_IPV6), name: IPV6_UNICAST_HOPS, value: hops)
    }

    /// Whether our own IPv6 multicast comes back to us (`IPV6_MULTICAST_LOOP`): off, so an echo to all nodes is not
    /// answered by this host itself.
    public func setMulticastLoop(_ enabled: Bool) throws(SystemError) {
        try setOption(level: Int32(IPPROTO_IPV6), name: IPV6_MULTICAST_LOOP, value: Int32(enabled ? 1 : 0))
    }

    /// The MTU of interface `name` in this socket's namespace (`ioctl(SIOCGIFMTU)`; sysfs would show the namespace
    /// the process started in, not the one a `setns` moved it to).
    public func interfaceMTU(_ name: String) throws(SystemError) -> Int {
        Int(try syscall("ioctl", arguments: "SIOCGIFMTU, \(name)") { cv6_interface_mtu(descriptor.rawValue, name) })
    }

    /// The Ethernet address of interface `name` (`ioctl(SIOCGIFHWADDR)`), or nil for interfaces without one (TUN).
    public func interfaceHardwareAddress(_ name: String) throws(SystemError) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: 6)
        let type = try syscall("ioctl", arguments: "SIOCGIFHWADDR, \(name)") {
            cv6_interface_hardware_address(descriptor.rawValue, name, &bytes)
        }
        // ARPHRD_ETHER: the only kind with a 6-byte address that a DUID-LL or a neighbour table entry can carry.
        return type == 1 ? bytes : nil
    }

    /// On a raw ICMPv6 socket, lets only these ICMPv6 types through (`ICMP6_FILTER`), so the kernel drops
    /// everything else (neighbour discovery, other processes' echo requests) before it reaches us.
    public func setICMPv6Filter(passing types: [UInt8]) throws(SystemError) {
        // struct icmp6_filter: 256 bits, a set bit blocks that type.
        var words = [UInt32](repeating: .max, count: 8)
        for type in types { words[Int(type >> 5)] &= ~(UInt32(1) << UInt32(type & 31)) }
        try setOption(level: Int32(IPPROTO_ICMPV6), name: CV6_ICMP6_FILTER,
                      value: (words[0], words[1], words[2], words[3], words[4], words[5], words[6], words[7]))
    }

    /// On a raw ICMP (IPv4) socket, lets only these ICMP types (0–31) through (`ICMP_FILTER`).
    public func setICMPv4Filter(passing types: [UInt8]) throws(SystemError) {
        // A set bit blocks that type.
        var mask = UInt32.max
        for type in types where type < 32 { mask &= ~(UInt32(1) << UInt32(type)) }
        try setOption(level: SOL_RAW, name: CV6_ICMP_FILTER, value: mask)
    }

    /// Attaches a classic BPF program (`SO_ATTACH_FILTER`), so the kernel drops what it rejects before it is
    /// queued: each instruction is (code, jump if true, jump if false, constant) as in `struct sock_filter`.
    public func attachFilter(_ program: [(code: UInt16, jumpIfTrue: UInt8, jumpIfFalse: UInt8, constant: UInt32)]) throws(SystemError) {
        let instructions = program.map { cv6_filter_instruction(code: $0.code, jump_if_true: $0.jumpIfTrue,
                                                                 jump_if_false: $0.jumpIfFalse, constant: $0.constant) }
        _ = try syscall("setsockopt", arguments: "\(subject), SO_ATTACH_FILTER, \(program.count) instructions") {
            instructions.withUnsafeBufferPointer { cv6_attach_socket_filter(descriptor.rawValue, $0.baseAddress, UInt16(program.count)) }
        }
    }

    // MARK: Sending and receiving

    /// Sends one datagram to `address` with `sendto(2)`; returns the bytes sent, or `.wouldBlock` when the
    /// send buffer is full.
    public func send(_ bytes: UnsafeRawBufferPointer, to address: SocketAddress) throws(SystemError) -> IOResult<Int> {
        try address.withSocketAddressPointer { (pointer, length) throws(SystemError) in
            try nonBlockingSyscall("sendto", arguments: "\(subject), \(address)") {
                sendto(descriptor.rawValue, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), pointer, length)
            }
        }
    }

    /// Sends one datagram to `address` with `sendto(2)`.
    public func send(_ bytes: [UInt8], to address: SocketAddress) throws(SystemError) -> IOResult<Int> {
        try bytes.withUnsafeBytes { buffer in
            Result { () throws(SystemError) in try send(buffer, to: address) }
        }.get()
    }

    /// Sends on a connected socket with `send(2)` (never raises `SIGPIPE`).
    public func send(_ bytes: UnsafeRawBufferPointer) throws(SystemError) -> IOResult<Int> {
        try nonBlockingSyscall("send", arguments: subject) {
            Glibc.send(descriptor.rawValue, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
        }
    }

    /// Receives one datagram and its sender with `recvfrom(2)` — the cheap path when no control messages
    /// (timestamps, hop limit) are wanted. A datagram larger than `buffer` is cut and marked `isTruncated`.
    public func receive(into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> IOResult<ReceivedMessage> {
        var sender = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = try withUnsafeMutablePointer(to: &sender) { pointer throws(SystemError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw throws(SystemError) in
                // MSG_TRUNC: return the datagram's real length even when the buffer is shorter.
                try nonBlockingSyscall("recvfrom", arguments: subject) {
                    recvfrom(descriptor.rawValue, buffer.baseAddress, buffer.count, Int32(MSG_TRUNC), raw, &length)
                }
            }
        }
        guard case .processed(let fullLength) = result else { return .wouldBlock }
        let address = withUnsafeBytes(of: &sender) { SocketAddress($0.baseAddress!, length: length) }
        return .processed(ReceivedMessage(count: min(fullLength, buffer.count), sender: address,
                                          isTruncated: fullLength > buffer.count))
    }

    /// Receives one datagram with `recvmsg(2)`, with the sender and what the kernel attached (arrival time
    /// after `enableReceiveTimestamps()`, hop limit after `enableReceiveHopLimit()`).
    /// A datagram larger than `buffer` is cut and marked `isTruncated`.
    public func receiveMessage(into buffer: UnsafeMutableRawBufferPointer) throws(SystemError)
        -> IOResult<ReceivedMessage>
    {
        var sender = sockaddr_storage()
        var vector = iovec(iov_base: buffer.baseAddress, iov_len: buffer.count)
        return try withUnsafeTemporaryAllocation(byteCount: ReceivedMessage.controlCapacity, alignment: 16) {
            control throws(SystemError) in
            try withUnsafeMutablePointer(to: &sender) { senderPointer throws(SystemError) in
                try withUnsafeMutablePointer(to: &vector) { vectorPointer throws(SystemError) in
                    var header = msghdr()
                    header.msg_name = UnsafeMutableRawPointer(senderPointer)
                    header.msg_namelen = socklen_t(MemoryLayout<sockaddr_storage>.size)
                    header.msg_iov = vectorPointer
                    header.msg_iovlen = 1
                    header.msg_control = control.baseAddress
                    header.msg_controllen = control.count
                    let result = try nonBlockingSyscall("recvmsg", arguments: subject) {
                        recvmsg(descriptor.rawValue, &header, 0)
                    }
                    switch result {
                    case .wouldBlock:
                        return .wouldBlock
                    case .processed(let count):
                        return .processed(ReceivedMessage(header: &header, count: count))
                    }
                }
            }
        }
    }

    /// Sends the datagrams `batch` holds from index `start` on, with one `sendmmsg(2)`; returns how many
    /// the kernel took (fewer than offered when its buffer filled). A failure of the first one offered is
    /// thrown with its destination named: skip that datagram and call again with `start + 1`.
    public func send(_ batch: DatagramBatch, startingAt start: Int = 0) throws(SystemError) -> IOResult<Int> {
        precondition(start >= 0 && start <= batch.count, "Socket.send(batch:startingAt:): \(start) out of range")
        if start == batch.count { return .processed(0) }
        let result = try nonBlockingSyscall("sendmmsg", arguments: "\(subject), \(batch.describeDestination(start))") {
            cv6_sendmmsg(descriptor.rawValue, batch.headers + start, UInt32(batch.count - start), Int32(MSG_NOSIGNAL))
        }
        switch result {
        case .wouldBlock: return .wouldBlock
        case .processed(let sent): return .processed(Int(sent))
        }
    }

    /// Receives as many datagrams as are waiting, up to the batch's capacity, with one `recvmmsg(2)`;
    /// read them back with `batch.message(at:)`.
    public func receive(into batch: DatagramBatch) throws(SystemError) -> IOResult<Int> {
        batch.prepareForReceiving()
        let result = try nonBlockingSyscall("recvmmsg", arguments: subject) {
            cv6_recvmmsg(descriptor.rawValue, batch.headers, UInt32(batch.capacity), 0, nil)
        }
        switch result {
        case .wouldBlock:
            return .wouldBlock
        case .processed(let received):
            batch.count = Int(received)
            return .processed(Int(received))
        }
    }
}
