#!/usr/bin/env python3
"""Writes examples/merge/tinh-lan-can/: a small fictional neighbouring province that merges into the example
province (63 provinces became 34 in 2025). Its ids collide with the example's on purpose (ubnd-tinh, so-tttt),
so the merge needs --id-prefix; its addresses do not (192.0.2.0/24, 2001:db8:b00::/40), so it can merge at all.
Documentation ranges only. Run from the repository root; the output is deterministic."""
import json, os

OUT = "examples/merge/tinh-lan-can"
V4 = "192.0.2"
V6 = "2001:db8:b00"

def seg(sid, name, site, kind, vlan, n4, n6):
    return {"id": sid, "name": name, "site": site, "kind": kind, "vlan": vlan, "ipv4": [n4], "ipv6": [n6] if n6 else []}

def dev(did, name, role, vendor, model, segment, v4, v6=None, version=None, criticality="medium"):
    d = {"id": did, "name": name, "role": role, "vendor": vendor, "model": model}
    if version: d["version"] = version
    d.update({"segment": segment, "ipv4": [v4], "ipv6": [v6] if v6 else [], "criticality": criticality})
    return d

agencies = {
    "ubnd-tinh": {
        "agency": {"id": "ubnd-tinh", "name": "UBND tỉnh Lân Cận", "kind": "province",
                   "contact": "Văn phòng UBND tỉnh Lân Cận, vanphong@lancan.example"},
        "sites": [{"id": "lc-tinh-tru-so", "name": "Trụ sở UBND tỉnh Lân Cận", "address": "Số 1 đường Trần Hưng Đạo, tỉnh Lân Cận"}],
        "segments": [seg("lc-tinh-edge", "Kết nối Internet", "lc-tinh-tru-so", "internet-edge", 2, f"{V4}.0/28", f"{V6}:1::/64"),
                     seg("lc-tinh-lan", "LAN trụ sở", "lc-tinh-tru-so", "lan", 10, f"{V4}.64/27", f"{V6}:2::/64")],
        "devices": [dev("lc-tinh-rt-01", "Bộ định tuyến biên", "router", "Cisco", "ISR 4331", "lc-tinh-edge", f"{V4}.1", f"{V6}:1::1", "16.9.4", "critical"),
                    dev("lc-tinh-fw-01", "Tường lửa", "firewall", "Fortinet", "FortiGate 100F", "lc-tinh-edge", f"{V4}.2", f"{V6}:1::2", "7.2.5", "critical"),
                    dev("lc-tinh-sw-01", "Chuyển mạch lõi", "l3-switch", "Cisco", "Catalyst 9300-24T", "lc-tinh-lan", f"{V4}.65", f"{V6}:2::1", "17.9.3", "high"),
                    dev("lc-tinh-pc-01", "Máy trạm Văn phòng", "workstation", "Dell", "OptiPlex 7090", "lc-tinh-lan", f"{V4}.80", None, "Windows 10", "low"),
                    dev("lc-tinh-pr-01", "Máy in Văn phòng", "printer", "HP", "LaserJet 1320n", "lc-tinh-lan", f"{V4}.81", None, None, "low")],
        "services": [],
    },
    "so-tttt": {
        "agency": {"id": "so-tttt", "name": "Sở Khoa học và Công nghệ tỉnh Lân Cận (trước 1/3/2025: Sở TT&TT)", "kind": "department",
                   "parent": "ubnd-tinh", "contact": "Trung tâm CNTT, cntt@lancan.example"},
        "sites": [{"id": "lc-so-tru-so", "name": "Trụ sở Sở KH&CN", "address": "Số 5 đường Lê Lợi, tỉnh Lân Cận"}],
        "segments": [seg("lc-so-dmz", "DMZ cổng thông tin", "lc-so-tru-so", "dmz", 20, f"{V4}.16/28", f"{V6}:10::/64"),
                     seg("lc-so-lan", "LAN Sở", "lc-so-tru-so", "lan", 10, f"{V4}.96/27", None)],
        "devices": [dev("lc-so-srv-web", "Máy chủ cổng thông tin", "server", "Dell", "PowerEdge R740", "lc-so-dmz", f"{V4}.20", f"{V6}:10::20", "Ubuntu 22.04", "critical"),
                    dev("lc-so-srv-dns", "Máy chủ DNS", "server", "Dell", "PowerEdge R640", "lc-so-dmz", f"{V4}.21", f"{V6}:10::21", "Ubuntu 22.04", "high"),
                    dev("lc-so-sw-01", "Chuyển mạch LAN", "switch", "Cisco", "Catalyst 2960X-48TS-L", "lc-so-lan", f"{V4}.97", None, "15.0.2", "medium"),
                    dev("lc-so-pc-01", "Máy trạm", "workstation", "Dell", "OptiPlex 7090", "lc-so-lan", f"{V4}.110", None, "Windows 10", "low")],
        "services": [{"id": "lc-cong-ttdt", "name": "Cổng thông tin điện tử tỉnh Lân Cận", "kind": "web", "category": "e-portal",
                      "hostname": "lancan.example", "ports": [80, 443], "ipv4": [f"{V4}.20"], "ipv6": [f"{V6}:10::20"],
                      "audience": "public", "device": "lc-so-srv-web"},
                     {"id": "lc-dns", "name": "DNS tỉnh Lân Cận", "kind": "dns", "hostname": "ns1.lancan.example", "ports": [53],
                      "ipv4": [f"{V4}.21"], "ipv6": [f"{V6}:10::21"], "audience": "public", "device": "lc-so-srv-dns"}],
    },
    "huyen-dong-phu": {
        "agency": {"id": "huyen-dong-phu", "name": "Huyện Đông Phú (giải thể cấp huyện 1/7/2025)", "kind": "district",
                   "parent": "ubnd-tinh", "dissolved": "2025-07-01"},
        "sites": [{"id": "lc-dong-phu-tru-so", "name": "Trụ sở UBND huyện Đông Phú (cũ)"}],
        "segments": [seg("lc-dong-phu-lan", "LAN trụ sở huyện (cũ)", "lc-dong-phu-tru-so", "lan", 10, f"{V4}.128/27", None)],
        "devices": [dev("lc-dong-phu-rt-01", "Bộ định tuyến", "router", "VNPT Technology", "iGate GW240-H", "lc-dong-phu-lan", f"{V4}.129", None, "2.1.5", "medium"),
                    dev("lc-dong-phu-pc-01", "Máy trạm", "workstation", "Dell", "OptiPlex 3020", "lc-dong-phu-lan", f"{V4}.140", None, "Windows 7", "low")],
        "services": [],
    },
    "xa-dong-phu": {
        "agency": {"id": "xa-dong-phu", "name": "Xã Đông Phú", "kind": "commune", "parent": "ubnd-tinh",
                   "contact": "Văn phòng UBND xã Đông Phú"},
        "sites": [{"id": "lc-xa-dong-phu-tru-so", "name": "Trụ sở UBND xã Đông Phú"}],
        "segments": [seg("lc-xa-dong-phu-lan", "LAN trụ sở xã", "lc-xa-dong-phu-tru-so", "lan", 10, f"{V4}.160/27", f"{V6}:20::/64")],
        "devices": [dev("lc-xa-dong-phu-rt-01", "Bộ định tuyến", "router", "VNPT Technology", "iGate GW240-H", "lc-xa-dong-phu-lan", f"{V4}.161", f"{V6}:20::1", "2.1.5", "high"),
                    dev("lc-xa-dong-phu-ap", "Điểm truy cập Wi-Fi", "access-point", "TP-Link", "EAP225", "lc-xa-dong-phu-lan", f"{V4}.170", f"{V6}:20::20", "5.1.0 Build 20220926", "low"),
                    dev("lc-xa-dong-phu-pc-01", "Máy trạm Một cửa", "workstation", "Dell", "OptiPlex 7090", "lc-xa-dong-phu-lan", f"{V4}.180", None, "Windows 10", "low")],
        "services": [],
    },
}

manifest = {"schema": 1, "name": "Tỉnh Lân Cận", "organization": "Sở Khoa học và Công nghệ tỉnh Lân Cận",
            "scope": {"ipv4": [f"{V4}.0/24"], "ipv6": [f"{V6}::/48"]}, "ipv6_allocation": f"{V6}::/40", "catalog": []}

os.makedirs(f"{OUT}/agencies", exist_ok=True)
def write(path, value):
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")
write(f"{OUT}/inventory.json", manifest)
for aid, body in agencies.items():
    write(f"{OUT}/agencies/{aid}.json", {"schema": 1, **body})
