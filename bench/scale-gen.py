#!/usr/bin/env python3
"""Generates a large inventory for bench/scale.sh (not a test): N agencies × 1,000 devices, one network device in
fifty, 2 services per agency, plus a whole-inventory scan of it (so assess, plan and check have evidence).

    bench/scale-gen.py OUT_DIR DEVICES          # writes OUT_DIR/inventory.json, OUT_DIR/agencies/*.json, OUT_DIR.scan.jsonl

Addresses stay inside the lab ranges (198.18.0.0/15, 198.51.100.0/24, 2001:db8::/32); names end in .example.
Deterministic: the same DEVICES gives the same files.
"""
import json, os, sys

PER_AGENCY = 1000
LANS = 4                         # LAN segments per agency, each a /24 and (for three in four) a /64
NETWORK = [                      # 20 network devices per agency (one in fifty): (role, segment index, vendor, model, version)
    ("router", "edge", "Cisco", "ISR 4331", "16.9.4"), ("router", "edge", "Cisco", "ISR 2911", "15.4.3"),
    ("firewall", "edge", "Fortinet", "FortiGate 60F", "7.0.12"), ("firewall", "edge", "Cisco", "ASA 5515-X", "8.4.7"),
] + [(role, i, vendor, model, version) for i in range(LANS) for (role, vendor, model, version) in [
    ("l3-switch", "Cisco", "Catalyst 9300-48P", "17.3.4"), ("l3-switch", "Cisco", "Catalyst 3750X-48", "12.2.58"),
    ("switch", "Cisco", "Catalyst 2960X-24", "15.2.7"), ("switch", "Cisco", "Catalyst 2950-24", "12.1.22")]]
HOSTS = [  # role, vendor, model, version: a mix of ready, upgradable, replaceable and unknown hosts
    ("workstation", "Dell", "OptiPlex 7090", "Windows 10"), ("workstation", "HP", "ProDesk 400 G7", "Windows 11"),
    ("printer", "HP", "LaserJet Pro M404", "002.2149A"), ("camera", "Vantech", "VP-2090", "1.0"),
    ("server", "Dell", "PowerEdge R740", "Ubuntu 22.04"), ("access-point", "Ubiquiti", "UAP-AC-PRO", "6.5.28"),
]


def agency_file(a, total_agencies):
    aid = f"ag-{a:04d}"
    site = f"{aid}-tru-so"
    lan_v4 = [f"198.{18 + (a * LANS + i) // 256}.{(a * LANS + i) % 256}" for i in range(LANS)]
    segments = [{"id": f"{aid}-edge", "name": f"Biên Internet {aid}", "site": site, "kind": "internet-edge",
                 "ipv4": [], "ipv6": [f"2001:db8:{a:x}:ff::/64"]}]
    for i in range(LANS):
        segments.append({"id": f"{aid}-lan-{i}", "name": f"LAN {i} – tầng {i + 1}", "site": site, "kind": "lan",
                         "vlan": 10 + i, "ipv4": [lan_v4[i] + ".0/24"],
                         "ipv6": [f"2001:db8:{a:x}:{i}::/64"] if i != 3 else []})
    devices, host_of_segment = [], {i: 0 for i in range(LANS)}

    def add(did, name, role, vendor, model, version, seg):
        if seg == "edge":
            n = len([d for d in devices if d["segment"].endswith("-edge")]) + 1
            v4, v6, segment = [], [f"2001:db8:{a:x}:ff::{n:x}"], f"{aid}-edge"
        else:
            host_of_segment[seg] += 1
            n = host_of_segment[seg]
            v4 = [f"{lan_v4[seg]}.{n}"]
            v6 = [f"2001:db8:{a:x}:{seg}::{n:x}"] if seg != 3 and n % 3 else []
            segment = f"{aid}-lan-{seg}"
        devices.append({"id": did, "name": name, "role": role, "vendor": vendor, "model": model, "version": version,
                        "segment": segment, "ipv4": v4, "ipv6": v6, "owner": f"Phòng CNTT {aid}",
                        "criticality": "high" if role in ("router", "firewall", "l3-switch") else "low"})

    for k, (role, seg, vendor, model, version) in enumerate(NETWORK):
        add(f"{aid}-net-{k:02d}", f"Thiết bị mạng {k} ({role})", role, vendor, model, version, seg)
    for h in range(PER_AGENCY - len(NETWORK)):
        role, vendor, model, version = HOSTS[h % len(HOSTS)]
        seg = h % LANS
        add(f"{aid}-h-{h:04d}", f"Máy {h} – người dùng số {h}", role, vendor, model, version, seg)
    server = next(d for d in devices if d["role"] == "server" and d["ipv6"])
    web = next(d for d in devices if d["role"] == "server" and d["id"] != server["id"] and not d["ipv6"])
    services = [
        {"id": f"{aid}-dns", "name": f"DNS {aid}", "kind": "dns", "hostname": f"ns1.{aid}.vidu.example", "ports": [53],
         "ipv4": server["ipv4"], "ipv6": server["ipv6"], "audience": "public", "device": server["id"], "category": "dns"},
        {"id": f"{aid}-portal", "name": f"Cổng dịch vụ công {aid}", "kind": "public-service-portal",
         "hostname": f"dichvucong.{aid}.vidu.example", "ports": [443], "ipv4": web["ipv4"], "ipv6": [],
         "audience": "public", "device": web["id"], "category": "public-portal"},
    ]
    agency = {"id": aid, "name": f"Cơ quan số {a}", "kind": "province" if a == 0 else "department"}
    if a:
        agency["parent"] = "ag-0000"
    return {"schema": 1, "agency": agency, "sites": [{"id": site, "name": f"Trụ sở {aid}"}],
            "segments": segments, "devices": devices, "services": services}


