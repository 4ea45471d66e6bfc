import V6Core

extension ServiceRun {
    /// The A and AAAA addresses of `name` through the run's resolver (`probe --parity NAME`), or why there are none.
    public func addresses(of name: DNSName) -> Result<(v4: [IPAddress], v6: [IPAddress]), ResolutionFailure> {
        switch resolver() {
        case .failure(let why):
            return .failure(ResolutionFailure(message: why.note))
        case .success(let client):
            let v4 = client.addresses(of: name, .v4), v6 = client.addresses(of: name, .v6)
            if v4.addresses.isEmpty && v6.addresses.isEmpty {
                let why: String
                switch v6 {
                case .none(let text), .failed(let text): why = text
                case .found: why = "no address"
                }
                return .failure(ResolutionFailure(message: "\(ServiceRequest.displayName(name)): \(why)"))
            }
            return .success((v4.addresses, v6.addresses))
        }
    }

    /// Why a name gave no address.
    public struct ResolutionFailure: Error, Sendable {
        public var message: String
    }
}
