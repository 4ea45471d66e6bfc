#!/usr/bin/env python3
"""Generate the example inventory of the fictional province "Tỉnh Ví Dụ" (inventories/example/).

The example is what `v6ready demo`, the tests and the documentation work on, so it has to look like a real provincial
network: a people's committee, its departments, districts and communes; an Internet edge, a data-integration centre,
a DMZ, WAN links and LANs; a few hundred devices whose IPv6 readiness is mixed the way a 2022 survey finds it; and the
services the national "IPv6 For Gov" program cares about (e-portal, public-service portal, DNS, mail, ...).

Deterministic (fixed seed, fixed order): running it again rewrites the committed files byte for byte.
Python 3 standard library only. Every address comes from documentation or benchmarking ranges
(198.18.0.0/15, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) and every host name ends in `.example`.

Usage:
    scripts/generate-example-inventory.py           write inventories/example/
    scripts/generate-example-inventory.py --check   exit 1 if the committed files differ from what it would write
"""

import argparse
import ipaddress
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "inventories" / "example"
CATALOG_SWIFT = ROOT / "Sources" / "V6Core" / "Inventory" / "DefaultCatalogData.swift"
SEED = 20220401

# ---------------------------------------------------------------------------------------------------------------------
# Address plan
# ---------------------------------------------------------------------------------------------------------------------

IPV6_ALLOCATION = ipaddress.ip_network("2001:db8:a00::/40")  # the province's block (documentation space)
IPV6_SITE = ipaddress.ip_network("2001:db8:a00::/48")  # the part in use: one /56 per agency, one /64 per segment
INTERNAL_V4 = ipaddress.ip_network("198.18.0.0/15")  # internal segments: /24 or /26 each, agencies /22-aligned
WAN_V4 = ipaddress.ip_network("198.19.254.0/24")  # district WAN links: one /29 each
EDGE_V4 = ipaddress.ip_network("198.51.100.0/28")  # Internet edge transfer network
PUBLIC_V4 = [ipaddress.ip_network("198.51.100.0/24"), ipaddress.ip_network("203.0.113.0/24")]
SCOPE_V4 = ["198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24"]
SCOPE_V6 = [str(IPV6_SITE)]


def v6_segment(agency_nibbles, segment_nibbles):
    """2001:db8:a00:XXYY::/64 — XX names the agency, YY the segment, so a prefix tells where it lives."""
    return ipaddress.ip_network("2001:db8:a00:%02x%02x::/64" % (agency_nibbles, segment_nibbles))


def decimal_looking_iid(host):
    """Host .20 gets ::20 — the habit of most address plans, easy to read next to the IPv4 address."""
    return int(str(host), 16)


# ---------------------------------------------------------------------------------------------------------------------
# Capability catalog (shipped, from the Swift source, plus this inventory's local entries)
# ---------------------------------------------------------------------------------------------------------------------

LOCAL_CATALOG = [
    {"vendor": "Fortinet", "model": "FortiGate 60D", "ipv6": "upgrade", "min_version": "6.0.14",
     "replacement_cost": 25000000,
     "notes": "Sở TT&TT kiểm thử 2023: chuyển tiếp DHCPv6 lỗi trước bản 6.0.14; nâng cấp lên 6.0.14 trở lên."},
    {"vendor": "VNPT Technology", "model": "iGate GW*", "ipv6": "yes", "replacement_cost": 1500000,
     "notes": "Thiết bị đầu cuối quang do VNPT cấp; chạy song song IPv4/IPv6 theo gói FTTH (đã kiểm tra 2023)."},
    {"vendor": "Vantech", "model": "VP-*", "ipv6": "no", "replacement_cost": 1800000,
     "notes": "Camera Vantech đời cũ: giao diện web và RTSP chỉ có IPv4 (kiểm thử tại Sở TT&TT 2023)."},
]


def load_shipped_catalog():
    text = CATALOG_SWIFT.read_text(encoding="utf-8")
    match = re.search(r'#"""\n(.*)\n\s*"""#', text, re.S)
    assert match, "%s: no #\"\"\" raw string found" % CATALOG_SWIFT
    document = json.loads(match.group(1))
    assert document["schema"] == 1
    return document["catalog"]


def version_parts(version):
    """Mirror of V6Core's VersionOrder: runs of digits are numbers, runs of letters are text, the rest separates."""
    return [int(p[:18]) if p.isdigit() else p.lower() for p in re.findall(r"[0-9]+|[^\W\d_]+", version)]


def compare_versions(a, b):
    x, y = version_parts(a), version_parts(b)
    for i in range(max(len(x), len(y))):
        if i >= len(y) and isinstance(x[i], str):
            return 1
        if i >= len(x) and isinstance(y[i], str):
            return -1
        p = x[i] if i < len(x) else 0
        q = y[i] if i < len(y) else 0
        if isinstance(p, int) and isinstance(q, int):
            if p != q:
                return -1 if p < q else 1
        elif isinstance(p, str) and isinstance(q, str):
            if p != q:
                return -1 if p < q else 1
        else:
            return 1 if isinstance(p, int) else -1
    return 0


class Catalog:
    def __init__(self, shipped, local):
        self.shipped_count = len(shipped)
        keys = {(e["vendor"].lower(), e["model"].lower()) for e in local}
        self.entries = local + [e for e in shipped if (e["vendor"].lower(), e["model"].lower()) not in keys]

    def matches(self, vendor, model):
        v, m = vendor.lower(), model.lower()
        found = []
        for e in self.entries:
            pattern = e["model"].lower()
            if e["vendor"].lower() != v:
                continue
            if pattern == m or (pattern.endswith("*") and m.startswith(pattern[:-1])):
                found.append(e)
        return found

    def verdict(self, vendor, model, version):
        """'capable', 'upgrade', 'no' or 'unknown' — what the tool's readiness check will conclude."""
        found = self.matches(vendor, model)
        assert len(found) <= 1, "%s %s matches several catalog entries: %s" % (vendor, model, found)
        if not found:
            return "unknown"
        entry = found[0]
        if entry["ipv6"] == "yes":
            return "capable"
        if entry["ipv6"] == "no":
            return "no"
        return "capable" if version and compare_versions(version, entry["min_version"]) >= 0 else "upgrade"


# ---------------------------------------------------------------------------------------------------------------------
# Product pools: what each kind of device can be, with realistic version strings. weight 0 = only when named.
# ---------------------------------------------------------------------------------------------------------------------

def item(vendor, model, os, versions, weight=1):
    return {"vendor": vendor, "model": model, "os": os, "versions": versions, "weight": weight}


