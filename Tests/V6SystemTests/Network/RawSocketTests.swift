import Testing
@testable import V6System

/// Raw ICMP and ICMPv6 echo to 127.0.0.1 and ::1 only. Other processes may ping loopback at the same time,
/// so replies with a foreign identifier are skipped, as ping does.
@Suite(.enabled(if: Privilege.rawSockets, "raw sockets need root with CAP_NET_RAW; skipped"))
struct RawSocketTests {
    /// Receives until a message whose ICMP header (at `offset`) carries `identifier`, or 2 s pass.
    /// Every message seen must be of `expectedType`, which the socket's filter guarantees.
    static func awaitEcho(on socket: Socket, identifier: UInt16, expectedType: UInt8, headerLength: (([UInt8]) -> Int))
        throws -> (message: ReceivedMessage, bytes: [UInt8])?
    {
        let epoll = try Epoll()
        defer { try? epoll.close() }
        try epoll.add(socket.descriptor.rawValue, events: .readable, token: 0)
        let deadline = SystemClock.monotonicNanoseconds() + 2_000_000_000
        var buffer = [UInt8](repeating: 0, count: 2048)
        while SystemClock.monotonicNanoseconds() < deadline {
            _ = try epoll.wait(timeoutMilliseconds: 100)
            let result = try buffer.withUnsafeMutableBytes { raw in
                Result { () throws(SystemError) in try socket.receiveMessage(into: raw) }
            }.get()
            guard case .processed(let message) = result else { continue }
            let bytes = Array(buffer[..<message.count])
            let offset = headerLength(bytes)
            guard bytes.count >= offset + 8 else { continue }
            #expect(bytes[offset] == expectedType, "the ICMP filter let type \(bytes[offset]) through")
            if UInt16(bytes[offset + 4]) << 8 | UInt16(bytes[offset + 5]) == identifier {
                return (message, bytes)
            }
        }
        return nil
    }

    @Test func icmpEchoToIPv4LoopbackIsAnswered() throws {
        let socket = try Socket(.ipv4, .raw, protocol: .icmp)
        defer { try? socket.close() }
        try socket.setICMPv4Filter(passing: [0])  // Echo replies only: not our own request looping back.
        try socket.enableReceiveTimestamps()
        let identifier = UInt16.random(in: 1 ... .max)
        let request = echoMessage(type: 8, identifier: identifier, sequence: 1, payload: Array("v6ready".utf8))
        let before = SystemClock.realtimeNanoseconds()
        #expect(try socket.send(request, to: .ipv4Loopback(port: 0)) == .processed(request.count))
        let reply = try #require(try Self.awaitEcho(on: socket, identifier: identifier, expectedType: 0) {
            Int($0[0] & 0x0F) * 4  // Raw IPv4 sockets deliver the IP header too.
        })
        #expect(reply.bytes[0] >> 4 == 4)
        let offset = Int(reply.bytes[0] & 0x0F) * 4
        #expect(Array(reply.bytes[(offset + 6)...]) == [0, 1] + Array("v6ready".utf8))
        #expect(reply.message.sender == .ipv4Loopback(port: 0))
        let stamp = try #require(reply.message.kernelTimestamp)
        #expect(stamp >= before && stamp <= SystemClock.realtimeNanoseconds())
    }

    @Test func icmpv6EchoToIPv6LoopbackIsAnswered() throws {
        let socket = try Socket(.ipv6, .raw, protocol: .icmpv6)
        defer { try? socket.close() }
        try socket.setICMPv6Filter(passing: [129])  // Echo replies only.
        try socket.enableReceiveTimestamps()
        try socket.enableReceiveHopLimit()
        let identifier = UInt16.random(in: 1 ... .max)
        let request = echoMessage(type: 128, identifier: identifier, sequence: 7, payload: Array("v6ready".utf8))
        #expect(try socket.send(request, to: .ipv6Loopback(port: 0)) == .processed(request.count))
        let reply = try #require(try Self.awaitEcho(on: socket, identifier: identifier, expectedType: 129) { _ in 0 })
        #expect(Array(reply.bytes[6...]) == [0, 7] + Array("v6ready".utf8))
        #expect(reply.message.sender == .ipv6Loopback(port: 0))
        #expect(reply.message.kernelTimestamp != nil)
        #expect(reply.message.hopLimit == 64)
    }
}