def scan_lines(f):
    """One ICMP result per device address; IPv6 of every seventh device silent, portals refuse on IPv6."""
    for d in f["devices"]:
        for fam, addrs in ((4, d["ipv4"]), (6, d["ipv6"])):
            for addr in addrs:
                silent = fam == 6 and hash_of(d["id"]) % 7 == 0
                r = {"target": d["id"], "address": addr, "family": fam, "method": "icmp",
                     "status": "timeout" if silent else "reachable", "sent": 3 if silent else 1,
                     "received": 0 if silent else 1, "record": d["id"]}
                if not silent:
                    r["rtt_ms"] = 1.5
                yield r
    for s in f["services"]:
        for fam, addrs in ((4, s["ipv4"]), (6, s["ipv6"])):
            for addr in addrs:
                yield {"target": s["id"], "address": addr, "family": fam, "method": "tcp", "port": s["ports"][0],
                       "status": "reachable", "rtt_ms": 2.0, "sent": 1, "received": 1, "record": s["id"]}


def hash_of(s):
    h = 0
    for c in s.encode():
        h = (h * 31 + c) & 0xFFFFFFFF
    return h


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    agencies = max(1, count // PER_AGENCY)
    if agencies * LANS > 512:
        sys.exit("scale-gen: at most 128,000 devices fit in 198.18.0.0/15")
    os.makedirs(f"{out}/agencies", exist_ok=True)
    manifest = {"schema": 1, "name": f"Tỉnh sau sáp nhập ({count} thiết bị)", "organization": "Sở KH&CN (bench)",
                "scope": {"ipv4": ["198.18.0.0/15", "198.51.100.0/24"], "ipv6": ["2001:db8::/32"]},
                "ipv6_allocation": "2001:db8::/32", "catalog": []}
    with open(f"{out}/inventory.json", "w", encoding="utf-8") as m:
        json.dump(manifest, m, ensure_ascii=False, indent=2)
    probes = 0
    with open(f"{out}.scan.jsonl", "w", encoding="utf-8") as scan:
        for a in range(agencies):
            f = agency_file(a, agencies)
            with open(f"{out}/agencies/{f['agency']['id']}.json", "w", encoding="utf-8") as af:
                json.dump(f, af, ensure_ascii=False, indent=2)
            for r in scan_lines(f):
                scan.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
                probes += 1
    summary = {"schema": 1, "inventory": out + "/", "site": None, "started": "2026-11-02T02:00:00Z",
               "finished": "2026-11-02T02:10:00Z", "duration_s": 600.0, "probes": probes, "statuses": {}}
    with open(f"{out}.scan.summary.json", "w") as s:
        json.dump(summary, s, separators=(",", ":"))


if __name__ == "__main__":
    main()