POOLS = {
    "router": [
        item("Cisco", "ISR 4331", "IOS XE", ["16.9.8", "16.12.5", "17.3.4a"], 3),
        item("Cisco", "ISR 4431", "IOS XE", ["17.3.4a", "17.6.5"], 1),
        item("Cisco", "ISR 2911", "IOS", ["15.4(3)M10", "15.7(3)M8"], 2),
        item("Cisco", "1841", "IOS", ["12.4(24)T8", "12.4(25)g"], 2),
        item("Cisco", "ASR 1001-X", "IOS XE", ["17.3.4a", "17.6.5"], 0),
        item("Huawei", "AR2220", "VRP", ["V200R010C10SPC700"], 1),
        item("Huawei", "AR6140-9G-2AC", "VRP", ["V300R019C13SPC200"], 1),
        item("H3C", "MSR3610", "Comware", ["7.1.064"], 1),
        item("MikroTik", "RB4011iGS+RM", "RouterOS", ["6.48.6", "6.49.10", "7.11.2", "7.12.1"], 2),
        item("DrayTek", "Vigor2925", "DrayOS", ["3.9.6"], 1),
    ],
    "small-router": [
        item("VNPT Technology", "iGate GW240-H", None, ["2.1.5"], 3),
        item("MikroTik", "RB3011UiAS-RM", "RouterOS", ["6.47.10", "6.48.6", "7.10.1"], 3),
        item("TP-Link", "ER605", "Omada", ["1.2.1 Build 20220512", "1.3.0 Build 20230201", "2.1.2 Build 20230614"], 2),
        item("TP-Link", "TL-R480T+", None, ["9.0.3 Build 20170904"], 2),
        item("D-Link", "DIR-615", None, ["5.10"], 1),
        item("DrayTek", "Vigor2927", "DrayOS", ["4.4.2"], 1),
    ],
    "l3-switch": [
        item("Cisco", "Catalyst 9300-48P", "IOS XE", ["17.3.5", "17.6.4", "17.9.4"], 2),
        item("Cisco", "Catalyst 9300-24T", "IOS XE", ["17.6.4"], 1),
        item("Cisco", "Catalyst 3850-24T", "IOS XE", ["16.3.11", "16.12.8"], 1),
        item("Cisco", "Catalyst 3750X-24T", "IOS", ["12.2(55)SE12", "12.2(58)SE2", "15.0(2)SE11", "15.2(4)E10"], 3),
        item("Cisco", "Catalyst 3550-24", "IOS", ["12.2(44)SE6"], 1),
        item("Huawei", "S6730-H24X6C", "VRP", ["V200R019C10SPC500"], 1),
        item("Huawei", "S5735-S24T4X", "VRP", ["V200R020C10SPC500"], 2),
        item("H3C", "S5130S-28S-EI", "Comware", ["7.1.070"], 1),
        item("Juniper", "EX4300-48T", "Junos", ["20.4R3-S6", "21.4R3-S3"], 1),
        item("Aruba", "2930F-24G-4SFP+", "ArubaOS-Switch", ["WC.16.10.0012", "WC.16.11.0008"], 1),
        item("Ruijie", "RG-S5750-24GT4XS-L", "RGOS", ["11.0(5)B9"], 1),
    ],
    "switch": [
        item("Cisco", "Catalyst 2960X-24TS-L", "IOS", ["15.2(2)E9", "15.2(7)E7"], 3),
        item("Cisco", "Catalyst 2960X-48TS-L", "IOS", ["15.2(7)E7"], 1),
        item("Cisco", "Catalyst 2960-24TT-L", "IOS", ["12.2(44)SE6", "12.2(55)SE12", "15.0(2)SE11"], 4),
        item("Cisco", "Catalyst 2960G-24TC-L", "IOS", ["12.2(50)SE5", "12.2(55)SE12"], 1),
        item("Cisco", "Catalyst 9200L-24T-4G", "IOS XE", ["17.6.4", "17.9.4"], 1),
        item("Cisco", "Catalyst 2950-24", "IOS", ["12.1(22)EA14"], 1),
        item("Huawei", "S5720-28X-LI-AC", "VRP", ["V200R011C10SPC600"], 2),
        item("Huawei", "S5735-L24T4X-A1", "VRP", ["V200R021C00SPC100"], 0),
        item("Huawei", "S2700-26TP-SI-AC", "VRP", ["V100R006C05"], 1),
        item("H3C", "S5120V2-28P-LI", "Comware", ["7.1.070"], 1),
        item("Aruba", "2530-24G", "ArubaOS-Switch", ["YA.16.10.0012"], 2),
        item("Juniper", "EX2200-24T-4G", "Junos", ["12.3R12-S21"], 1),
        item("HPE", "ProCurve 2610-24", "ProVision", ["R.11.07", "R.11.15"], 1),
        item("MikroTik", "CRS326-24G-2S+RM", "RouterOS", ["6.48.6", "6.49.10", "7.12.1"], 1),
        item("TP-Link", "TL-SG3428", "JetStream", ["2.0.8 Build 20210412"], 2),
        item("TP-Link", "TL-SG2428P", "JetStream", ["1.0.6 Build 20200805"], 1),
        item("D-Link", "DGS-1210-28", None, ["6.20.007"], 2),
        item("Ruijie", "RG-S2910-24GT4XS-E", "RGOS", ["11.4(1)B12"], 1),
    ],
    "small-switch": [
        item("TP-Link", "TL-SG108E", None, ["1.0.0 Build 20191021"], 2),
        item("TP-Link", "TL-SG1016DE", None, ["1.0.0 Build 20181120"], 2),
        item("TP-Link", "TL-SG2428P", "JetStream", ["1.0.6 Build 20200805"], 2),
        item("D-Link", "DGS-1210-28", None, ["6.20.007"], 2),
        item("MikroTik", "CRS326-24G-2S+RM", "RouterOS", ["6.48.6", "6.49.10", "7.12.1"], 2),
        item("Cisco", "Catalyst 2960-24TT-L", "IOS", ["12.2(44)SE6", "12.2(55)SE12"], 2),
        item("Ruijie", "RG-S2910-24GT4XS-E", "RGOS", ["11.4(1)B12"], 1),
    ],
    "unmanaged-switch": [
        item("TP-Link", "TL-SG1024D", None, [None], 2),
        item("TP-Link", "TL-SG1016D", None, [None], 2),
        item("D-Link", "DES-1008C", None, [None], 1),
    ],
    "firewall": [
        item("Fortinet", "FortiGate 60E", "FortiOS", ["6.4.9 build1966", "6.4.13 build2092", "7.0.12 build0523"], 3),
        item("Fortinet", "FortiGate 60F", "FortiOS", ["7.0.12 build0523", "7.2.5 build1517"], 2),
        item("Fortinet", "FortiGate 100F", "FortiOS", ["7.0.12 build0523", "7.2.5 build1517"], 1),
        item("Fortinet", "FortiGate 200F", "FortiOS", ["7.2.5 build1517"], 0),
        item("Fortinet", "FortiGate 60D", "FortiOS", ["5.4.13 build1753", "5.6.14 build1727", "6.0.9 build0335",
                                                      "6.0.16 build0457"], 3),
        item("Sophos", "XG 135", "SFOS", ["18.5.4", "19.0.2"], 1),
        item("Sophos", "XGS 2100", "SFOS", ["19.5.1"], 1),
        item("Check Point", "Quantum Spark 1550", "Gaia Embedded", ["R81.10.05"], 1),
        item("Cisco", "ASA 5506-X", "ASA", ["9.8(4)45", "9.12(4)56"], 1),
        item("Cisco", "ASA 5515-X", "ASA", ["8.6(1)2", "9.8(4)45"], 1),
        item("Cisco", "ASA 5512-X", "ASA", ["8.6(1)2", "8.6(1)12"], 1),
        item("Cisco", "PIX 501", "PIX OS", ["6.3(5)"], 1),
        item("Juniper", "SRX110H2-VA", "Junos", ["11.4R7.5", "11.2R4.3"], 1),
        item("Juniper", "SRX340", "Junos", ["21.2R3-S4"], 1),
        item("Huawei", "USG6330", "VRP", ["V500R001C60SPC300"], 1),
        item("Palo Alto Networks", "PA-3220", "PAN-OS", ["10.1.9-h1", "10.2.4"], 0),
        item("Palo Alto Networks", "PA-220", "PAN-OS", ["10.1.9-h1"], 1),
        item("Zyxel", "USG FLEX 100", "ZLD", ["5.37"], 1),
    ],
    "server": [
        item("Microsoft", "Windows Server 2019", "Windows Server", ["10.0.17763"], 3),
        item("Microsoft", "Windows Server 2016", "Windows Server", ["10.0.14393"], 2),
        item("Microsoft", "Windows Server 2022", "Windows Server", ["10.0.20348"], 1),
        item("Microsoft", "Windows Server 2012 R2", "Windows Server", ["6.3.9600"], 2),
        item("Microsoft", "Windows Server 2008 R2", "Windows Server", ["6.1.7601"], 2),
        item("Microsoft", "Windows Server 2003", "Windows Server", ["5.2.3790"], 1),
        item("Canonical", "Ubuntu Server", "Linux", ["18.04.6", "20.04.6", "22.04.3"], 2),
        item("CentOS", "CentOS Linux", "Linux", ["6.10", "7.9.2009"], 2),
        item("Red Hat", "Red Hat Enterprise Linux", "Linux", ["7.9", "8.8"], 1),
        item("VMware", "ESXi", "ESXi", ["7.0.3"], 0),
        item("Proxmox", "Proxmox VE", "Linux", ["7.4-3"], 1),
        item("Synology", "DS920+", "DSM", ["7.2-64570"], 1),
    ],
    "workstation": [
        item("Microsoft", "Windows 10", "Windows", ["10.0.19044", "10.0.19045"], 6),
        item("Microsoft", "Windows 11", "Windows", ["10.0.22621", "10.0.22631"], 3),
        item("Microsoft", "Windows 7", "Windows", ["6.1.7601"], 2),
        item("Microsoft", "Windows XP", "Windows", ["5.1.2600"], 1),
        item("Canonical", "Ubuntu Desktop", "Linux", ["22.04.3"], 0.5),
    ],
    "printer": [
        item("HP", "LaserJet Pro M404dn", None, [None], 3),
        item("HP", "LaserJet Pro M428fdw", None, [None], 2),
        item("HP", "LaserJet Enterprise M607dn", None, [None], 1),
        item("HP", "LaserJet P1102w", None, [None], 2),
        item("HP", "LaserJet 1320n", None, [None], 1),
        item("Canon", "imageRUNNER ADVANCE DX 4725i", None, [None], 1),
        item("Brother", "HL-L5100DN", None, [None], 2),
        item("Ricoh", "IM 2702", None, [None], 1),
        item("Fuji Xerox", "DocuCentre S2110", None, [None], 1),
    ],
    "camera": [
        item("Hikvision", "DS-2CD2021G1-I", None, ["5.4.5 build 170124", "5.5.82 build 190909",
                                                 "5.7.3 build 220112"], 4),
        item("Hikvision", "DS-2CD2T43G0-I5", None, ["5.4.41 build 170312", "5.5.0 build 170725"], 2),
        item("Dahua", "IPC-HFW1230S", None, ["2.622.0000000.31.R", "2.800.0000000.5.R"], 2),
        item("Dahua", "IPC-HFW2431S-S-S2", None, ["2.800.0000000.20.R"], 1),
        item("KBVision", "KX-2011N2", None, ["2.0.0"], 2),
        item("Vantech", "VP-150C", None, ["3.0.1"], 1),
    ],
    "access-point": [
        item("Aruba", "AP-303", "ArubaOS", ["8.10.0.6"], 2),
        item("Ubiquiti", "UAP-AC-PRO", "UniFi", ["6.5.28"], 2),
        item("TP-Link", "EAP225", "Omada", ["5.1.0 Build 20220926"], 3),
        item("Cisco", "AIR-AP1832I-S-K9", "AireOS", ["8.10.185.0"], 1),
        item("Fortinet", "FortiAP 221E", "FortiAP", ["7.0.6"], 1),
        item("MikroTik", "cAP ac", "RouterOS", ["6.48.6", "7.12.1"], 2),
        item("TP-Link", "TL-WA801ND", None, ["3.16.9 Build 160411"], 1),
        item("Ruijie", "RG-AP720-L", "RGOS", ["11.9(6)W3B2"], 1),
    ],
    "vpn": [
        item("Pulse Secure", "PSA3000", "PCS", ["9.1R17"], 0),
        item("MikroTik", "CCR1009-7G-1C-1S+", "RouterOS", ["6.47.10", "7.11.2"], 1),
    ],
    "load-balancer": [
        item("F5", "BIG-IP i2600", "TMOS", ["15.1.10", "16.1.4"], 1),
        item("Citrix", "NetScaler MPX 8905", "NetScaler", ["13.1-51.15"], 0),
    ],
    "other": [
        item("APC", "AP9631", "NMC2", ["6.9.6"], 1),
        item("APC", "AP9617", "NMC1", ["3.7.3"], 1),
        item("Hikvision", "DS-7608NI-K2", None, ["3.4.92 build 170228", "4.30.005 build 200916"], 2),
        item("Dahua", "NVR4108HS-4KS2", None, ["4.0.1"], 1),
        item("Grandstream", "GXP1625", None, ["1.0.7.13"], 1),
        item("Polycom", "RealPresence Group 500", None, ["6.2.2"], 1),
    ],
}

# ---------------------------------------------------------------------------------------------------------------------
# People and places
# ---------------------------------------------------------------------------------------------------------------------

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý"]
MIDDLE_MALE = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Xuân"]
MIDDLE_FEMALE = ["Thị", "Ngọc", "Thu", "Thanh", "Mỹ", "Kim"]
GIVEN_MALE = ["Bình", "Cường", "Dũng", "Hải", "Hùng", "Khoa", "Long", "Nam", "Phong", "Quang", "Sơn", "Tuấn", "Việt",
              "Thắng", "Hiếu", "Tâm"]
GIVEN_FEMALE = ["Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngân", "Phương", "Thảo", "Trang", "Yến"]


def person(rng):
    if rng.random() < 0.5:
        return "%s %s %s" % (rng.choice(FAMILY), rng.choice(MIDDLE_MALE), rng.choice(GIVEN_MALE))
    return "%s %s %s" % (rng.choice(FAMILY), rng.choice(MIDDLE_FEMALE), rng.choice(GIVEN_FEMALE))


def ascii_fold(text):
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def email_of(name):
    parts = ascii_fold(name).lower().split()
    return "%s.%s@vidu.example" % (parts[-1], "".join(p[0] for p in parts[:-1]))


def in_sentence(name):
    """"Huyện An Bình" inside an address reads "huyện An Bình": only the unit word is lower-cased."""
    return name[0].lower() + name[1:]


STREETS = ["Hùng Vương", "Trần Hưng Đạo", "Lê Lợi", "Nguyễn Huệ", "Quang Trung", "Hai Bà Trưng", "Lý Thường Kiệt",
           "Phan Đình Phùng", "Nguyễn Trãi", "Võ Thị Sáu", "Điện Biên Phủ", "Lê Duẩn"]

# ---------------------------------------------------------------------------------------------------------------------
# The province: agencies, their segments and device slots
# ---------------------------------------------------------------------------------------------------------------------


def seg(key, name, kind, site="hq", vlan=None, size=24, v6=None, v4=None):
    """A segment; v6 is the YY byte of its /64 or None while it has no IPv6; v4 a fixed prefix or None to allocate."""
    return {"key": key, "name": name, "kind": kind, "site": site, "vlan": vlan, "size": size, "v6": v6, "v4": v4}


def dev(key, name, role, seg, n=1, bucket=None, model=None, version=None, pool=None, crit="medium", owner=None,
        notes=None, hosts=None, hosts6=None, unaddressed=False):
    """A device slot. bucket: 'dual' (dual-stack now), 'v4only' (capable, IPv4 only), 'upgrade', 'no', 'unknown',
    or None to let the province-wide mix decide. model (vendor, model) pins the product."""
    return {"key": key, "name": name, "role": role, "seg": seg, "n": n, "bucket": bucket, "model": model,
            "version": version, "pool": pool or role, "crit": crit, "owner": owner, "notes": notes, "hosts": hosts,
            "hosts6": hosts6, "unaddressed": unaddressed}


