/// One value for IPv4 and one for IPv6, subscripted by family: what dual-stack code keeps per family (sockets,
/// counters, address sets) without two-element arrays indexed by `family == .v4 ? 0 : 1`.
public struct PerFamily<Value> {
    public var v4: Value
    public var v6: Value

    public init(_ v4: Value, _ v6: Value) {
        self.v4 = v4
        self.v6 = v6
    }

    /// The same starting value for both families.
    public init(repeating value: Value) {
        self.init(value, value)
    }

    public subscript(family: AddressFamily) -> Value {
        get { family == .v4 ? v4 : v6 }
        set { if family == .v4 { v4 = newValue } else { v6 = newValue } }
    }

    /// Both values transformed, family by family.
    public func map<T>(_ transform: (Value) throws -> T) rethrows -> PerFamily<T> {
        PerFamily<T>(try transform(v4), try transform(v6))
    }
}

extension PerFamily: Sendable where Value: Sendable {}
extension PerFamily: Equatable where Value: Equatable {}
extension PerFamily: Hashable where Value: Hashable {}
