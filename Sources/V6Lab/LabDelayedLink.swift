/// A lab link that adds delay: instead of a veth pair, a TUN interface in each namespace, joined by a relay thread
/// of the process that builds the lab (`LabDelayRelay`), which holds every packet back by the delay before handing
/// it to the other side. It works on any kernel with `CONFIG_TUN`, with or without `sch_netem`, and keeps the
/// interface names, addresses and routes a veth link would have.
public struct LabDelayedLink: Sendable, Hashable, CustomStringConvertible {
    /// The end nearer the scanner (the router, or the scanner itself for bulk targets).
    public var upstreamNamespace: String
    public var upstreamInterface: String
    /// The far end (a host, or the bulk namespace).
    public var downstreamNamespace: String
    public var downstreamInterface: String
    /// Added delay in each direction, milliseconds.
    public var delayMilliseconds: Int
    /// Random variation of that delay, milliseconds (packets are never reordered).
    public var jitterMilliseconds: Int

    public var description: String {
        "# delayed link \(upstreamInterface) (\(upstreamNamespace)) <-> \(downstreamInterface) (\(downstreamNamespace)): "
            + "TUN pair relayed by this process, \(delayMilliseconds) ms"
            + (jitterMilliseconds > 0 ? " ± \(jitterMilliseconds) ms" : "") + " each way"
    }
}
