import V6Core

extension ServiceChecker {
    /// TLS on 443 with every address of a web site where the port answered (issue 19): version, cipher and, where it
    /// travels in clear, the certificate, to compare the families. Addresses where 443 did not answer are recorded
    /// as failed without another connect.
    func shakeHandsTLS(_ plan: inout Plan) {
        let o = plan.observation
        guard o.mode == .web, plan.request.ports.contains(443) else { return }
        let name = plan.request.name.map(ServiceRequest.displayName)
        var observations: [TLSAddressObservation] = []
        for address in o.addresses(.v4) + o.addresses(.v6) where o.notProbed[address] == nil {
            guard let connect = o.connects.first(where: { $0.address == address && $0.port == 443 }) else { continue }
            observations.append(connect.outcome.isConnected
                ? TLSProbe.observe(address, serverName: name, timeoutMilliseconds: options.timeoutMilliseconds)
                : TLSAddressObservation(address: address, port: 443, offered: .failed("port 443 " + Self.describe(connect.outcome))))
        }
        plan.observation.tls = observations
        plan.observation.tlsCheckedAt = TLSProbe.now
    }
}
