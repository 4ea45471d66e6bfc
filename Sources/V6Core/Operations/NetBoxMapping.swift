/// The words NetBox uses for roles and the inventory's equivalents, both ways. NetBox roles are free objects each
/// installation names itself, so common names are listed; anything else is imported as `other` and said so.
public enum NetBoxMapping {
    /// NetBox device role (its slug, or the slug of its name) → inventory role.
    public static let deviceRoles: [String: DeviceRole] = [
        "router": .router, "core-router": .router, "edge-router": .router, "border-router": .router, "wan-router": .router,
        "gateway": .router, "isp-router": .router, "pe-router": .router, "ce-router": .router,
        "l3-switch": .l3Switch, "layer-3-switch": .l3Switch, "core-switch": .l3Switch, "distribution-switch": .l3Switch,
        "aggregation-switch": .l3Switch, "spine": .l3Switch, "spine-switch": .l3Switch, "multilayer-switch": .l3Switch,
        "switch": .switch, "access-switch": .switch, "leaf": .switch, "leaf-switch": .switch, "tor-switch": .switch,
        "edge-switch": .switch, "poe-switch": .switch, "l2-switch": .switch,
        "firewall": .firewall, "fw": .firewall, "utm": .firewall, "ngfw": .firewall, "security-appliance": .firewall,
        "server": .server, "servers": .server, "hypervisor": .server, "virtualization-host": .server, "storage": .server,
        "nas": .server, "san": .server, "appliance": .server,
        "workstation": .workstation, "pc": .workstation, "desktop": .workstation, "laptop": .workstation, "client": .workstation,
        "endpoint": .workstation, "thin-client": .workstation,
        "printer": .printer, "mfp": .printer, "copier": .printer, "scanner": .printer,
        "camera": .camera, "ip-camera": .camera, "cctv": .camera, "nvr": .camera, "dvr": .camera,
        "access-point": .accessPoint, "ap": .accessPoint, "wireless-ap": .accessPoint, "wap": .accessPoint, "wifi-ap": .accessPoint,
        "wireless-access-point": .accessPoint, "wlc": .accessPoint, "wireless-controller": .accessPoint,
        "vpn": .vpn, "vpn-gateway": .vpn, "vpn-concentrator": .vpn,
        "load-balancer": .loadBalancer, "loadbalancer": .loadBalancer, "lb": .loadBalancer, "adc": .loadBalancer,
        "other": .other,
    ]

    /// Inventory role → the NetBox device role v6ready exports (name; its slug is the role's own word).
    public static let roleNames: [DeviceRole: String] = [
        .router: "Router", .l3Switch: "L3 switch", .switch: "Switch", .firewall: "Firewall", .server: "Server",
        .workstation: "Workstation", .printer: "Printer", .camera: "Camera", .accessPoint: "Access point", .vpn: "VPN",
        .loadBalancer: "Load balancer", .other: "Other",
    ]

    /// Colours for the exported roles (NetBox wants six hex digits).
    public static let roleColors: [DeviceRole: String] = [
        .router: "2196f3", .l3Switch: "3f51b5", .switch: "009688", .firewall: "f44336", .server: "9c27b0",
        .workstation: "9e9e9e", .printer: "795548", .camera: "607d8b", .accessPoint: "4caf50", .vpn: "ff9800",
        .loadBalancer: "673ab7", .other: "bdbdbd",
    ]

    /// NetBox prefix role (IPAM role) → segment kind.
    public static let prefixRoles: [String: SegmentKind] = [
        "internet-edge": .internetEdge, "edge": .internetEdge, "internet": .internetEdge, "transit": .internetEdge,
        "uplink": .internetEdge, "peering": .internetEdge, "isp": .internetEdge, "public": .internetEdge,
        "lan": .lan, "access": .lan, "user": .lan, "users": .lan, "office": .lan, "staff": .lan, "clients": .lan,
        "wifi": .lan, "wireless": .lan, "voice": .lan, "cctv": .lan, "camera": .lan, "printers": .lan, "management": .lan,
        "mgmt": .lan,
        "wan": .wan, "backbone": .wan, "mpls": .wan, "core": .wan, "interconnect": .wan, "p2p": .wan, "point-to-point": .wan,
        "datacenter": .datacenter, "data-center": .datacenter, "data-centre": .datacenter, "dc": .datacenter,
        "server": .datacenter, "servers": .datacenter, "infrastructure": .datacenter, "storage": .datacenter,
        "dmz": .dmz, "perimeter": .dmz, "public-services": .dmz,
    ]

    /// Segment kind → the IPAM role name v6ready exports.
    public static let segmentRoleNames: [SegmentKind: String] = [
        .internetEdge: "Internet edge", .lan: "LAN", .wan: "WAN", .datacenter: "Datacenter", .dmz: "DMZ",
    ]

    /// The role for a NetBox device role, or nil when it has no equivalent.
    public static func deviceRole(_ ref: NetBoxRef) -> DeviceRole? {
        for key in [ref.slug, ref.name].compactMap({ $0 }).map(Slug.make) {
            if let role = deviceRoles[key] { return role }
        }
        return nil
    }

    public static func segmentKind(_ ref: NetBoxRef) -> SegmentKind? {
        for key in [ref.slug, ref.name].compactMap({ $0 }).map(Slug.make) {
            if let kind = prefixRoles[key] { return kind }
        }
        return nil
    }

    /// A service's kind from its name and ports when no `service_kind` custom field says it.
    public static func serviceKind(name: String, ports: [Int]) -> ServiceKind {
        let n = Slug.make(name)
        func has(_ words: [String]) -> Bool { words.contains { n == $0 || n.hasPrefix($0 + "-") || n.hasSuffix("-" + $0) || n.contains("-" + $0 + "-") } }
        if has(["dns", "domain", "bind", "nsd", "unbound"]) || ports.contains(53) { return .dns }
        if has(["smtp", "smtps", "submission", "imap", "imaps", "pop3", "pop3s", "mail", "exchange"])
            || !Set(ports).isDisjoint(with: [25, 465, 587, 143, 993, 110, 995]) { return .mail }
        if has(["vpn", "ipsec", "openvpn", "wireguard", "ike"]) || !Set(ports).isDisjoint(with: [500, 4500, 1194, 51820]) { return .vpn }
        if has(["http", "https", "web", "www", "portal", "nginx", "apache", "iis"]) || !Set(ports).isDisjoint(with: [80, 443, 8080, 8443]) { return .web }
        return .other
    }
}