def so_tttt():
    it = "Trung tâm CNTT và Truyền thông"
    return {
        "id": "so-tttt", "name": "Sở Thông tin và Truyền thông", "kind": "department", "parent": "ubnd-tinh",
        "xx": 0x10, "it_unit": it, "it_person": "Nguyễn Văn An",
        "sites": [("tru-so", "Trụ sở Sở Thông tin và Truyền thông", 2),
                  ("ttthdl", "Trung tâm Tích hợp dữ liệu tỉnh", 3)],
        "rooms": ["Văn phòng Sở", "Phòng Bưu chính, Viễn thông và CNTT", "Phòng Thông tin – Báo chí – Xuất bản",
                  "Trung tâm CNTT và Truyền thông"],
        "segments": [
            seg("edge", "Biên Internet (VNPT, Viettel)", "internet-edge", "ttthdl", 900, v6=0x00, v4="198.51.100.0/28"),
            seg("dmz", "Vùng DMZ dịch vụ công", "dmz", "ttthdl", 100, v6=0x10, v4="203.0.113.0/25"),
            seg("dmz-cu", "Vùng DMZ cũ (chưa có IPv6)", "dmz", "ttthdl", 101, v4="203.0.113.128/26"),
            seg("dc-app", "Trung tâm THDL – máy chủ ứng dụng", "datacenter", "ttthdl", 110, v6=0x11),
            seg("dc-db", "Trung tâm THDL – máy chủ cơ sở dữ liệu", "datacenter", "ttthdl", 120, v6=0x12),
            seg("dc-cu", "Trung tâm THDL – máy chủ thế hệ cũ", "datacenter", "ttthdl", 130),
            seg("dc-mgmt", "Trung tâm THDL – quản trị hạ tầng", "datacenter", "ttthdl", 199, size=26, v6=0x19),
            seg("wan-core", "Lõi mạng WAN tỉnh (mạng truyền số liệu chuyên dùng)", "wan", "ttthdl", 300, size=26,
                v6=0xf0),
            seg("lan", "LAN trụ sở Sở", "lan", "tru-so", 10, v6=0x01),
            seg("wifi", "Wi-Fi trụ sở Sở", "lan", "tru-so", 20, size=26, v6=0x02),
            seg("camera", "Camera giám sát trụ sở", "lan", "tru-so", 30, size=26),
        ],
        "devices": [
            dev("rt-bien-01", "Bộ định tuyến biên Internet 1 (VNPT)", "router", "edge", bucket="dual",
                model=("Cisco", "ASR 1001-X"), version="17.3.4a", crit="critical", notes="BGP với VNPT (AS64500)."),
            dev("rt-bien-02", "Bộ định tuyến biên Internet 2 (Viettel)", "router", "edge", bucket="dual",
                model=("Cisco", "ASR 1001-X"), version="17.3.4a", crit="critical",
                notes="BGP với Viettel (AS64501); phiên IPv6 chưa được nhà mạng cấp."),
            dev("fw-bien", "Tường lửa biên {i}", "firewall", "edge", n=2, bucket="dual",
                model=("Palo Alto Networks", "PA-3220"), version="10.1.9-h1", crit="critical",
                notes="Cụm HA chủ/dự phòng."),
            dev("fw-dmz-01", "Tường lửa vùng DMZ", "firewall", "dmz", bucket="dual",
                model=("Fortinet", "FortiGate 200F"), version="7.2.5 build1517", crit="critical"),
            dev("lb-01", "Bộ cân bằng tải 1", "load-balancer", "dmz", bucket="dual", model=("F5", "BIG-IP i2600"),
                version="16.1.4", crit="critical", hosts=[5, 20, 21, 22, 23], hosts6=[5, 20, 21, 22],
                notes="VIP .20 cổng TTĐT, .21 dịch vụ công, .22 SSO, .23 một cửa (chỉ IPv4)."),
            dev("lb-02", "Bộ cân bằng tải 2 (dự phòng)", "load-balancer", "dmz", bucket="dual",
                model=("F5", "BIG-IP i2600"), version="16.1.4", crit="critical", hosts=[6], hosts6=[6]),
            dev("sv-web", "Máy chủ web Cổng thông tin điện tử {i}", "server", "dmz", n=2, bucket="dual",
                model=("Canonical", "Ubuntu Server"), version="22.04.3", crit="critical"),
            dev("sv-dns-01", "Máy chủ DNS ns1", "server", "dmz", bucket="dual", model=("Canonical", "Ubuntu Server"),
                version="20.04.6", crit="critical", notes="BIND 9, có DNSSEC."),
            dev("sv-mail-01", "Máy chủ thư điện tử công vụ (MX1, webmail)", "server", "dmz", bucket="dual",
                model=("Canonical", "Ubuntu Server"), version="20.04.6", crit="critical", notes="Zimbra 9."),
            dev("vpn-01", "Thiết bị VPN SSL", "vpn", "dmz", bucket="dual", model=("Pulse Secure", "PSA3000"),
                version="9.1R17", crit="high"),
            dev("sv-opendata-01", "Máy chủ Cổng dữ liệu mở", "server", "dmz", bucket="dual",
                model=("Canonical", "Ubuntu Server"), version="22.04.3", crit="high"),
            dev("sv-dns-02", "Máy chủ DNS ns2", "server", "dmz-cu", bucket="v4only", model=("CentOS", "CentOS Linux"),
                version="6.10", crit="critical", notes="Vùng DMZ cũ chưa có IPv6; hệ điều hành hết hỗ trợ."),
            dev("sv-mx-02", "Máy chủ thư dự phòng (MX2)", "server", "dmz-cu", bucket="v4only",
                model=("CentOS", "CentOS Linux"), version="6.10", crit="high"),
            dev("sv-web-cu", "Máy chủ web thế hệ cũ (trang huyện, phản ánh kiến nghị)", "server", "dmz-cu",
                bucket="v4only", model=("Microsoft", "Windows Server 2012 R2"), version="6.3.9600", crit="high",
                notes="IIS 8.5."),
            dev("sw-dmz-cu", "Bộ chuyển mạch vùng DMZ cũ", "switch", "dmz-cu", bucket="upgrade",
                model=("Cisco", "Catalyst 2960-24TT-L"), version="12.2(55)SE12", crit="high"),
            dev("sv-qlvb", "Máy chủ Quản lý văn bản và điều hành {i}", "server", "dc-app", n=2, bucket="dual",
                model=("Microsoft", "Windows Server 2019"), version="10.0.17763", crit="critical",
                notes="Máy ảo trên cụm ESXi."),
            dev("sv-motcua", "Máy chủ Một cửa điện tử {i}", "server", "dc-app", n=2, bucket="v4only",
                model=("Microsoft", "Windows Server 2016"), version="10.0.14393", crit="critical",
                notes="Nhà cung cấp phần mềm chưa hỗ trợ IPv6."),
            dev("sv-dvc", "Máy chủ Cổng dịch vụ công {i}", "server", "dc-app", n=2, bucket="dual",
                model=("Red Hat", "Red Hat Enterprise Linux"), version="8.8", crit="critical"),
            dev("sv-lgsp", "Máy chủ nền tảng LGSP {i}", "server", "dc-app", n=2, bucket="v4only",
                model=("Red Hat", "Red Hat Enterprise Linux"), version="7.9", crit="critical",
                notes="WSO2; chưa kiểm thử kết nối NGSP qua IPv6."),
            dev("sv-sso-01", "Máy chủ xác thực tập trung (SSO)", "server", "dc-app", bucket="dual",
                model=("Canonical", "Ubuntu Server"), version="22.04.3", crit="high"),
            dev("sv-khodl-01", "Máy chủ Kho dữ liệu dùng chung", "server", "dc-app", bucket="dual",
                model=("Red Hat", "Red Hat Enterprise Linux"), version="8.8", crit="high"),
            dev("sv-soc-01", "Máy chủ giám sát an toàn thông tin (SOC)", "server", "dc-app", bucket="dual",
                model=("Canonical", "Ubuntu Server"), version="22.04.3", crit="high"),
            dev("sv-monitor-01", "Máy chủ giám sát mạng (Zabbix)", "server", "dc-app", bucket="dual",
                model=("Canonical", "Ubuntu Server"), version="20.04.6", crit="medium"),
            dev("sv-proxy-01", "Máy chủ proxy truy cập Internet", "server", "dc-app", bucket="v4only",
                model=("CentOS", "CentOS Linux"), version="7.9.2009", crit="high"),
            dev("sv-hoinghi-01", "Máy chủ hội nghị truyền hình", "server", "dc-app", bucket="v4only",
                model=("Microsoft", "Windows Server 2012 R2"), version="6.3.9600", crit="medium"),
            dev("sv-ad", "Máy chủ AD/DNS nội bộ {i}", "server", "dc-app", n=2, bucket="dual",
                model=("Microsoft", "Windows Server 2019"), version="10.0.17763", crit="high"),
            dev("sv-db-01", "Máy chủ CSDL Cổng dịch vụ công", "server", "dc-db", bucket="dual",
                model=("Red Hat", "Red Hat Enterprise Linux"), version="8.8", crit="critical",
                notes="PostgreSQL 13."),
            dev("sv-db-02", "Máy chủ CSDL dùng chung", "server", "dc-db", bucket="dual",
                model=("Red Hat", "Red Hat Enterprise Linux"), version="8.8", crit="high", notes="Oracle 19c."),
            dev("sv-db-03", "Máy chủ CSDL Quản lý văn bản", "server", "dc-db", bucket="dual",
                model=("Microsoft", "Windows Server 2016"), version="10.0.14393", crit="critical",
                notes="SQL Server 2016."),
            dev("sv-db-04", "Máy chủ CSDL Một cửa điện tử", "server", "dc-db", bucket="v4only",
                model=("Microsoft", "Windows Server 2008 R2"), version="6.1.7601", crit="critical",
                notes="SQL Server 2008 R2; cần chuyển sang máy chủ mới."),
            dev("sv-cu-01", "Máy chủ phần mềm kế toán cũ", "server", "dc-cu", bucket="no",
                model=("Microsoft", "Windows Server 2003"), version="5.2.3790", crit="medium",
                notes="HP ProLiant DL380 G5."),
            dev("sv-cu-02", "Máy chủ lưu trữ Một cửa điện tử phiên bản cũ", "server", "dc-cu", bucket="v4only",
                model=("Microsoft", "Windows Server 2008 R2"), version="6.1.7601", crit="low"),
            dev("sv-cu-03", "Máy chủ thư điện tử cũ", "server", "dc-cu", bucket="v4only",
                model=("CentOS", "CentOS Linux"), version="6.10", crit="low"),
            dev("sv-cu-04", "Máy chủ ảo hóa thử nghiệm", "server", "dc-cu", bucket="unknown",
                model=("Proxmox", "Proxmox VE"), version="7.4-3", crit="low"),
            dev("sv-cu-05", "Thiết bị lưu trữ sao lưu (NAS)", "server", "dc-cu", bucket="unknown",
                model=("Synology", "DS920+"), version="7.2-64570", crit="medium"),
            dev("esxi", "Máy chủ ảo hóa ESXi {i}", "server", "dc-mgmt", n=4, bucket="dual", model=("VMware", "ESXi"),
                version="7.0.3", crit="high", notes="Dell PowerEdge R740."),
            dev("sw-dc", "Bộ chuyển mạch Trung tâm THDL {i}", "switch", "dc-mgmt", n=2, bucket="dual",
                model=("Huawei", "S5735-L24T4X-A1"), version="V200R021C00SPC100", crit="high"),
            dev("ups-01", "Card quản lý UPS phòng máy 1", "other", "dc-mgmt", bucket="dual", model=("APC", "AP9631"),
                version="6.9.6", crit="medium"),
            dev("ups-02", "Card quản lý UPS phòng máy 2", "other", "dc-mgmt", bucket="no", model=("APC", "AP9617"),
                version="3.7.3", crit="medium"),
            dev("sw-loi", "Bộ chuyển mạch lõi {i}", "l3-switch", "wan-core", n=2, bucket="dual",
                model=("Cisco", "Catalyst 9300-48P"), version="17.9.4", crit="critical"),
            dev("rt-wan-01", "Bộ định tuyến WAN tỉnh (mạng TSLCD)", "router", "wan-core", bucket="dual",
                model=("Cisco", "ISR 4431"), version="17.6.5", crit="critical"),
            dev("sw-lan", "Bộ chuyển mạch tầng {i}", "switch", "lan", n=3, crit="medium"),
            dev("ws", "Máy trạm {room} {i}", "workstation", "lan", n=12, crit="low"),
            dev("pr", "Máy in {room}", "printer", "lan", n=2, crit="low"),
            dev("ap", "Điểm truy cập Wi-Fi tầng {i}", "access-point", "wifi", n=3, crit="low"),
            dev("cam", "Camera {place}", "camera", "camera", n=4, crit="low"),
            dev("nvr-01", "Đầu ghi hình camera", "other", "camera", bucket="upgrade",
                model=("Hikvision", "DS-7608NI-K2"), version="3.4.92 build 170228", crit="low"),
        ],
    }


