/// The default program, embedded so the installed tool works without the repository. It must stay identical to
/// `programs/ipv6-for-gov-2022-2025.json` (a test compares them byte for byte); after editing that file, paste it
/// between the delimiters below unchanged.
enum DefaultProgramData {
    static let fileName = "programs/ipv6-for-gov-2022-2025.json"
    static let json = #"""
{
  "schema": 1,
  "id": "ipv6-for-gov-2022-2025",
  "name": {
    "en": "IPv6 For Gov 2022–2025: provincial IPv6 conversion plan",
    "vi": "IPv6 For Gov 2022–2025: kế hoạch chuyển đổi IPv6 của tỉnh"
  },
  "source": {
    "en": "National program \"IPv6 For Gov\" (Decision 38/QĐ-BTTTT, 14 Jan 2021, led by VNNIC) and the provincial conversion plans of 2022–2025; phases after RFC 7381 (preparation, external services first, then internal).",
    "vi": "Chương trình thúc đẩy IPv6 cho cơ quan nhà nước \"IPv6 For Gov\" (Quyết định 38/QĐ-BTTTT ngày 14/01/2021, VNNIC chủ trì) và kế hoạch chuyển đổi IPv6 của tỉnh giai đoạn 2022–2025; các giai đoạn theo RFC 7381 (chuẩn bị, dịch vụ ra Internet trước, mạng nội bộ sau)."
  },
  "currency": "VND",
  "categories": [
    {"id": "internet-edge", "name": {"en": "Internet edge", "vi": "Kết nối Internet"}},
    {"id": "lan", "name": {"en": "LAN", "vi": "Mạng nội bộ (LAN)"}},
    {"id": "wan", "name": {"en": "WAN", "vi": "Mạng diện rộng (WAN)"}},
    {"id": "datacenter", "name": {"en": "Data-integration centre", "vi": "Trung tâm tích hợp dữ liệu"}},
    {"id": "systems", "name": {"en": "Information systems and applications", "vi": "Hệ thống thông tin và ứng dụng"}},
    {"id": "end-devices", "name": {"en": "End devices", "vi": "Thiết bị đầu cuối"}}
  ],
  "category_rules": [
    {"record": "service", "service_category": "internet-edge", "category": "internet-edge"},
    {"record": "service", "category": "systems"},
    {"record": "device", "device_role": ["workstation", "printer", "camera"], "category": "end-devices"},
    {"segment_kind": ["internet-edge", "dmz"], "category": "internet-edge"},
    {"segment_kind": "wan", "category": "wan"},
    {"segment_kind": "datacenter", "category": "datacenter"},
    {"segment_kind": "lan", "category": "lan"}
  ],
  "phases": [
    {
      "id": "p1-preparation",
      "name": {"en": "Preparation and assessment", "vi": "Chuẩn bị và đánh giá hiện trạng"},
      "start": "2022-01-01",
      "end": "2022-06-30",
      "tasks": [
        {"en": "Awareness and training for IT staff: IPv6 and DNS, LAN, data-integration centre, operating systems and network devices", "vi": "Tuyên truyền, đào tạo cán bộ kỹ thuật: IPv6 và DNS, mạng LAN, trung tâm tích hợp dữ liệu, hệ điều hành và thiết bị mạng"},
        {"en": "Survey the current infrastructure: inventory and dual-stack scan", "vi": "Khảo sát hiện trạng hạ tầng: kiểm kê và quét kiểm tra song song IPv4/IPv6"},
        {"en": "Register provider-independent IPv6 space (and an AS number) with VNNIC", "vi": "Đăng ký vùng địa chỉ IPv6 độc lập (và số hiệu mạng ASN) với VNNIC"},
        {"en": "Issue the conversion plan and the IPv6 address plan", "vi": "Ban hành kế hoạch chuyển đổi và quy hoạch địa chỉ IPv6"}
      ],
      "match": [
        {"record": "address-plan"}
      ]
    },
    {
      "id": "p2-internet-portals",
      "name": {"en": "Internet edge, DNS, e-portal and public-service portal", "vi": "Kết nối Internet, DNS, Cổng thông tin điện tử và Cổng dịch vụ công"},
      "start": "2022-04-01",
      "end": "2022-12-31",
      "tasks": [
        {"en": "Dual-stack BGP sessions with every upstream ISP", "vi": "Thiết lập phiên BGP song song IPv4/IPv6 với các nhà cung cấp dịch vụ Internet"},
        {"en": "AAAA records and at least two name servers reachable over IPv6; DNSSEC", "vi": "Khai báo bản ghi AAAA, tối thiểu hai máy chủ tên miền truy cập được qua IPv6; DNSSEC"},
        {"en": "E-portal and public-service portal reachable over IPv6 on ports 80 and 443", "vi": "Cổng thông tin điện tử và Cổng dịch vụ công truy cập được qua IPv6 ở cổng 80 và 443"}
      ],
      "match": [
        {"category": "internet-edge"},
        {"record": "service", "service_kind": ["dns", "public-service-portal"]},
        {"record": "service", "service_category": ["e-portal", "public-service-portal"]}
      ]
    },
    {
      "id": "p3-mail-services-security",
      "name": {"en": "Mail, other public services and security policy", "vi": "Thư điện tử, dịch vụ công trực tuyến khác và chính sách an toàn thông tin"},
      "start": "2023-01-01",
      "end": "2023-12-31",
      "tasks": [
        {"en": "Mail: every MX with AAAA and reachable over IPv6 on port 25", "vi": "Thư điện tử: mọi bản ghi MX có AAAA và nhận thư qua IPv6 ở cổng 25"},
        {"en": "Firewall policy for IPv6: never drop the ICMPv6 that RFC 4890 requires (types 1, 2, 3, 4, 128, 129)", "vi": "Chính sách tường lửa cho IPv6: không chặn các gói ICMPv6 bắt buộc theo RFC 4890 (loại 1, 2, 3, 4, 128, 129)"},
        {"en": "Other online public services reachable over IPv6", "vi": "Các dịch vụ công trực tuyến khác truy cập được qua IPv6"}
      ],
      "match": [
        {"record": "service", "service_kind": "mail"},
        {"record": "service", "audience": "public"},
        {"record": "device", "device_role": "firewall"}
      ]
    },
    {
      "id": "p4-wan-datacenter-systems",
      "name": {"en": "WAN, data-integration centre and information systems", "vi": "Mạng WAN, Trung tâm tích hợp dữ liệu và hệ thống thông tin"},
      "start": "2023-07-01",
      "end": "2024-12-31",
      "tasks": [
        {"en": "Dual stack on the WAN (specialised data network) links to the districts", "vi": "Triển khai song song IPv4/IPv6 trên mạng WAN (mạng truyền số liệu chuyên dùng) đến các huyện"},
        {"en": "Data-integration centre: servers, virtualisation, storage and the LGSP over IPv6", "vi": "Trung tâm tích hợp dữ liệu: máy chủ, ảo hóa, lưu trữ và nền tảng LGSP hoạt động qua IPv6"}
      ],
      "match": [
        {"category": ["wan", "datacenter"]},
        {"record": "service", "service_kind": "integration"},
        {"record": "service", "host_category": "datacenter"}
      ]
    },
    {
      "id": "p5-lan-devices-apps",
      "name": {"en": "LAN, end devices, applications and IPv6-only pilots", "vi": "Mạng LAN, thiết bị đầu cuối, ứng dụng và thí điểm thuần IPv6"},
      "start": "2024-01-01",
      "end": "2025-12-31",
      "tasks": [
        {"en": "Dual stack on every LAN; RA guard and DHCPv6 guard on access switches", "vi": "Triển khai song song IPv4/IPv6 trên mọi mạng LAN; bật RA guard, DHCPv6 guard trên switch truy cập"},
        {"en": "End devices and internal applications over IPv6", "vi": "Thiết bị đầu cuối và ứng dụng nội bộ hoạt động qua IPv6"},
        {"en": "IPv6-only pilot in a segment that already runs fully dual-stack", "vi": "Thí điểm vùng mạng thuần IPv6 tại phân đoạn đã chạy song song hoàn toàn"}
      ],
      "match": [
        {}
      ]
    }
  ],
  "targets": [
    {"category": "internet-edge", "percent": {"2022": 80, "2023": 100, "2024": 100, "2025": 100}},
    {"category": "systems", "percent": {"2022": 30, "2023": 60, "2024": 85, "2025": 100}},
    {"category": "datacenter", "percent": {"2022": 0, "2023": 40, "2024": 80, "2025": 100}},
    {"category": "wan", "percent": {"2022": 0, "2023": 30, "2024": 80, "2025": 100}},
    {"category": "lan", "percent": {"2022": 0, "2023": 20, "2024": 60, "2025": 100}},
    {"category": "end-devices", "percent": {"2022": 0, "2023": 10, "2024": 50, "2025": 90}}
  ],
  "unit_costs": {
    "configure": 500000,
    "upgrade": 2000000,
    "replace_labour": 1000000,
    "fix": 1500000,
    "notes": "Labour per item in VND (rough estimates; put your contract prices here). Device prices come from the catalog's replacement_cost."
  }
}
"""# + "\n"
}
