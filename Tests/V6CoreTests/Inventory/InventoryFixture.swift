@testable import V6Core

/// A small valid inventory as the files a person would write, for tests to break one field at a time.
enum InventoryFixture {
    static let manifest = """
    {
      "schema": 1,
      "name": "Tỉnh Thử Nghiệm",
      "scope": {
        "ipv4": ["192.0.2.0/24", "198.51.100.0/24"],
        "ipv6": ["2001:db8::/32"]
      },
      "ipv6_allocation": "2001:db8:a00::/40"
    }
    """

    static let province = """
    {
      "schema": 1,
      "agency": {"id": "ubnd-tinh", "name": "Ủy ban nhân dân tỉnh", "kind": "province"},
      "sites": [{"id": "tinh-hq", "name": "Trụ sở UBND tỉnh"}],
      "segments": [
        {"id": "tinh-lan", "name": "Mạng LAN", "site": "tinh-hq", "kind": "lan", "vlan": 10,
         "ipv4": ["192.0.2.0/25"], "ipv6": ["2001:db8:a00:1::/64"]}
      ],
      "devices": [
        {"id": "tinh-fw1", "name": "Tường lửa", "role": "firewall", "vendor": "Fortinet", "model": "FortiGate 100F",
         "version": "7.0.12", "segment": "tinh-lan", "ipv4": ["192.0.2.1"], "ipv6": ["2001:db8:a00:1::1"], "criticality": "high"},
        {"id": "tinh-srv1", "name": "Máy chủ cổng thông tin", "role": "server", "vendor": "Dell", "model": "PowerEdge R740",
         "segment": "tinh-lan", "ipv4": ["192.0.2.10"], "ipv6": [], "criticality": "critical"}
      ],
      "services": [
        {"id": "cong-ttdt", "name": "Cổng thông tin điện tử", "kind": "web", "category": "e-portal",
         "hostname": "vidu.example", "ports": [80, 443], "ipv4": ["192.0.2.10"], "ipv6": [], "audience": "public", "device": "tinh-srv1"}
      ]
    }
    """

    static let department = """
    {
      "schema": 1,
      "agency": {"id": "so-tp", "name": "Sở Tư pháp", "kind": "department", "parent": "ubnd-tinh"},
      "sites": [{"id": "so-tp-hq", "name": "Trụ sở"}],
      "segments": [
        {"id": "so-tp-lan", "name": "LAN", "site": "so-tp-hq", "kind": "lan", "ipv4": ["198.51.100.0/26"], "ipv6": []}
      ],
      "devices": [
        {"id": "so-tp-sw1", "name": "Switch", "role": "switch", "vendor": "Cisco", "model": "Catalyst 2960X-24TS-L",
         "segment": "so-tp-lan", "ipv4": ["198.51.100.2"], "ipv6": [], "criticality": "medium"}
      ],
      "services": []
    }
    """

    static func files(province: String = province, department: String = department, manifest: String = manifest) -> [InventoryLoader.SourceFile] {
        [.init(path: "inventory.json", bytes: Array(manifest.utf8)),
         .init(path: "agencies/ubnd-tinh.json", bytes: Array(province.utf8)),
         .init(path: "agencies/so-tp.json", bytes: Array(department.utf8))]
    }

    static func load(_ files: [InventoryLoader.SourceFile]) -> Result<Inventory, ValidationFailure> {
        InventoryLoader.load(files, displayPrefix: "inventories/t/")
    }

    static func valid() throws -> Inventory { try load(files()).get() }
}