# (id, name, xx, v6 on LAN, rooms, servers, extras) — the departments besides Sở TT&TT.
DEPARTMENTS = [
    ("van-phong-ubnd", "Văn phòng UBND tỉnh", 0x02, True,
     ["Phòng Hành chính – Tổ chức", "Phòng Tổng hợp", "Phòng Kinh tế", "Trung tâm Tin học – Công báo"],
     [dev("sv-baocao-01", "Máy chủ Hệ thống thông tin báo cáo", "server", "lan", bucket="dual",
          model=("Microsoft", "Windows Server 2019"), version="10.0.17763", crit="high"),
      dev("sv-hop-01", "Máy chủ Phòng họp không giấy", "server", "lan", bucket="v4only",
          model=("Canonical", "Ubuntu Server"), version="18.04.6", crit="medium")]),
    ("so-khdt", "Sở Kế hoạch và Đầu tư", 0x11, True,
     ["Văn phòng Sở", "Phòng Tổng hợp, Quy hoạch", "Phòng Đăng ký kinh doanh", "Thanh tra Sở"],
     [dev("sv-dtc-01", "Máy chủ Quản lý đầu tư công", "server", "lan", bucket="v4only",
          model=("Microsoft", "Windows Server 2016"), version="10.0.14393", crit="high")]),
    ("so-tc", "Sở Tài chính", 0x12, True,
     ["Văn phòng Sở", "Phòng Quản lý ngân sách", "Phòng Tài chính doanh nghiệp", "Thanh tra Sở"],
     [dev("sv-ngansach-01", "Máy chủ Quản lý ngân sách", "server", "lan", bucket="dual",
          model=("Microsoft", "Windows Server 2019"), version="10.0.17763", crit="high"),
      dev("sv-ketoan-01", "Máy chủ kế toán", "server", "lan", bucket="v4only",
          model=("Microsoft", "Windows Server 2008 R2"), version="6.1.7601", crit="medium")]),
    ("so-yt", "Sở Y tế", 0x13, False,
     ["Văn phòng Sở", "Phòng Nghiệp vụ Y", "Phòng Nghiệp vụ Dược", "Thanh tra Sở"],
     [dev("sv-hssk-01", "Máy chủ Hồ sơ sức khỏe điện tử", "server", "lan", bucket="v4only",
          model=("CentOS", "CentOS Linux"), version="7.9.2009", crit="high"),
      dev("sv-mail-01", "Máy chủ thư điện tử riêng của Sở (cũ)", "server", "lan", bucket="no",
          model=("Microsoft", "Windows Server 2003"), version="5.2.3790", crit="medium",
          notes="Exchange 2003; đang chuyển sang thư công vụ tỉnh.")]),
    ("so-gddt", "Sở Giáo dục và Đào tạo", 0x14, True,
     ["Văn phòng Sở", "Phòng Giáo dục Trung học", "Phòng Khảo thí và Quản lý chất lượng", "Phòng Kế hoạch – Tài chính"],
     [dev("sv-web-01", "Máy chủ Cổng thông tin Sở GDĐT", "server", "dmz", bucket="v4only",
          model=("Microsoft", "Windows Server 2012 R2"), version="6.3.9600", crit="high",
          notes="Tự vận hành, chưa chuyển về Trung tâm THDL."),
      dev("sv-csdl-01", "Máy chủ CSDL ngành giáo dục", "server", "lan", bucket="dual",
          model=("Canonical", "Ubuntu Server"), version="22.04.3", crit="high")]),
    ("so-tnmt", "Sở Tài nguyên và Môi trường", 0x15, True,
     ["Văn phòng Sở", "Văn phòng Đăng ký đất đai", "Phòng Quản lý đất đai", "Chi cục Bảo vệ môi trường"],
     [dev("sv-datdai", "Máy chủ CSDL đất đai {i}", "server", "lan", n=2, bucket="v4only",
          model=("Microsoft", "Windows Server 2016"), version="10.0.14393", crit="high"),
      dev("sv-nas-01", "Thiết bị lưu trữ hồ sơ quét (NAS)", "server", "lan", bucket="unknown",
          model=("Synology", "DS920+"), version="7.2-64570", crit="medium")]),
    ("so-nv", "Sở Nội vụ", 0x16, True,
     ["Văn phòng Sở", "Phòng Tổ chức, Biên chế", "Phòng Cải cách hành chính", "Ban Thi đua – Khen thưởng"],
     [dev("sv-cbcc-01", "Máy chủ Quản lý cán bộ, công chức, viên chức", "server", "lan", bucket="dual",
          model=("Microsoft", "Windows Server 2019"), version="10.0.17763", crit="high")]),
    ("so-tp", "Sở Tư pháp", 0x17, False,
     ["Văn phòng Sở", "Phòng Hành chính tư pháp", "Phòng Bổ trợ tư pháp", "Trung tâm Trợ giúp pháp lý"],
     [dev("sv-lltp-01", "Máy chủ Lý lịch tư pháp", "server", "lan", bucket="v4only",
          model=("Microsoft", "Windows Server 2012 R2"), version="6.3.9600", crit="high"),
      dev("sv-hotich-01", "Máy chủ Hộ tịch", "server", "lan", bucket="v4only", model=("CentOS", "CentOS Linux"),
          version="7.9.2009", crit="medium")]),
    ("so-gtvt", "Sở Giao thông Vận tải", 0x18, False,
     ["Văn phòng Sở", "Phòng Quản lý vận tải", "Phòng Quản lý kết cấu hạ tầng giao thông", "Thanh tra Sở"],
     [dev("sv-vantai-01", "Máy chủ Quản lý vận tải", "server", "lan", bucket="v4only",
          model=("Microsoft", "Windows Server 2016"), version="10.0.14393", crit="medium")]),
    ("so-nnptnt", "Sở Nông nghiệp và Phát triển nông thôn", 0x19, False,
     ["Văn phòng Sở", "Chi cục Thủy lợi", "Chi cục Trồng trọt và Bảo vệ thực vật", "Phòng Kế hoạch – Tài chính"],
     [dev("sv-file-01", "Máy chủ chia sẻ tệp", "server", "lan", bucket="v4only",
          model=("Microsoft", "Windows Server 2008 R2"), version="6.1.7601", crit="medium")]),
]

# (id, name, xx, v6 on WAN, v6 on LAN, communes [(id, name, xx, v6)])
DISTRICTS = [
    ("tp-binh-minh", "Thành phố Bình Minh", 0x40, True, True,
     [("phuong-tan-tien", "Phường Tân Tiến", 0x80, True)]),
    ("tx-phu-hoa", "Thị xã Phú Hòa", 0x41, True, False,
     [("phuong-hoa-loi", "Phường Hòa Lợi", 0x81, False)]),
    ("huyen-an-binh", "Huyện An Bình", 0x42, True, True,
     [("xa-tan-phu", "Xã Tân Phú", 0x82, True), ("xa-an-thanh", "Xã An Thạnh", 0x83, False)]),
    ("huyen-song-xanh", "Huyện Sông Xanh", 0x43, False, False,
     [("xa-ben-do", "Xã Bến Đò", 0x84, False)]),
    ("huyen-dong-lam", "Huyện Đồng Lâm", 0x44, False, False,
     [("xa-thuong-lam", "Xã Thượng Lâm", 0x85, False), ("xa-dong-tam", "Xã Đồng Tâm", 0x86, False)]),
]

CAMERA_PLACES = ["cổng chính", "sảnh tầng 1", "hành lang tầng 2", "bãi xe", "phòng máy chủ", "bộ phận một cửa",
                 "cổng phụ", "kho lưu trữ"]


def department(rng, did, name, xx, v6, rooms, servers):
    it_person = person(rng)
    it_unit = "Trung tâm Tin học – Công báo" if did == "van-phong-ubnd" else "Văn phòng Sở"
    has_camera = rng.random() < 0.6
    segments = [seg("lan", "LAN trụ sở", "lan", vlan=10, v6=0x01 if v6 else None),
                seg("wifi", "Wi-Fi trụ sở", "lan", vlan=20, size=26, v6=0x02 if v6 else None)]
    if has_camera:
        segments.append(seg("camera", "Camera giám sát", "lan", vlan=30, size=26))
    if did == "so-gddt":
        segments.append(seg("dmz", "Vùng DMZ riêng của Sở", "dmz", vlan=100, v4="198.51.100.64/27"))
    devices = [
        dev("fw-01", "Tường lửa kết nối mạng TSLCD và Internet", "firewall", "lan", crit="high"),
        dev("sw-loi-01", "Bộ chuyển mạch lõi", "l3-switch", "lan", crit="high"),
        dev("sw", "Bộ chuyển mạch tầng {i}", "switch", "lan", n=rng.randint(2, 3)),
    ] + servers + [
        dev("ws", "Máy trạm {room} {i}", "workstation", "lan", n=rng.randint(5, 8), crit="low"),
        dev("pr", "Máy in {room}", "printer", "lan", n=2, crit="low"),
        dev("ap", "Điểm truy cập Wi-Fi {i}", "access-point", "wifi", n=rng.randint(1, 2), crit="low"),
        dev("cam", "Camera {place}", "camera", "camera" if has_camera else "lan", n=2, crit="low"),
    ]
    if rng.random() < 0.5:
        devices.append(dev("sw-phu-01", "Bộ chuyển mạch không quản lý phòng họp", "switch", "lan",
                           pool="unmanaged-switch", unaddressed=True, crit="low"))
    return {"id": did, "name": name, "kind": "department", "parent": "ubnd-tinh", "xx": xx, "it_unit": it_unit,
            "it_person": it_person, "sites": [("tru-so", "Trụ sở " + name, None)], "rooms": rooms,
            "segments": segments, "devices": devices}


