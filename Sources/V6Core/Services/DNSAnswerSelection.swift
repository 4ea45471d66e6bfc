/// Picks the records that answer a question out of a response, the way a stub resolver must: the answer section
/// may start with a CNAME chain (`www.vidu.example CNAME vidu.example`), and anything whose owner is not the name
/// asked for or a name the chain led to is ignored — a server cannot slip in records for other names.
public enum DNSAnswerSelection {
    /// The longest CNAME chain followed inside one answer.
    public static let maximumChainLength = 8

    /// The data of every record of `type` owned by `name` or by the end of its CNAME chain, in answer order, and the
    /// name they were found at.
    public static func records(_ type: DNSRecordType, for name: DNSName, in message: DNSMessage)
        -> (data: [DNSRecordData], canonicalName: DNSName)
    {
        var owner = name
        var visited: Set<DNSName> = [name]
        if type != .cname {
            for _ in 0..<maximumChainLength {
                let next = message.answers.lazy.compactMap { record -> DNSName? in
                    guard record.name == owner, case .cname(let target) = record.data else { return nil }
                    return target
                }.first
                guard let next, !visited.contains(next) else { break }
                visited.insert(next)
                owner = next
            }
        }
        let data = message.answers.filter { $0.name == owner && $0.type == type }.map(\.data)
        return (data, owner)
    }

    /// The addresses among `records` (A and AAAA data), without duplicates, in order.
    public static func addresses(_ records: [DNSRecordData]) -> [IPAddress] {
        var result: [IPAddress] = []
        for record in records {
            let address: IPAddress
            switch record {
            case .a(let v4): address = .v4(v4)
            case .aaaa(let v6): address = .v6(IPv6Address(high: v6.high, low: v6.low))
            default: continue
            }
            if !result.contains(address) { result.append(address) }
        }
        return result
    }
}
