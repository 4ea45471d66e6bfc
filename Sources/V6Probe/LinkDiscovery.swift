import V6Core
import V6System

extension ProbeEngine {
    /// Sends one ICMPv6 echo request to all-nodes (ff02::1) on `interface` and collects every address that
    /// answers with our identifier and cookie within `waitMilliseconds`. The matcher is bypassed on purpose:
    /// answers to a multicast probe come from many sources, each one a host on the link.
    public func echoAllNodes(interface: String, waitMilliseconds: Int) throws(ProbeEngineError) -> [IPAddress] {
        guard let channel = channel(.v6) else {
            throw ProbeEngineError(message: "no ICMPv6 socket: link discovery needs raw sockets or ping sockets")
        }
        let allNodes = IPAddress.v6(IPv6Address(high: 0xff02_0000_0000_0000, low: 1, zone: interface))
        let sequence = UInt16.random(in: 0...UInt16.max)
        var sendError: SystemError?
        _ = channel.send([EchoSend(sequence: sequence, address: allNodes, slot: 0, attempt: 0)][...], identifier: probeIdentifier,
                         cookie: probeCookie, payloadSize: options.payloadSize) { _, error in sendError = error }
        if let sendError { throw ProbeEngineError(message: "cannot send to ff02::1%\(interface): \(sendError)") }
        var found: [IPAddress] = []
        let deadline = SystemClock.monotonicNanoseconds() + UInt64(waitMilliseconds) * 1_000_000
        while SystemClock.monotonicNanoseconds() < deadline {
            let left = Int32((deadline - min(deadline, SystemClock.monotonicNanoseconds())) / 1_000_000)
            _ = try? watch.wait(timeoutMilliseconds: max(1, left))
            try? channel.drain(realtimeOffset: 0) { decoded, source, _ in
                guard case let .echoReply(reply) = decoded, reply.identifier == probeIdentifier, reply.cookie == probeCookie,
                      reply.sequence == sequence, !found.contains(source) else { return }
                found.append(source)
            }
        }
        return found.sorted()
    }
}