def province_root(rng):
    return {
        "id": "ubnd-tinh", "name": "Ủy ban nhân dân tỉnh Ví Dụ", "kind": "province", "parent": None, "xx": 0x01,
        "it_unit": "Trung tâm Tin học – Công báo (Văn phòng UBND tỉnh)", "it_person": person(rng),
        "sites": [("tru-so", "Trụ sở HĐND – UBND tỉnh", 1)],
        "rooms": ["Phòng làm việc lãnh đạo tỉnh", "Phòng họp trực tuyến"],
        "segments": [seg("lan", "LAN khu làm việc lãnh đạo tỉnh", "lan", vlan=10, v6=0x01)],
        "devices": [
            dev("sw-loi-01", "Bộ chuyển mạch lõi", "l3-switch", "lan", bucket="dual",
                model=("Cisco", "Catalyst 9300-24T"), version="17.6.4", crit="high"),
            dev("sw", "Bộ chuyển mạch tầng {i}", "switch", "lan", n=2),
            dev("ws", "Máy trạm {room} {i}", "workstation", "lan", n=6, crit="medium"),
            dev("pr", "Máy in {room}", "printer", "lan", n=2, crit="low"),
            dev("ap", "Điểm truy cập Wi-Fi {i}", "access-point", "lan", n=2, crit="low"),
            dev("vc-01", "Thiết bị hội nghị truyền hình phòng họp trực tuyến", "other", "lan", bucket="unknown",
                model=("Polycom", "RealPresence Group 500"), version="6.2.2", crit="high"),
        ],
    }


def service_center(rng):
    name = "Trung tâm Phục vụ hành chính công tỉnh"
    return {
        "id": "trung-tam-phvhcc", "name": name, "kind": "center", "parent": "van-phong-ubnd", "xx": 0x03,
        "it_unit": "Tổ Công nghệ thông tin", "it_person": person(rng),
        "sites": [("tru-so", "Trụ sở " + name, None)],
        "rooms": ["Quầy tiếp nhận hồ sơ", "Bộ phận trả kết quả", "Tổ hành chính"],
        "segments": [seg("lan", "LAN trung tâm", "lan", vlan=10, v6=0x01),
                     seg("camera", "Camera giám sát", "lan", vlan=30, size=26)],
        "devices": [
            dev("fw-01", "Tường lửa kết nối mạng TSLCD", "firewall", "lan", bucket="dual",
                model=("Fortinet", "FortiGate 60F"), version="7.2.5 build1517", crit="high"),
            dev("sw", "Bộ chuyển mạch {i}", "switch", "lan", n=2),
            dev("sv-xephang-01", "Máy chủ xếp hàng tự động", "server", "lan", bucket="dual",
                model=("Microsoft", "Windows Server 2016"), version="10.0.14393", crit="high"),
            dev("ws", "Máy trạm {room} {i}", "workstation", "lan", n=10, crit="medium"),
            dev("kiosk", "Ki-ốt tra cứu hồ sơ {i}", "workstation", "lan", n=2, bucket="dual",
                model=("Microsoft", "Windows 10"), version="10.0.19045", crit="low"),
            dev("pr", "Máy in {room}", "printer", "lan", n=3, crit="low"),
            dev("cam", "Camera {place}", "camera", "camera", n=3, crit="low"),
        ],
    }


# The 2025 reform: since 1 Jul 2025 local government has two levels. The districts are kept (dissolved, for the
# history of their records) and their communes report to the province.
REFORM_DAY = "2025-07-01"


def current_parent(agency, plan):
    """The parent in today's tree: a dissolved district's communes move up to the district's parent."""
    parent = next((p for p in plan if p["id"] == agency["parent"]), None)
    if parent is not None and parent["kind"] == "district":
        return parent["parent"]
    return agency["parent"]


def district(rng, did, name, xx, v6_wan, v6_lan):
    it_person = person(rng)
    devices = [
        dev("rt-wan-01", "Bộ định tuyến kết nối mạng TSLCD", "router", "wan", bucket="dual" if v6_wan else None,
            crit="critical", hosts=[2], hosts6=[2]),
        dev("fw-01", "Tường lửa", "firewall", "lan", crit="high"),
        dev("sw-loi-01", "Bộ chuyển mạch lõi", "l3-switch", "lan", crit="high"),
        dev("sw", "Bộ chuyển mạch tầng {i}", "switch", "lan", n=3),
        dev("sv-01", "Máy chủ chia sẻ tệp", "server", "lan", crit="medium"),
        dev("sv-02", "Máy chủ phần mềm một cửa cấp huyện (bản cũ)", "server", "lan", crit="medium"),
        dev("ws", "Máy trạm {room} {i}", "workstation", "lan", n=rng.randint(6, 9), crit="low"),
        dev("pr", "Máy in {room}", "printer", "lan", n=2, crit="low"),
        dev("ap", "Điểm truy cập Wi-Fi {i}", "access-point", "lan", n=2, crit="low"),
        dev("cam", "Camera {place}", "camera", "camera", n=3, crit="low"),
        dev("nvr-01", "Đầu ghi hình camera", "other", "camera", crit="low"),
        dev("sw-phu-01", "Bộ chuyển mạch không quản lý bộ phận một cửa", "switch", "lan", pool="unmanaged-switch",
            unaddressed=True, crit="low"),
    ]
    return {
        "id": did, "name": name, "kind": "district", "parent": "ubnd-tinh", "xx": xx,
        "it_unit": "Phòng Văn hóa và Thông tin", "it_person": it_person,
        "sites": [("tru-so", "Trụ sở HĐND – UBND " + in_sentence(name), None)],
        "rooms": ["Văn phòng HĐND và UBND", "Phòng Tài chính – Kế hoạch", "Phòng Tài nguyên và Môi trường",
                  "Phòng Tư pháp", "Bộ phận Một cửa"],
        "segments": [
            seg("wan", "Kết nối mạng truyền số liệu chuyên dùng", "wan", vlan=300, size=29,
                v6=0xf0 if v6_wan else None),
            seg("lan", "LAN trụ sở", "lan", vlan=10, v6=0x01 if v6_lan else None),
            seg("camera", "Camera giám sát", "lan", vlan=30, size=26),
        ],
        "devices": devices,
    }


def commune(rng, cid, name, parent, xx, v6):
    return {
        "id": cid, "name": name, "kind": "commune", "parent": parent, "xx": xx,
        "it_unit": "Văn phòng – Thống kê", "it_person": person(rng),
        "sites": [("tru-so", "Trụ sở UBND " + in_sentence(name), None)],
        "rooms": ["Bộ phận Một cửa", "Văn phòng – Thống kê", "Địa chính – Xây dựng", "Tư pháp – Hộ tịch"],
        "segments": [seg("lan", "LAN trụ sở", "lan", vlan=10, size=26, v6=0x01 if v6 else None)],
        "devices": [
            dev("rt-01", "Bộ định tuyến kết nối Internet và mạng TSLCD", "router", "lan", pool="small-router",
                bucket="dual" if v6 else None, crit="high"),
            dev("sw-01", "Bộ chuyển mạch", "switch", "lan", pool="small-switch"),
            dev("sw-02", "Bộ chuyển mạch không quản lý", "switch", "lan", pool="unmanaged-switch",
                unaddressed=True, crit="low"),
            dev("ws", "Máy trạm {room} {i}", "workstation", "lan", n=rng.randint(3, 5), crit="low"),
            dev("pr", "Máy in {room}", "printer", "lan", crit="low"),
            dev("cam", "Camera {place}", "camera", "lan", n=rng.randint(1, 2), crit="low"),
            dev("ap", "Điểm truy cập Wi-Fi", "access-point", "lan", crit="low"),
        ],
    }


def province_plan(rng):
    agencies = [province_root(rng), so_tttt()]
    for did, name, xx, v6, rooms, servers in DEPARTMENTS:
        agencies.append(department(rng, did, name, xx, v6, rooms, servers))
    agencies.append(service_center(rng))
    for did, name, xx, v6_wan, v6_lan, communes in DISTRICTS:
        agencies.append(district(rng, did, name, xx, v6_wan, v6_lan))
        for cid, cname, cxx, cv6 in communes:
            agencies.append(commune(rng, cid, cname, did, cxx, cv6))
    return agencies


# ---------------------------------------------------------------------------------------------------------------------
# Services: (agency, key, name, kind, hostname, ports, audience, device id, host numbers, ipv6?, category, notes)
# ipv6: True = published on the device's IPv6 addresses too, False = IPv4 only, "auto" = if the device has IPv6.
# ---------------------------------------------------------------------------------------------------------------------

PORTAL = "so-tttt-lb-01"
LEGACY_WEB = "so-tttt-sv-web-cu"

