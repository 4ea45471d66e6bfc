import Testing
@testable import V6System

/// Sockets on loopback only (127.0.0.1 and ::1): nothing here leaves the machine.
@Suite struct SocketTests {
    static func loopback(_ family: SocketAddress.Family, port: UInt16 = 0) -> SocketAddress {
        family == .ipv4 ? .ipv4Loopback(port: port) : .ipv6Loopback(port: port)
    }

    /// Waits up to `milliseconds` for `socket` to become ready for `events`.
    static func waitUntil(_ socket: Socket, is events: Epoll.Events, milliseconds: Int32 = 2000) throws -> Epoll.Events {
        let epoll = try Epoll()
        defer { try? epoll.close() }
        try epoll.add(socket.descriptor.rawValue, events: events, token: 42)
        let ready = try epoll.wait(timeoutMilliseconds: milliseconds)
        #expect(ready.allSatisfy { $0.token == 42 })
        return ready.first?.events ?? []
    }

    static func receive(_ socket: Socket, capacity: Int = 2048) throws -> (IOResult<ReceivedMessage>, [UInt8]) {
        var buffer = [UInt8](repeating: 0, count: capacity)
        let result = try buffer.withUnsafeMutableBytes { raw in
            Result { () throws(SystemError) in try socket.receiveMessage(into: raw) }
        }.get()
        if case .processed(let message) = result { buffer.removeSubrange(message.count...) }
        return (result, buffer)
    }

    @Test(arguments: [SocketAddress.Family.ipv4, .ipv6])
    func udpDatagramArrivesWithSenderKernelTimestampAndHopLimit(family: SocketAddress.Family) throws {
        let receiver = try Socket(family, .datagram)
        let sender = try Socket(family, .datagram)
        defer { try? receiver.close(); try? sender.close() }
        try receiver.bind(to: Self.loopback(family))
        try sender.bind(to: Self.loopback(family))
        try receiver.enableReceiveTimestamps()
        try receiver.enableReceiveHopLimit()
        let destination = try receiver.localAddress()
        #expect(destination.port != 0)

        let (nothing, _) = try Self.receive(receiver)
        #expect(nothing == .wouldBlock)

        let payload = Array("probe 1".utf8)
        let before = SystemClock.realtimeNanoseconds()
        #expect(try sender.send(payload, to: destination) == .processed(payload.count))
        #expect(try Self.waitUntil(receiver, is: .readable).contains(.readable))
        let (result, bytes) = try Self.receive(receiver)
        let after = SystemClock.realtimeNanoseconds()
        guard case .processed(let message) = result else {
            Issue.record("no datagram")
            return
        }
        #expect(bytes == payload)
        #expect(message.sender == (try sender.localAddress()))
        #expect(!message.isTruncated)
        let stamp = try #require(message.kernelTimestamp)
        #expect(stamp >= before && stamp <= after)
        #expect(message.hopLimit == 64)
    }

    @Test func datagramLongerThanTheBufferIsMarkedTruncated() throws {
        let receiver = try Socket(.ipv4, .datagram)
        let sender = try Socket(.ipv4, .datagram)
        try receiver.bind(to: .ipv4Loopback(port: 0))
        _ = try sender.send([UInt8](repeating: 7, count: 100), to: receiver.localAddress())
        _ = try Self.waitUntil(receiver, is: .readable)
        let (result, bytes) = try Self.receive(receiver, capacity: 10)
        guard case .processed(let message) = result else {
            Issue.record("no datagram")
            return
        }
        #expect(message.isTruncated)
        #expect(bytes == [UInt8](repeating: 7, count: 10))
        try receiver.close()
        try sender.close()
    }

    @Test(arguments: [SocketAddress.Family.ipv4, .ipv6])
    func batchesGoOutWithSendmmsgAndComeBackWithRecvmmsg(family: SocketAddress.Family) throws {
        let receiver = try Socket(family, .datagram)
        let sender = try Socket(family, .datagram)
        defer { try? receiver.close(); try? sender.close() }
        try receiver.bind(to: Self.loopback(family))
        try sender.bind(to: Self.loopback(family))
        try receiver.enableReceiveTimestamps()
        let destination = try receiver.localAddress()
        let senderAddress = try sender.localAddress()

        let count = 64
        let outgoing = DatagramBatch(capacity: count, slotSize: 64)
        for index in 0..<count {
            #expect(outgoing.append(Array("datagram \(index)".utf8), to: destination))
        }
        #expect(!outgoing.append([1], to: destination))  // Full.
        #expect(outgoing.destination(at: 5) == destination)
        #expect(Array(outgoing.payload(at: 5)) == Array("datagram 5".utf8))
        var sent = 0
        while sent < count {
            switch try sender.send(outgoing, startingAt: sent) {
            case .processed(let taken): sent += taken
            case .wouldBlock: _ = try Self.waitUntil(sender, is: .writable)
            }
        }

        let incoming = DatagramBatch(capacity: 16, slotSize: 64)
        var received: [String] = []
        while received.count < count {
            guard try Self.waitUntil(receiver, is: .readable).contains(.readable) else { break }
            guard case .processed(let taken) = try receiver.receive(into: incoming) else { continue }
            #expect(taken <= 16)
            for index in 0..<taken {
                let message = incoming.message(at: index)
                #expect(message.sender == senderAddress)
                #expect(message.kernelTimestamp != nil)
                received.append(String(decoding: incoming.payload(at: index), as: UTF8.self))
            }
        }
        #expect(received == (0..<count).map { "datagram \($0)" })
        #expect(try receiver.receive(into: incoming) == .wouldBlock)
    }

