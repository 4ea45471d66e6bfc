/// The smallest inventory that validates, for `v6ready init`: one agency with one site and one LAN segment, on
/// documentation prefixes the user replaces with their own.
public enum InventorySkeleton {
    public static func make(name: String, agencyID: String, agencyName: String) -> Inventory {
        let lan4 = IPPrefix("192.0.2.0/24")!, lan6 = IPPrefix("2001:db8:0:1::/64")!, block = IPPrefix("2001:db8::/48")!
        let manifest = InventoryManifest(name: name, scope: Scope(ipv4: [lan4], ipv6: [block]), ipv6Allocation: block)
        let agency = AgencyFile(
            agency: Agency(id: agencyID, name: agencyName, kind: .province),
            sites: [Site(id: "\(agencyID)-hq", name: "Headquarters")],
            segments: [Segment(id: "\(agencyID)-lan", name: "Office LAN", site: "\(agencyID)-hq", kind: .lan, vlan: 10,
                               ipv4: [lan4], ipv6: [lan6])])
        return Inventory(manifest: manifest, agencyFiles: [agency])
    }
}