SERVICES = [
    ("so-tttt", "cong-ttdt", "Cổng thông tin điện tử tỉnh Ví Dụ", "web", "vidu.example", [80, 443], "public",
     PORTAL, [20], True, "e-portal", None),
    ("so-tttt", "cong-ttdt-www", "Cổng thông tin điện tử tỉnh (www)", "web", "www.vidu.example", [80, 443], "public",
     PORTAL, [20], True, "e-portal", None),
    ("so-tttt", "dichvucong", "Cổng dịch vụ công tỉnh", "public-service-portal", "dichvucong.vidu.example", [80, 443],
     "public", PORTAL, [21], True, "public-service-portal", "Kết nối Cổng dịch vụ công quốc gia."),
    ("so-tttt", "motcua", "Hệ thống thông tin giải quyết thủ tục hành chính (Một cửa điện tử)",
     "public-service-portal", "motcua.vidu.example", [443], "public", PORTAL, [23], False, "one-stop-shop",
     "Máy chủ ứng dụng chưa hỗ trợ IPv6; VIP chỉ có IPv4."),
    ("so-tttt", "sso", "Hệ thống xác thực tập trung (SSO)", "app", "sso.vidu.example", [443], "public", PORTAL, [22],
     True, "identity", None),
    ("so-tttt", "dvc-api", "API nội bộ của Cổng dịch vụ công", "integration", "dvc-api.vidu.example", [8443],
     "internal", "so-tttt-sv-dvc-01", [None], True, "public-service-portal", None),
    ("so-tttt", "ns1", "Máy chủ tên miền ns1", "dns", "ns1.vidu.example", [53], "public", "so-tttt-sv-dns-01",
     [None], True, "dns", "Có DNSSEC."),
    ("so-tttt", "ns2", "Máy chủ tên miền ns2", "dns", "ns2.vidu.example", [53], "public", "so-tttt-sv-dns-02",
     [None], False, "dns", "Chưa có bản ghi AAAA: vùng DMZ cũ chưa có IPv6."),
    ("so-tttt", "dns-noibo", "Phân giải tên miền nội bộ", "dns", "resolver.vidu.example", [53], "internal",
     "so-tttt-sv-ad-01", [None], True, "dns", None),
    ("so-tttt", "mx1", "Cổng nhận thư MX1", "mail", "mx1.vidu.example", [25], "public", "so-tttt-sv-mail-01",
     [None], True, "mail", None),
    ("so-tttt", "mx2", "Cổng nhận thư MX2 (dự phòng)", "mail", "mx2.vidu.example", [25], "public",
     "so-tttt-sv-mx-02", [None], False, "mail", "MX dự phòng chưa có IPv6."),
    ("so-tttt", "mail", "Thư điện tử công vụ (webmail, IMAP, gửi thư)", "mail", "mail.vidu.example", [443, 587, 993],
     "public", "so-tttt-sv-mail-01", [None], True, "mail", None),
    ("so-tttt", "qlvb", "Hệ thống Quản lý văn bản và điều hành", "app", "qlvb.vidu.example", [443], "internal",
     "so-tttt-sv-qlvb-01", [None], True, "document-management", "Dùng chung cho các sở, huyện, xã qua mạng TSLCD."),
    ("so-tttt", "lgsp", "Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP)", "integration", "lgsp.vidu.example",
     [443, 8243], "internal", "so-tttt-sv-lgsp-01", [None], False, "lgsp", "Kết nối NGSP quốc gia."),
    ("so-tttt", "vpn", "Cổng VPN truy cập từ xa", "vpn", "vpn.vidu.example", [443], "public", "so-tttt-vpn-01",
     [None], True, "remote-access", None),
    ("so-tttt", "bgp-vnpt", "Phiên BGP với VNPT", "other", None, [179], "internal", "so-tttt-rt-bien-01", [None],
     True, "internet-edge", None),
    ("so-tttt", "bgp-viettel", "Phiên BGP với Viettel", "other", None, [179], "internal", "so-tttt-rt-bien-02",
     [None], False, "internet-edge", "Viettel chưa cấp phiên BGP IPv6."),
    ("so-tttt", "proxy", "Proxy truy cập Internet", "other", "proxy.vidu.example", [3128], "internal",
     "so-tttt-sv-proxy-01", [None], False, "internet-edge", None),
    ("so-tttt", "opendata", "Cổng dữ liệu mở", "web", "opendata.vidu.example", [443], "public",
     "so-tttt-sv-opendata-01", [None], True, "open-data", None),
    ("so-tttt", "phananh", "Hệ thống tiếp nhận phản ánh, kiến nghị", "web", "phananh.vidu.example", [443], "public",
     LEGACY_WEB, [None], False, "citizen-feedback", None),
    ("so-tttt", "hoinghi", "Hội nghị truyền hình trực tuyến", "app", "hoinghi.vidu.example", [443], "internal",
     "so-tttt-sv-hoinghi-01", [None], False, "video-conference", None),
    ("so-tttt", "soc", "Giám sát an toàn thông tin (SOC)", "app", "soc.vidu.example", [443], "internal",
     "so-tttt-sv-soc-01", [None], True, "security", None),
    ("so-tttt", "khodulieu", "Kho dữ liệu dùng chung của tỉnh", "app", "khodulieu.vidu.example", [443], "internal",
     "so-tttt-sv-khodl-01", [None], True, "data-sharing", None),
    ("so-tttt", "giamsat", "Giám sát mạng và máy chủ", "app", "monitor.vidu.example", [443], "internal",
     "so-tttt-sv-monitor-01", [None], True, "monitoring", None),
    ("so-tttt", "trang-sotttt", "Trang thông tin Sở Thông tin và Truyền thông", "web", "sotttt.vidu.example",
     [80, 443], "public", PORTAL, [20], True, "e-portal", None),
    ("ubnd-tinh", "hoinghi", "Điểm cầu hội nghị truyền hình UBND tỉnh", "app", None, [443], "internal",
     "ubnd-tinh-vc-01", [None], "auto", "video-conference", None),
    ("van-phong-ubnd", "trang", "Trang thông tin Văn phòng UBND tỉnh", "web", "vpubnd.vidu.example", [80, 443],
     "public", PORTAL, [20], True, "e-portal", None),
    ("van-phong-ubnd", "baocao", "Hệ thống thông tin báo cáo tỉnh", "app", "baocao.vidu.example", [443], "internal",
     "van-phong-ubnd-sv-baocao-01", [None], True, "reporting", None),
    ("van-phong-ubnd", "hop", "Phòng họp không giấy", "app", "hopkhonggiay.vidu.example", [443], "internal",
     "van-phong-ubnd-sv-hop-01", [None], False, "meeting", None),
    ("trung-tam-phvhcc", "xephang", "Hệ thống xếp hàng tự động", "app", None, [8080], "internal",
     "trung-tam-phvhcc-sv-xephang-01", [None], True, "one-stop-shop", None),
    ("trung-tam-phvhcc", "tracuu", "Tra cứu tình trạng hồ sơ một cửa", "public-service-portal",
     "tracuu.motcua.vidu.example", [443], "public", PORTAL, [23], False, "one-stop-shop", None),
    ("so-khdt", "trang", "Trang thông tin Sở Kế hoạch và Đầu tư", "web", "sokhdt.vidu.example", [80, 443], "public",
     PORTAL, [20], True, "e-portal", None),
    ("so-khdt", "dautucong", "Quản lý đầu tư công", "app", "dautucong.vidu.example", [443], "internal",
     "so-khdt-sv-dtc-01", [None], False, "investment", None),
    ("so-tc", "trang", "Trang thông tin Sở Tài chính", "web", "sotc.vidu.example", [80, 443], "public", PORTAL, [20],
     True, "e-portal", None),
    ("so-tc", "ngansach", "Quản lý ngân sách", "app", "ngansach.vidu.example", [443], "internal",
     "so-tc-sv-ngansach-01", [None], True, "finance", None),
    ("so-yt", "trang", "Trang thông tin Sở Y tế", "web", "soyte.vidu.example", [80, 443], "public", PORTAL, [20],
     True, "e-portal", None),
    ("so-yt", "hssk", "Hồ sơ sức khỏe điện tử", "app", "hssk.vidu.example", [443], "internal", "so-yt-sv-hssk-01",
     [None], False, "health", None),
    ("so-yt", "mail", "Thư điện tử riêng của Sở Y tế (cũ)", "mail", "mail.soyte.vidu.example", [25, 110, 143],
     "internal", "so-yt-sv-mail-01", [None], False, "mail", "Sẽ ngừng khi chuyển xong sang thư công vụ tỉnh."),
    ("so-gddt", "cong", "Cổng thông tin Sở Giáo dục và Đào tạo", "web", "sogddt.vidu.example", [80, 443], "public",
     "so-gddt-sv-web-01", [None], False, "e-portal", "Chưa chuyển về Trung tâm THDL; chưa có IPv6."),
    ("so-gddt", "csdl", "Cơ sở dữ liệu ngành giáo dục", "app", "csdl.sogddt.vidu.example", [443], "internal",
     "so-gddt-sv-csdl-01", [None], True, "education", None),
    ("so-tnmt", "trang", "Trang thông tin Sở Tài nguyên và Môi trường", "web", "sotnmt.vidu.example", [80, 443],
     "public", PORTAL, [20], True, "e-portal", None),
    ("so-tnmt", "datdai", "Cơ sở dữ liệu đất đai", "app", "datdai.vidu.example", [443], "internal",
     "so-tnmt-sv-datdai-01", [None], False, "land-records", None),
    ("so-nv", "trang", "Trang thông tin Sở Nội vụ", "web", "sonoivu.vidu.example", [80, 443], "public", PORTAL, [20],
     True, "e-portal", None),
    ("so-nv", "cbccvc", "Quản lý cán bộ, công chức, viên chức", "app", "cbccvc.vidu.example", [443], "internal",
     "so-nv-sv-cbcc-01", [None], True, "human-resources", None),
    ("so-tp", "trang", "Trang thông tin Sở Tư pháp", "web", "sotuphap.vidu.example", [80, 443], "public", PORTAL,
     [20], True, "e-portal", None),
    ("so-tp", "lltp", "Lý lịch tư pháp", "app", "lltp.vidu.example", [443], "internal", "so-tp-sv-lltp-01", [None],
     False, "justice", None),
    ("so-tp", "hotich", "Cơ sở dữ liệu hộ tịch", "app", "hotich.vidu.example", [443], "internal",
     "so-tp-sv-hotich-01", [None], False, "justice", None),
    ("so-gtvt", "trang", "Trang thông tin Sở Giao thông Vận tải", "web", "sogtvt.vidu.example", [80, 443], "public",
     PORTAL, [20], True, "e-portal", None),
    ("so-gtvt", "vantai", "Quản lý vận tải", "app", "vantai.vidu.example", [443], "internal",
     "so-gtvt-sv-vantai-01", [None], False, "transport", None),
    ("so-nnptnt", "trang", "Trang thông tin Sở Nông nghiệp và Phát triển nông thôn", "web", "sonnptnt.vidu.example",
     [80, 443], "public", LEGACY_WEB, [None], False, "e-portal", None),
    ("so-nnptnt", "chiase", "Chia sẻ tệp nội bộ", "app", None, [445], "internal", "so-nnptnt-sv-file-01", [None],
     False, "file-sharing", None),
    ("phuong-tan-tien", "trang", "Trang thông tin phường Tân Tiến", "web", "tantien.binhminh.vidu.example",
     [80, 443], "public", PORTAL, [20], True, "e-portal", None),
    ("xa-tan-phu", "trang", "Trang thông tin xã Tân Phú", "web", "tanphu.anbinh.vidu.example", [80, 443], "public",
     PORTAL, [20], True, "e-portal", None),
    ("xa-ben-do", "trang", "Trang thông tin xã Bến Đò", "web", "bendo.songxanh.vidu.example", [80, 443], "public",
     LEGACY_WEB, [None], False, "e-portal", None),
]

DISTRICT_LABELS = {"tp-binh-minh": "binhminh", "tx-phu-hoa": "phuhoa", "huyen-an-binh": "anbinh",
                   "huyen-song-xanh": "songxanh", "huyen-dong-lam": "donglam"}


def district_services():
    result = []
    for did, name, _, v6_wan, v6_lan, _ in DISTRICTS:
        label = DISTRICT_LABELS[did]
        on_portal = v6_wan  # districts already on the provincial portal platform publish over IPv6
        result += [
            (did, "trang", "Trang thông tin điện tử " + in_sentence(name), "web", label + ".vidu.example",
             [80, 443], "public", PORTAL if on_portal else LEGACY_WEB, [20] if on_portal else [None], on_portal,
             "e-portal", None),
            (did, "chiase", "Chia sẻ tệp nội bộ", "app", None, [445], "internal", did + "-sv-01", [None], "auto",
             "file-sharing", None),
            (did, "motcua-cu", "Phần mềm một cửa cấp huyện (bản cũ, chỉ tra cứu)", "app", None, [80], "internal",
             did + "-sv-02", [None], "auto", "one-stop-shop", "Đã chuyển sang hệ thống một cửa điện tử của tỉnh."),
        ]
    return result


# ---------------------------------------------------------------------------------------------------------------------
# Building the inventory
# ---------------------------------------------------------------------------------------------------------------------

TARGET_MIX = {"dual": 0.40, "v4only": 0.25, "upgrade": 0.20, "no": 0.10, "unknown": 0.05}
AGE_WEIGHT = {"commune": 4.0, "district": 2.5}  # older kit is likelier further from the provincial centre


class V4Allocator:
    """Hands out /24s and /26s from 198.18.0.0/15 in order; each agency starts on a /22 boundary."""

    def __init__(self, network):
        self.base = int(network.network_address)
        self.end = int(network.broadcast_address) + 1
        self.next = self.base

    def start_agency(self):
        self.next = (self.next + 1023) // 1024 * 1024

    def take(self, size):
        block = 1 << (32 - size)
        self.next = (self.next + block - 1) // block * block
        network = ipaddress.ip_network((self.next, size))
        self.next += block
        assert self.next <= self.end, "out of IPv4 address space"
        return network


# Where each role's addresses start, as in most address plans: gateways and network gear low, servers from .10,
# then shared devices, clients last. Small segments (/26) use a compressed version; anything smaller starts at 1.
HOST_BASE = {
    24: {"router": 1, "firewall": 1, "l3-switch": 1, "vpn": 1, "load-balancer": 1, "switch": 2, "server": 10,
         "other": 30, "access-point": 40, "printer": 50, "camera": 60, "workstation": 100},
    26: {"router": 1, "firewall": 1, "l3-switch": 1, "vpn": 1, "load-balancer": 1, "switch": 2, "server": 10,
         "other": 15, "access-point": 20, "printer": 25, "camera": 30, "workstation": 40},
}


def first_host(role, prefixlen):
    return HOST_BASE.get(prefixlen, {}).get(role, 1)