    @Test(arguments: [SocketAddress.Family.ipv4, .ipv6])
    func tcpConnectToAClosedLoopbackPortIsRefused(family: SocketAddress.Family) throws {
        // A bound socket that does not listen: its port is certainly closed, and nobody else can take it.
        let placeholder = try Socket(family, .stream)
        try placeholder.bind(to: Self.loopback(family))
        let closedPort = try placeholder.localAddress()
        let client = try Socket(family, .stream)
        defer { try? client.close(); try? placeholder.close() }
        do {
            let result = try client.connect(to: closedPort)
            #expect(result == .inProgress)
            let ready = try Self.waitUntil(client, is: .writable)
            #expect(ready.contains(.writable) || ready.contains(.error))
            #expect(try client.pendingError() == .connectionRefused)
        } catch let error as SystemError {
            // Loopback may refuse synchronously.
            #expect(error.errno == .connectionRefused)
            #expect(error.description == "connect(\(closedPort)): Connection refused")
        }
    }

    @Test(arguments: [SocketAddress.Family.ipv4, .ipv6])
    func tcpConnectToAListenerCompletesAndIsAccepted(family: SocketAddress.Family) throws {
        let listener = try Socket(family, .stream)
        try listener.bind(to: Self.loopback(family))
        try listener.listen()
        #expect(try listener.accept().isWouldBlock)
        let client = try Socket(family, .stream)
        defer { try? client.close(); try? listener.close() }
        let result = try client.connect(to: listener.localAddress())
        if result == .inProgress {
            #expect(try Self.waitUntil(client, is: .writable).contains(.writable))
        }
        #expect(try client.pendingError() == nil)
        #expect(try Self.waitUntil(listener, is: .readable).contains(.readable))
        guard case .processed(let accepted) = try listener.accept() else {
            Issue.record("nothing to accept")
            return
        }
        #expect(try accepted.remoteAddress() == client.localAddress())
        try accepted.close()
    }

    @Test func openingASocketOfAnUnknownProtocolNamesTheCall() throws {
        let error = try #require(throws: SystemError.self) {
            try Socket(.ipv4, .stream, protocol: .init(rawValue: 200))
        }
        #expect(error.call == "socket")
        #expect(error.description.hasPrefix("socket(AF_INET, SOCK_STREAM, 200): "))
    }

    @Test func epollReportsNothingWhenNothingIsReadyAndForgetsRemovedDescriptors() throws {
        let socket = try Socket(.ipv4, .datagram)
        try socket.bind(to: .ipv4Loopback(port: 0))
        let epoll = try Epoll()
        try epoll.add(socket.descriptor.rawValue, events: .readable, token: 1)
        #expect(try epoll.wait(timeoutMilliseconds: 0).isEmpty)
        try epoll.modify(socket.descriptor.rawValue, events: [.readable, .writable], token: 2)
        #expect(try epoll.wait(timeoutMilliseconds: 0) == [Epoll.Event(token: 2, events: .writable)])
        try epoll.remove(socket.descriptor.rawValue)
        #expect(try epoll.wait(timeoutMilliseconds: 0).isEmpty)
        let error = try #require(throws: SystemError.self) { try epoll.remove(socket.descriptor.rawValue) }
        #expect(error.errno == .noSuchFileOrDirectory)
        try epoll.close()
        try socket.close()
    }

    @Test func clocks() async throws {
        let first = SystemClock.monotonicNanoseconds()
        try await Task.sleep(for: .milliseconds(20))
        let elapsed = SystemClock.monotonicNanoseconds() - first
        // Only a lower bound: a loaded machine may take any time to wake the task, and tests never time things.
        #expect(elapsed >= 20_000_000)
        let now = SystemClock.realtimeNanoseconds()
        #expect(now > 1_700_000_000 * 1_000_000_000)  // After November 2023.
    }
}

extension IOResult {
    var isWouldBlock: Bool {
        if case .wouldBlock = self { return true }
        return false
    }
}

extension SocketTests {
    @Test func recvfromReportsSenderAndTruncation() throws {
        let receiver = try Socket(.ipv6, .datagram)
        let sender = try Socket(.ipv6, .datagram)
        defer { try? receiver.close(); try? sender.close() }
        try receiver.bind(to: .ipv6Loopback(port: 0))
        try sender.bind(to: .ipv6Loopback(port: 0))
        let destination = try receiver.localAddress()
        _ = try sender.send(Array("short".utf8), to: destination)
        _ = try sender.send([UInt8](repeating: 9, count: 50), to: destination)
        var buffer = [UInt8](repeating: 0, count: 16)
        func receiveOne(waiting: Bool = true) throws -> IOResult<ReceivedMessage> {
            if waiting { _ = try Self.waitUntil(receiver, is: .readable) }
            return try buffer.withUnsafeMutableBytes { raw in
                Result { () throws(SystemError) in try receiver.receive(into: raw) }
            }.get()
        }
        let senderAddress = try sender.localAddress()
        #expect(try receiveOne() == .processed(ReceivedMessage(count: 5, sender: senderAddress)))
        #expect(Array(buffer[..<5]) == Array("short".utf8))
        #expect(try receiveOne() == .processed(ReceivedMessage(count: 16, sender: senderAddress, isTruncated: true)))
        #expect(try receiveOne(waiting: false) == .wouldBlock)
    }
}
