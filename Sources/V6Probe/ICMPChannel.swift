import V6Core
import V6System

/// The socket that carries echo requests and brings back replies and errors for one address family,
/// with preallocated batches so a round of sends or receives is one system call and no allocation.
final class ICMPChannel {
    let family: AddressFamily
    let socket: Socket
    let mode: ICMPMode
    private let sendBatch: DatagramBatch
    private let receiveBatch: DatagramBatch
    /// For ping sockets the kernel strips the IPv4 header; the decoder reads raw-socket layout, so one is rebuilt.
    private var rebuiltPacket: [UInt8]

    static let batchSize = 256

    private init(family: AddressFamily, socket: Socket, mode: ICMPMode, slotSize: Int) {
        self.family = family
        self.socket = socket
        self.mode = mode
        sendBatch = DatagramBatch(capacity: Self.batchSize, slotSize: slotSize)
        receiveBatch = DatagramBatch(capacity: Self.batchSize, slotSize: max(slotSize + 128, 2048))
        rebuiltPacket = [UInt8](repeating: 0, count: max(slotSize + 128, 2048) + 20)
    }

    /// Opens a raw socket when allowed, else a ping datagram socket bound to `identifier` (its port is the
    /// echo identifier the kernel uses), else throws the raw socket's error.
    static func open(family: AddressFamily, identifier: UInt16, payloadSize: Int, preferRaw: Bool) throws(SystemError) -> ICMPChannel {
        let socketFamily: SocketAddress.Family = family == .v4 ? .ipv4 : .ipv6
        let slotSize = ICMPEchoEncoder.messageSize(payloadSize: payloadSize)
        var rawError: SystemError?
        if preferRaw {
            do {
                let socket = try Socket(socketFamily, .raw, protocol: family == .v4 ? .icmp : .icmpv6)
                let filter = ICMPTypeFilter.probeResponses(family)
                if family == .v4 {
                    try socket.setICMPv4Filter(passing: (0...255).map(UInt8.init).filter { filter.passes($0) })
                } else {
                    try socket.setICMPv6Filter(passing: (0...255).map(UInt8.init).filter { filter.passes($0) })
                }
                // Only this run's replies and errors wake us; see ICMPIdentifierFilter.
                try socket.attachFilter(ICMPIdentifierFilter.program(family: family, identifier: identifier).map {
                    ($0.code, $0.jumpIfTrue, $0.jumpIfFalse, $0.constant)
                })
                try tune(socket)
                let channel = ICMPChannel(family: family, socket: socket, mode: .raw, slotSize: slotSize)
                // The socket saw every ICMP packet between its creation and the filter; those are not ours to read.
                channel.discardQueued()
                return channel
            } catch {
                rawError = error
            }
        }
        do {
            let socket = try Socket(socketFamily, .datagram, protocol: family == .v4 ? .icmp : .icmpv6)
            try socket.bind(to: family == .v4 ? SocketAddress(ipv4: 0, port: identifier) : SocketAddress(ipv6High: 0, low: 0, port: identifier))
            try tune(socket)
            return ICMPChannel(family: family, socket: socket, mode: .datagram, slotSize: slotSize)
        } catch {
            throw rawError ?? error
        }
    }

    /// Large buffers so a burst of replies at 100k+/s is not dropped by the kernel; kernel receive timestamps.
    private static func tune(_ socket: Socket) throws(SystemError) {
        try? socket.setReceiveBufferSize(16 << 20)
        try? socket.setSendBufferSize(4 << 20)
        try? socket.setDontFragment()
        try socket.enableReceiveTimestamps()
    }

    /// Encodes `sends` into the batch and hands them to the kernel. Calls `failed` for each one it refused.
    func send(_ sends: ArraySlice<EchoSend>, identifier: UInt16, cookie: UInt64, payloadSize: Int,
              failed: (EchoSend, SystemError) -> Void) -> Int {
        sendBatch.removeAll()
        for send in sends {
            _ = sendBatch.append(to: SocketAddress(send.address, port: 0)) { buffer in
                ICMPEchoEncoder.encode(into: buffer, family: family, identifier: identifier, sequence: send.sequence,
                                       cookie: cookie, payloadSize: payloadSize)
            }
        }
        var start = 0
        var wouldBlockRounds = 0
        let list = Array(sends)
        while start < sendBatch.count {
            var full = false
            do {
                switch try socket.send(sendBatch, startingAt: start) {
                case let .processed(n): start += n
                case .wouldBlock: full = true
                }
            } catch where error.errno == .noBufferSpace {
                // The device queue is full (ENOBUFS), not a verdict on this target: wait like EAGAIN.
                full = true
            } catch {
                failed(list[start], error)
                start += 1
            }
            if full {
                // The socket buffer is full: give the kernel a moment, a bounded number of times.
                wouldBlockRounds += 1
                Pause.sleep(nanoseconds: 20_000)
                if wouldBlockRounds > 5000 {
                    for send in list[start...] { failed(send, SystemError("sendmmsg", arguments: "\(send.address)", errno: .wouldBlock)) }
                    return sendBatch.count
                }
            }
        }
        return sendBatch.count
    }

    /// Throws away whatever is queued now, without decoding it.
    private func discardQueued() {
        while case let .processed(count)? = try? socket.receive(into: receiveBatch), count > 0 {}
    }

    /// Reads every datagram waiting (in batches) and hands each, decoded, to `handle` with its receive time
    /// on the monotonic clock (the kernel's timestamp when there is one).
    func drain(realtimeOffset: Int64, handle: (DecodedICMP, IPAddress, UInt64) -> Void) throws(SystemError) {
        while true {
            guard case let .processed(count) = try socket.receive(into: receiveBatch), count > 0 else { return }
            let fallbackTime = SystemClock.monotonicNanoseconds()
            for i in 0..<count {
                let message = receiveBatch.message(at: i)
                guard let sender = message.sender?.ipAddress else { continue }
                let receivedAt = message.kernelTimestamp.map { UInt64(max(0, $0 - realtimeOffset)) } ?? fallbackTime
                let payload = receiveBatch.payload(at: i)
                if mode == .datagram, family == .v4 {
                    handle(decodeWithoutIPHeader(payload, sender: sender), sender, receivedAt)
                } else {
                    handle(ICMPDecoder.decode(payload, family: family, source: sender), sender, receivedAt)
                }
            }
            if count < Self.batchSize { return }
        }
    }

    private func decodeWithoutIPHeader(_ payload: UnsafeRawBufferPointer, sender: IPAddress) -> DecodedICMP {
        let total = payload.count + 20
        guard total <= rebuiltPacket.count, case let .v4(source) = sender else { return .malformed(.truncatedIPHeader) }
        let header: [UInt8] = [0x45, 0, UInt8(total >> 8), UInt8(total & 0xff), 0, 0, 0, 0, 64, 1, 0, 0] + source.bytes + [0, 0, 0, 0]
        return rebuiltPacket.withUnsafeMutableBytes { buffer in
            buffer.copyBytes(from: header)
            UnsafeMutableRawBufferPointer(rebasing: buffer[20..<total]).copyMemory(from: payload)
            return ICMPDecoder.decode(UnsafeRawBufferPointer(rebasing: buffer[0..<total]), family: .v4, source: sender)
        }
    }
}