def expand_slots(agency, rng):
    """One slot per device: ids, names and the per-instance details."""
    rooms = agency["rooms"]
    slots = []
    places = list(CAMERA_PLACES)
    for spec in agency["devices"]:
        for i in range(1, spec["n"] + 1):
            key = spec["key"] if spec["n"] == 1 else "%s-%02d" % (spec["key"], i)
            room = rooms[(i - 1) % len(rooms)]
            place = places.pop(0) if "{place}" in spec["name"] else None
            template = spec["name"] if spec["n"] > 1 else spec["name"].replace(" {i}", "")
            name = template.format(i="%02d" % i if spec["role"] == "workstation" else i, room=room, place=place)
            owner = spec["owner"]
            if owner is None:
                if spec["role"] in ("workstation", "printer"):
                    owner = room
                else:
                    owner = "%s (%s)" % (agency["it_person"], agency["it_unit"])
            slot = dict(spec)
            slot.update({"id": "%s-%s" % (agency["id"], key), "name": name, "owner": owner, "agency": agency})
            slots.append(slot)
    return slots


def pool_choices(catalog, pool, bucket):
    """(item, version) pairs of a pool whose catalog verdict puts them in `bucket`."""
    want = {"dual": "capable", "v4only": "capable", "capable": "capable"}.get(bucket, bucket)
    choices = []
    for it in POOLS[pool]:
        if it["weight"] == 0:
            continue
        versions = [v for v in it["versions"] if catalog.verdict(it["vendor"], it["model"], v) == want]
        if versions:
            choices.append((it, versions))
    return choices


def find_item(vendor, model):
    for pool in POOLS.values():
        for it in pool:
            if it["vendor"] == vendor and it["model"] == model:
                return it
    raise AssertionError("no pool item %s %s" % (vendor, model))


def weighted_sample(rng, candidates, weights, k):
    """k distinct candidates, likelier with more weight (Efraimidis–Spirakis keys)."""
    keyed = sorted(((rng.random() ** (1.0 / w), i) for i, w in enumerate(weights)), reverse=True)
    return [candidates[i] for _, i in keyed[:k]]


def assign_buckets(slots, catalog, rng):
    """Pinned slots keep their bucket; the others get one so that the province-wide mix meets TARGET_MIX."""
    counted = [s for s in slots if not s["unaddressed"]]
    total = len(counted)
    remaining = {b: round(share * total) for b, share in TARGET_MIX.items()}
    for s in counted:
        if s["bucket"]:
            remaining[s["bucket"]] -= 1
    free = [s for s in counted if s["bucket"] is None]

    def age(s):
        a = s["agency"]
        weight = AGE_WEIGHT.get(a["kind"], 1.0)
        if a["id"] == "so-tttt":
            weight = 0.3
        elif a["kind"] == "department" and not any(g["v6"] is not None for g in a["segments"]):
            weight = 1.5
        if s["segment"]["v6"] is not None:  # where IPv6 is already on, most old kit has been replaced
            weight *= 0.4
        if s["role"] == "workstation":  # PCs get renewed faster than switches and cameras
            weight *= 0.5
        return weight

    for bucket in ("unknown", "no", "upgrade"):
        candidates = [s for s in free if s["bucket"] is None and pool_choices(catalog, s["pool"], bucket)]
        for s in weighted_sample(rng, candidates, [age(s) for s in candidates], max(0, remaining[bucket])):
            s["bucket"] = bucket
    candidates = [s for s in free if s["bucket"] is None and s["segment"]["v6"] is not None]
    for s in weighted_sample(rng, candidates, [1.0] * len(candidates), max(0, remaining["dual"])):
        s["bucket"] = "dual"
    for s in free:
        if s["bucket"] is None:
            s["bucket"] = "v4only"
    for s in slots:
        if s["unaddressed"]:
            s["bucket"] = "capable"


def choose_product(slot, catalog, rng):
    if slot["model"]:
        it = find_item(*slot["model"])
        version = slot["version"]
        assert version in it["versions"], "%s: version %s not in the pool" % (slot["id"], version)
        return it, version
    choices = pool_choices(catalog, slot["pool"], slot["bucket"])
    assert choices, "%s: pool %s has nothing for bucket %s" % (slot["id"], slot["pool"], slot["bucket"])
    it = weighted_sample(rng, [c[0] for c in choices], [c[0]["weight"] for c in choices], 1)[0]
    versions = dict((id(c[0]), c[1]) for c in choices)[id(it)]
    return it, rng.choice(versions)


def build(catalog):
    rng = random.Random(SEED)
    plan = province_plan(rng)
    v4 = V4Allocator(INTERNAL_V4)
    wan_v4 = V4Allocator(WAN_V4)

    # Sites and segments, with their prefixes.
    for a in plan:
        v4.start_agency()
        a["site_records"] = []
        for key, name, street_no in a["sites"]:
            street = STREETS[(len(a["site_records"]) + a["xx"]) % len(STREETS)]
            number = street_no if street_no else rng.randint(2, 180)
            if a["kind"] == "district":
                place = in_sentence(a["name"])
            elif a["kind"] == "commune":
                parent = next(p for p in plan if p["id"] == a["parent"])
                place = "%s, %s" % (in_sentence(a["name"]), in_sentence(parent["name"]))
            else:
                place = "phường Tân Tiến, thành phố Bình Minh"
            a["site_records"].append({"id": "%s-%s" % (a["id"], key), "name": name,
                                      "address": "Số %d đường %s, %s, tỉnh Ví Dụ" % (number, street, place)})
        for g in a["segments"]:
            g["id"] = "%s-%s" % (a["id"], g["key"])
            g["site_id"] = "%s-%s" % (a["id"], g["site"] if g["site"] != "hq" else a["sites"][0][0])
            if g["v4"]:
                g["v4net"] = ipaddress.ip_network(g["v4"])
            elif g["kind"] == "wan" and a["kind"] == "district":
                g["v4net"] = wan_v4.take(g["size"])
            else:
                g["v4net"] = v4.take(g["size"])
            g["v6net"] = v6_segment(a["xx"], g["v6"]) if g["v6"] is not None else None
            g["used"] = set()

    # Devices: slots, buckets, products, addresses.
    slots = []
    for a in plan:
        segments = {g["key"]: g for g in a["segments"]}
        a["slots"] = expand_slots(a, rng)
        for s in a["slots"]:
            s["segment"] = segments[s["seg"]]
        slots += a["slots"]
    assign_buckets(slots, catalog, rng)
    for s in slots:
        s["item"], s["version_chosen"] = choose_product(s, catalog, rng)
        assert s["bucket"] != "dual" or s["segment"]["v6net"] is not None, "%s: dual-stack without IPv6" % s["id"]
        verdict = catalog.verdict(s["item"]["vendor"], s["item"]["model"], s["version_chosen"])
        expected = {"dual": "capable", "v4only": "capable"}.get(s["bucket"], s["bucket"])
        assert verdict == expected, "%s: meant %s, the catalog says %s" % (s["id"], s["bucket"], verdict)
    for s in slots:  # explicit host numbers first
        if s["hosts"]:
            for h in s["hosts"]:
                assert h not in s["segment"]["used"], s["id"]
                s["segment"]["used"].add(h)
    for s in slots:
        g = s["segment"]
        if s["unaddressed"]:
            s["v4"], s["v6"] = [], []
            continue
        hosts = s["hosts"]
        if not hosts:
            h = first_host(s["role"], g["v4net"].prefixlen)
            while h in g["used"]:
                h += 1
            g["used"].add(h)
            hosts = [h]
        assert all(0 < h < g["v4net"].num_addresses - 1 for h in hosts), "%s: segment %s full" % (s["id"], g["id"])
        s["v4"] = [g["v4net"].network_address + h for h in hosts]
        s["v6"] = []
        if s["bucket"] == "dual":
            if s["role"] == "workstation":  # SLAAC with stable, opaque interface identifiers (RFC 7217)
                s["v6"] = [g["v6net"].network_address + rng.getrandbits(64)]
            else:
                s["v6"] = [g["v6net"].network_address + decimal_looking_iid(h) for h in (s["hosts6"] or hosts)]

    # Services.
    devices_by_id = {s["id"]: s for s in slots}
    services = {a["id"]: [] for a in plan}
    for (aid, key, name, kind, hostname, ports, audience, device_id, hosts, v6, category, notes) in \
            SERVICES + district_services():
        d = devices_by_id[device_id]
        if hosts == [None]:
            chosen_v4 = [d["v4"][0]]
            chosen_v6 = d["v6"][:1]
        else:
            g = d["segment"]
            chosen_v4 = [g["v4net"].network_address + h for h in hosts]
            chosen_v6 = [g["v6net"].network_address + decimal_looking_iid(h) for h in hosts] if d["v6"] else []
        if v6 is True:
            assert chosen_v6, "service %s-%s wants IPv6 but %s has none" % (aid, key, device_id)
        elif v6 is False:
            chosen_v6 = []
        services[aid].append({"id": "%s-%s" % (aid, key), "name": name, "kind": kind, "hostname": hostname,
                              "ports": ports, "ipv4": chosen_v4, "ipv6": chosen_v6, "audience": audience,
                              "device": device_id, "category": category, "notes": notes})
    return plan, slots, services


# ---------------------------------------------------------------------------------------------------------------------
# Rendering in the key order of docs/inventory-format.md
# ---------------------------------------------------------------------------------------------------------------------

def without_empty(record, keep=("ipv4", "ipv6", "ports")):
    return {k: v for k, v in record.items() if k in keep or (v is not None and v != [] and v != "")}


def render(plan, services):
    files = {}
    manifest = {
        "schema": 1,
        "name": "Tỉnh Ví Dụ",
        "organization": "Sở Thông tin và Truyền thông tỉnh Ví Dụ",
        "scope": {"ipv4": SCOPE_V4, "ipv6": SCOPE_V6},
        "ipv6_allocation": str(IPV6_ALLOCATION),
        "catalog": LOCAL_CATALOG,
    }
    files["inventory.json"] = manifest
    for a in sorted(plan, key=lambda a: a["id"]):
        contact = "%s (%s), %s" % (a["it_person"], a["it_unit"], email_of(a["it_person"]))
        agency = without_empty({"id": a["id"], "name": a["name"], "kind": a["kind"], "parent": current_parent(a, plan),
                                "contact": contact, "dissolved": REFORM_DAY if a["kind"] == "district" else None})
        sites = [without_empty(s) for s in sorted(a["site_records"], key=lambda s: s["id"])]
        segments = [without_empty({"id": g["id"], "name": g["name"], "site": g["site_id"], "kind": g["kind"],
                                   "vlan": g["vlan"], "ipv4": [str(g["v4net"])],
                                   "ipv6": [str(g["v6net"])] if g["v6net"] else []})
                    for g in sorted(a["segments"], key=lambda g: g["id"])]
        devices = []
        for s in sorted(a["slots"], key=lambda s: s["id"]):
            it = s["item"]
            devices.append(without_empty({
                "id": s["id"], "name": s["name"], "role": s["role"], "vendor": it["vendor"], "model": it["model"],
                "os": it["os"], "version": s["version_chosen"], "segment": s["segment"]["id"],
                "ipv4": [str(x) for x in s["v4"]], "ipv6": [str(x) for x in s["v6"]], "owner": s["owner"],
                "criticality": s["crit"], "notes": s["notes"]}))
        svc = []
        for v in sorted(services[a["id"]], key=lambda v: v["id"]):
            record = dict(v)
            record["ipv4"] = [str(x) for x in v["ipv4"]]
            record["ipv6"] = [str(x) for x in v["ipv6"]]
            svc.append(without_empty({k: record[k] for k in ("id", "name", "kind", "hostname", "ports", "ipv4", "ipv6",
                                                             "audience", "device", "category", "notes")}))
        files["agencies/%s.json" % a["id"]] = {"schema": 1, "agency": agency, "sites": sites, "segments": segments,
                                               "devices": devices, "services": svc}
    return {path: json.dumps(doc, ensure_ascii=False, indent=2) + "\n" for path, doc in files.items()}


