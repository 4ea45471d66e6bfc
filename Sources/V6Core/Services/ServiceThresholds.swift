/// The numbers the checks judge by, from the public scorers and RFCs (see /docs and ipv6-programs.md).
public struct ServiceThresholds: Sendable, Equatable {
    /// internet.nl: the page over IPv6 may differ from the IPv4 one by at most about 10%.
    public var minimumPageSimilarity: Double
    /// RFC 8305 §5: the Connection Attempt Delay after which a client starts IPv4; IPv6 slower than IPv4 by this
    /// much means every client waits this long.
    public var happyEyeballsPenaltyMilliseconds: Double
    /// internet.nl: a zone needs at least two name servers with AAAA.
    public var minimumNameServersWithAAAA: Int

    public init(minimumPageSimilarity: Double = 0.9, happyEyeballsPenaltyMilliseconds: Double = 250,
                minimumNameServersWithAAAA: Int = 2) {
        self.minimumPageSimilarity = minimumPageSimilarity
        self.happyEyeballsPenaltyMilliseconds = happyEyeballsPenaltyMilliseconds
        self.minimumNameServersWithAAAA = minimumNameServersWithAAAA
    }
}
