/// The 2026–2030 IPv6-only program, embedded like the 2022–2025 one. It must stay identical to
/// `programs/ipv6-only-2026-2030.json` (a test compares them byte for byte); after editing that file, paste it
/// between the delimiters below unchanged.
enum IPv6OnlyProgramData {
    static let fileName = "programs/ipv6-only-2026-2030.json"
    static let json = #"""
{
  "schema": 1,
  "id": "ipv6-only-2026-2030",
  "follows": "ipv6-for-gov-2022-2025",
  "name": {
    "en": "IPv6-only 2026–2030: promoting, deploying and converting to IPv6-only",
    "vi": "IPv6 only 2026–2030: thúc đẩy, triển khai, chuyển đổi IPv6 only"
  },
  "source": {
    "en": "Program \"thúc đẩy, triển khai, chuyển đổi IPv6 only cho Việt Nam giai đoạn 2026–2030\" (Decision 3369/QĐ-BKHCN, Ministry of Science and Technology, reported from 30 Oct 2025; coordinated by VNNIC): 2026–2027 plans, small IPv6-only trials including state agencies' systems, IPv6 by default, no equipment or software without IPv6; 2027–2028 large-scale roll-out including government systems, 80–90%; 2029–2030 IPv6-only, IPv4 removed, 90–100%; state agencies IPv6-only by 2030. The decision's full text is not at hand: per-category yearly figures below are derived from these phase figures and marked so.",
    "vi": "Chương trình \"thúc đẩy, triển khai, chuyển đổi IPv6 only cho Việt Nam giai đoạn 2026–2030\" (Quyết định 3369/QĐ-BKHCN của Bộ Khoa học và Công nghệ, công bố từ 30/10/2025; VNNIC điều phối): 2026–2027 lập kế hoạch, thử nghiệm IPv6 only quy mô nhỏ kể cả hệ thống của cơ quan nhà nước, IPv6 mặc định, không sản xuất, nhập khẩu thiết bị và phần mềm không hỗ trợ IPv6; 2027–2028 triển khai diện rộng kể cả hệ thống chính phủ, 80–90%; 2029–2030 IPv6 only, loại bỏ IPv4, 90–100%; cơ quan nhà nước IPv6 only vào năm 2030. Chưa có toàn văn quyết định: các chỉ tiêu theo năm và hạng mục dưới đây được suy ra từ các mốc trên và được đánh dấu."
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
      "id": "p1-plans-and-pilots",
      "name": {"en": "Plans, IPv6 by default and IPv6-only pilots", "vi": "Kế hoạch, IPv6 mặc định và thử nghiệm IPv6 only"},
      "start": "2026-01-01",
      "end": "2027-06-30",
      "tasks": [
        {"en": "Close out the 2022–2025 plan: report what was reached and carry every open item over", "vi": "Tổng kết kế hoạch 2022–2025: báo cáo kết quả và chuyển mọi hạng mục còn dở sang giai đoạn mới"},
        {"en": "Detailed roadmap and assessment of infrastructure and equipment for IPv6-only", "vi": "Lộ trình chi tiết và đánh giá hạ tầng, thiết bị cho IPv6 only"},
        {"en": "IPv6 by default: every new system and segment is planned IPv6-first", "vi": "IPv6 mặc định: mọi hệ thống, phân đoạn mới được thiết kế ưu tiên IPv6"},
        {"en": "No purchase of equipment or software without IPv6", "vi": "Không mua sắm thiết bị, phần mềm không hỗ trợ IPv6"},
        {"en": "IPv6-only pilot in one LAN and one service segment, with NAT64/DNS64 for what is still IPv4-only", "vi": "Thử nghiệm IPv6 only tại một mạng LAN và một phân đoạn dịch vụ, dùng NAT64/DNS64 cho phần còn IPv4"}
      ],
      "match": [
        {"category": "internet-edge"},
        {"record": "service", "audience": "public"},
        {"record": "device", "device_role": "firewall"}
      ]
    },
    {
      "id": "p2-scale-up",
      "name": {"en": "Large-scale roll-out in government systems", "vi": "Triển khai diện rộng trong hệ thống chính phủ"},
      "start": "2027-07-01",
      "end": "2028-12-31",
      "tasks": [
        {"en": "Government systems, the data-integration centre and the WAN to IPv6-only, IPv4 kept only where a translator needs it", "vi": "Hệ thống chính phủ, trung tâm tích hợp dữ liệu và mạng WAN chuyển sang IPv6 only, chỉ giữ IPv4 nơi cần cho bộ chuyển đổi"},
        {"en": "IPv4 progressively removed from internal segments", "vi": "Từng bước loại bỏ IPv4 khỏi các phân đoạn nội bộ"}
      ],
      "match": [
        {"category": ["datacenter", "wan", "systems"]},
        {"record": "service", "service_kind": "integration"}
      ]
    },
    {
      "id": "p3-ipv6-only",
      "name": {"en": "IPv6-only: IPv4 removed", "vi": "IPv6 only: loại bỏ IPv4"},
      "start": "2029-01-01",
      "end": "2030-12-31",
      "tasks": [
        {"en": "Every LAN and end device IPv6-only; IPv4 removed from the agencies' networks", "vi": "Mọi mạng LAN và thiết bị đầu cuối IPv6 only; loại bỏ IPv4 khỏi mạng của cơ quan"},
        {"en": "NAT64/DNS64 kept only for the Internet's IPv4-only services", "vi": "Chỉ giữ NAT64/DNS64 cho các dịch vụ chỉ có IPv4 trên Internet"}
      ],
      "match": [
        {}
      ]
    }
  ],
  "targets": [
    {"category": "internet-edge", "percent": {"2026": 100, "2030": 100}, "derived": true, "source": "the 2022–2025 target (100% by 2023) is overdue: all of it in 2026"},
    {"category": "systems", "percent": {"2026": 100, "2030": 100}, "derived": true, "source": "the 2022–2025 target (100% by 2025) is overdue: all of it in 2026"},
    {"category": "datacenter", "percent": {"2026": 90, "2027": 100, "2030": 100}, "derived": true, "source": "the 2022–2025 target (100% by 2025), finished in the pilot phase"},
    {"category": "wan", "percent": {"2026": 90, "2027": 100, "2030": 100}, "derived": true, "source": "the 2022–2025 target (100% by 2025), finished in the pilot phase"},
    {"category": "lan", "percent": {"2026": 80, "2027": 100, "2030": 100}, "derived": true, "source": "the 2022–2025 target (100% by 2025), finished in the pilot phase"},
    {"category": "end-devices", "percent": {"2026": 70, "2027": 90, "2028": 100, "2030": 100}, "derived": true, "source": "the 2022–2025 target (90% by 2025), finished by the scale-up"}
  ],
  "ipv6_only_targets": [
    {"category": "internet-edge", "percent": {"2026": 0, "2027": 10, "2028": 80, "2029": 90, "2030": 100}, "derived": true, "source": "Decision 3369/QĐ-BKHCN phases: pilots 2026–2027, 80–90% 2027–2028, 90–100% 2029–2030; the edge keeps serving IPv4 clients through translation"},
    {"category": "systems", "percent": {"2026": 5, "2027": 20, "2028": 80, "2029": 90, "2030": 100}, "derived": true, "source": "Decision 3369/QĐ-BKHCN phases: pilots 2026–2027, government systems 80–90% 2027–2028, 90–100% 2029–2030"},
    {"category": "datacenter", "percent": {"2026": 5, "2027": 20, "2028": 80, "2029": 90, "2030": 100}, "derived": true, "source": "Decision 3369/QĐ-BKHCN phases, as for government systems"},
    {"category": "wan", "percent": {"2026": 0, "2027": 20, "2028": 80, "2029": 95, "2030": 100}, "derived": true, "source": "Decision 3369/QĐ-BKHCN phases: core networks first"},
    {"category": "lan", "percent": {"2026": 5, "2027": 15, "2028": 80, "2029": 90, "2030": 100}, "derived": true, "source": "Decision 3369/QĐ-BKHCN phases: one pilot LAN per province in 2026–2027"},
    {"category": "end-devices", "percent": {"2026": 5, "2027": 20, "2028": 80, "2029": 90, "2030": 100}, "derived": true, "source": "Decision 3369/QĐ-BKHCN phases; state agencies IPv6-only by 2030"}
  ],
  "equipment_rule": {
    "from": "2026-01-01",
    "text": {"en": "From 2026 no equipment or software is bought without IPv6 (Decision 3369/QĐ-BKHCN stops its production and import): a replacement must support IPv6, and IPv6-only where the catalog knows.", "vi": "Từ năm 2026 không mua thiết bị, phần mềm không hỗ trợ IPv6 (Quyết định 3369/QĐ-BKHCN dừng sản xuất, nhập khẩu): thiết bị thay thế phải hỗ trợ IPv6, và IPv6 only nếu danh mục đã xác nhận."}
  },
  "capacity": {
    "items_per_quarter": 60,
    "items_per_agency_per_quarter": 12,
    "budget_per_quarter": 300000000,
    "notes": "What the province's IT staff and budget can carry per quarter (defaults; override with plan --capacity ITEMS[,BUDGET])."
  },
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