# ---------------------------------------------------------------------------------------------------------------------
# Self-check: re-read the rendered JSON (not the builder's state) and verify what the format promises
# ---------------------------------------------------------------------------------------------------------------------

ID_PATTERN = re.compile(r"^[a-z0-9._-]+$")
KEY_ORDER = {
    "manifest": ["schema", "name", "organization", "scope", "ipv6_allocation", "catalog"],
    "agency_file": ["schema", "agency", "sites", "segments", "devices", "services"],
    "agency": ["id", "name", "kind", "parent", "contact", "dissolved"],
    "site": ["id", "name", "address"],
    "segment": ["id", "name", "site", "kind", "vlan", "ipv4", "ipv6"],
    "device": ["id", "name", "role", "vendor", "model", "os", "version", "segment", "ipv4", "ipv6", "owner",
               "criticality", "notes"],
    "service": ["id", "name", "kind", "hostname", "ports", "ipv4", "ipv6", "audience", "device", "category", "notes"],
    "catalog": ["vendor", "model", "ipv6", "min_version", "replacement_cost", "notes"],
}
ROLES = ["router", "l3-switch", "switch", "firewall", "server", "workstation", "printer", "camera", "access-point",
         "vpn", "load-balancer", "other"]
SERVICE_KINDS = ["web", "public-service-portal", "dns", "mail", "app", "integration", "vpn", "other"]
SEGMENT_KINDS = ["internet-edge", "lan", "wan", "datacenter", "dmz"]


def check_order(record, kind):
    order = KEY_ORDER[kind]
    keys = list(record)
    assert all(k in order for k in keys), "%s: unknown keys %s" % (kind, [k for k in keys if k not in order])
    assert keys == [k for k in order if k in record], "%s: key order %s" % (kind, keys)


def canonical_address(text):
    address = ipaddress.ip_address(text)
    assert str(address) == text, "not canonical: %s (expected %s)" % (text, address)
    return address


def canonical_prefix(text):
    network = ipaddress.ip_network(text, strict=True)
    assert str(network) == text, "not canonical: %s" % text
    return network


def self_check(texts, catalog):
    docs = {path: json.loads(text) for path, text in texts.items()}
    manifest = docs["inventory.json"]
    check_order(manifest, "manifest")
    scope = {4: [canonical_prefix(p) for p in manifest["scope"]["ipv4"]],
             6: [canonical_prefix(p) for p in manifest["scope"]["ipv6"]]}
    allocation = canonical_prefix(manifest["ipv6_allocation"])
    assert allocation.subnet_of(ipaddress.ip_network("2001:db8::/32"))
    for e in manifest["catalog"]:
        check_order(e, "catalog")
        assert (e["ipv6"] == "upgrade") == ("min_version" in e)
    documentation = [ipaddress.ip_network(p) for p in
                     ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "198.18.0.0/15", "2001:db8::/32")]
    assert all(any(p.version == d.version and p.subnet_of(d) for d in documentation) for p in scope[4] + scope[6])

    agencies = {}
    ids = set()

    def claim(identifier):
        assert ID_PATTERN.match(identifier), "bad id %r" % identifier
        assert identifier not in ids, "duplicate id %r" % identifier
        ids.add(identifier)

    segments, devices, services = {}, {}, []
    for path, doc in sorted(docs.items()):
        if path == "inventory.json":
            continue
        check_order(doc, "agency_file")
        assert doc["schema"] == 1
        a = doc["agency"]
        check_order(a, "agency")
        assert path == "agencies/%s.json" % a["id"], path
        claim(a["id"])
        agencies[a["id"]] = a
        site_ids = set()
        for s in doc["sites"]:
            check_order(s, "site")
            claim(s["id"])
            site_ids.add(s["id"])
        for g in doc["segments"]:
            check_order(g, "segment")
            claim(g["id"])
            assert g["site"] in site_ids, g["id"]
            assert g["kind"] in SEGMENT_KINDS
            assert 1 <= g.get("vlan", 1) <= 4094
            g["prefixes"] = {4: [canonical_prefix(p) for p in g["ipv4"]], 6: [canonical_prefix(p) for p in g["ipv6"]]}
            for family in (4, 6):
                for p in g["prefixes"][family]:
                    assert p.version == family, g["id"]
                    assert any(p.subnet_of(sc) for sc in scope[family]), "%s outside scope" % p
                    if family == 6:
                        assert p.subnet_of(allocation) and p.prefixlen == 64, p
            segments[g["id"]] = g
        for d in doc["devices"]:
            check_order(d, "device")
            claim(d["id"])
            assert d["role"] in ROLES and d["criticality"] in ("low", "medium", "high", "critical")
            d["agency"] = a["id"]
            devices[d["id"]] = d
        for v in doc["services"]:
            check_order(v, "service")
            claim(v["id"])
            assert v["kind"] in SERVICE_KINDS and v["audience"] in ("public", "internal")
            assert all(1 <= p <= 65535 for p in v["ports"]) and len(set(v["ports"])) == len(v["ports"])
            assert "hostname" not in v or v["hostname"].endswith(".example"), v["hostname"]
            services.append(v)

    # References.
    for a in agencies.values():
        if a["kind"] == "province":
            assert "parent" not in a
        else:
            parent = agencies[a["parent"]]
            expected = {"department": ["province"], "district": ["province"], "commune": ["province"],
                        "center": ["province", "department"]}[a["kind"]]
            assert parent["kind"] in expected, "%s under %s" % (a["id"], parent["id"])
            assert "dissolved" not in parent, "%s under the dissolved %s" % (a["id"], parent["id"])
            assert (a["kind"] == "district") == (a.get("dissolved") == REFORM_DAY), a["id"]
    assert sum(1 for a in agencies.values() if a["kind"] == "province") == 1

    # Addresses: canonical, inside the segment, unique; segment prefixes do not overlap.
    all_prefixes = [(p, g["id"]) for g in segments.values() for fam in (4, 6) for p in g["prefixes"][fam]]
    for i, (p, gid) in enumerate(all_prefixes):
        for q, hid in all_prefixes[i + 1:]:
            assert p.version != q.version or not p.overlaps(q), "%s (%s) overlaps %s (%s)" % (p, gid, q, hid)
    seen = {}
    for d in devices.values():
        g = segments[d["segment"]]
        for family, key in ((4, "ipv4"), (6, "ipv6")):
            for text in d[key]:
                address = canonical_address(text)
                assert address.version == family
                assert any(address in p for p in g["prefixes"][family]), "%s: %s not in %s" % (d["id"], text, g["id"])
                assert address not in seen, "%s: %s already used by %s" % (d["id"], text, seen.get(address))
                seen[address] = d["id"]
    for v in services:
        d = devices[v["device"]]
        g = segments[d["segment"]]
        for family, key in ((4, "ipv4"), (6, "ipv6")):
            for text in v[key]:
                address = canonical_address(text)
                assert any(address in p for p in g["prefixes"][family]), "%s: %s" % (v["id"], text)
                assert text in d[key], "%s: %s is not an address of %s" % (v["id"], text, d["id"])

    # Readiness, as the catalog will judge it.
    buckets = Counter()
    bucket_of = {}
    for d in devices.values():
        verdict = catalog.verdict(d["vendor"], d["model"], d.get("version"))
        if verdict == "capable":
            if d["ipv6"]:
                verdict = "dual"
            elif d["ipv4"]:
                verdict = "v4only"
            else:
                verdict = "capable, no address"
        else:
            assert not d["ipv6"], "%s has IPv6 addresses but the catalog says %s" % (d["id"], verdict)
        bucket_of[d["id"]] = verdict
        buckets[verdict] += 1

    # Coverage.
    roles = Counter(d["role"] for d in devices.values())
    kinds = Counter(v["kind"] for v in services)
    segment_kinds = Counter(g["kind"] for g in segments.values())
    agency_kinds = Counter(a["kind"] for a in agencies.values())
    assert len(agencies) >= 22, len(agencies)
    assert len(devices) >= 320, len(devices)
    assert len(services) >= 45, len(services)
    assert all(roles[r] for r in ROLES), roles
    assert all(kinds[k] for k in SERVICE_KINDS), kinds
    assert all(segment_kinds[k] for k in SEGMENT_KINDS), segment_kinds
    categories = Counter(v.get("category") for v in services)
    for category in ("e-portal", "public-service-portal", "one-stop-shop", "document-management", "lgsp", "dns",
                     "mail", "internet-edge"):
        assert categories[category], category
    ns = [v for v in services if v["kind"] == "dns" and v.get("hostname", "").startswith("ns")]
    assert len(ns) >= 2
    total = len(devices)
    for bucket, share in TARGET_MIX.items():
        assert abs(buckets[bucket] / total - share) <= 0.05, "%s: %d of %d" % (bucket, buckets[bucket], total)

    return {
        "agencies": len(agencies), "agency_kinds": agency_kinds, "segments": len(segments),
        "segment_kinds": segment_kinds, "devices": total, "roles": roles, "services": len(services),
        "service_kinds": kinds, "buckets": buckets, "public_v6": sum(1 for v in services if v["audience"] == "public"
                                                                      and v["ipv6"]),
        "public": sum(1 for v in services if v["audience"] == "public"),
        "catalog": len(catalog.entries), "local_catalog": len(manifest["catalog"]),
        "shipped_catalog": catalog.shipped_count,
        "bucket_by_kind": Counter((agencies[d["agency"]]["kind"], bucket_of[d["id"]]) for d in devices.values()),
    }


def print_summary(summary, out):
    def line(label, counter):
        out.write("%-16s %s\n" % (label, ", ".join("%s %d" % kv for kv in sorted(counter.items()))))

    out.write("agencies %d, segments %d, devices %d, services %d\n" % (
        summary["agencies"], summary["segments"], summary["devices"], summary["services"]))
    out.write("catalog          %d shipped + %d local = %d in effect\n" % (
        summary["shipped_catalog"], summary["local_catalog"], summary["catalog"]))
    line("agency kinds", summary["agency_kinds"])
    line("segment kinds", summary["segment_kinds"])
    line("device roles", summary["roles"])
    line("service kinds", summary["service_kinds"])
    total = summary["devices"]
    out.write("readiness        %s\n" % ", ".join("%s %d (%.0f%%)" % (b, n, 100.0 * n / total)
                                               for b, n in sorted(summary["buckets"].items())))
    out.write("public services  %d, of which %d published over IPv6\n" % (summary["public"], summary["public_v6"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the files on disk instead of writing")
    parser.add_argument("--quiet", action="store_true", help="no summary")
    args = parser.parse_args()

    catalog = Catalog(load_shipped_catalog(), LOCAL_CATALOG)
    plan, slots, services = build(catalog)
    texts = render(plan, services)
    summary = self_check(texts, catalog)
    if not args.quiet:
        print_summary(summary, sys.stdout)

    existing = {str(p.relative_to(OUT)) for p in OUT.glob("agencies/*.json")} | (
        {"inventory.json"} if (OUT / "inventory.json").exists() else set())
    stale = sorted(existing - set(texts))
    if args.check:
        differing = [p for p, t in sorted(texts.items())
                     if not (OUT / p).exists() or (OUT / p).read_text(encoding="utf-8") != t]
        if differing or stale:
            sys.stderr.write("out of date: %s\n" % ", ".join(differing + stale))
            return 1
        return 0
    (OUT / "agencies").mkdir(parents=True, exist_ok=True)
    for path in stale:
        (OUT / path).unlink()
    for path, text in sorted(texts.items()):
        target = OUT / path
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
