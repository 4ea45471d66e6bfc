#!/usr/bin/env python3
"""Write a recorded scan of the example inventory: examples/recorded-scan/<time>.jsonl and its .summary.json.

The golden reports (Tests/V6CoreTests/Reports/Golden/) are rendered from it, so it is deterministic: every choice
comes from a hash of the record's id, never from a clock or a random generator, and adding a record leaves the
lines of the others unchanged. The mix is what a 2024 survey of a province finds: dual-stack hosts mostly reachable
on both families, some with IPv6 published but broken (IPv6 times out while IPv4 answers), a few hosts down,
services probed with TCP on their ports (some port 80s closed), a few firewalls that drop ICMPv6 while TCP over
IPv6 passes, and a few records the scan never reached. Format: docs/scan-format.md.

Usage:
    scripts/make-recorded-scan.py                     write examples/recorded-scan/
    scripts/make-recorded-scan.py --check             exit 1 if the committed files differ
    scripts/make-recorded-scan.py --inventory DIR --output DIR
"""

import argparse
import hashlib
import ipaddress
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STARTED = "2024-05-15T02:00:00Z"
STEM = "20240515T020000Z"


def fraction(kind, record_id):
    """A stable number in [0, 1) for (kind, id): the same record always gets the same fate."""
    digest = hashlib.sha256(("%s:%s" % (kind, record_id)).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2.0**64


def rtt(record_id, address, base):
    """A plausible, stable round trip in ms: a base for the path plus a little jitter."""
    return round(base + 2.0 * fraction("rtt", record_id + address), 3)


def canonical(address):
    return str(ipaddress.ip_address(address))


def line(target, address, method, status, record, port=None, rtt_ms=None, detail=None):
    fam = ipaddress.ip_address(address).version
    o = {"target": target, "address": canonical(address), "family": fam, "method": method}
    if port is not None:
        o["port"] = port
    o["status"] = status
    if rtt_ms is not None:
        o["rtt_ms"] = rtt_ms
    if detail:
        o["detail"] = detail
    answered = status in ("reachable", "refused")
    o["sent"] = 1 if answered else 3
    o["received"] = 1 if answered else 0
    o["record"] = record
    return o


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inventory", default=str(ROOT / "inventories" / "example"))
    parser.add_argument("--output", default=str(ROOT / "examples" / "recorded-scan"))
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()

    inventory = Path(args.inventory)
    files = sorted((inventory / "agencies").glob("*.json"))
    agencies = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    segments = {s["id"]: s for a in agencies for s in a["segments"]}
    devices = {d["id"]: d for a in agencies for d in a["devices"]}

    fate = {}  # device id -> "ok" | "down" | "v6broken" | "skipped"
    lines = []
    for agency in agencies:
        for d in sorted(agency["devices"], key=lambda d: d["id"]):
            kind = segments[d["segment"]]["kind"]
            base = 8.0 if agency["agency"]["kind"] in ("district", "commune") else 0.3
            if fraction("skip", d["id"]) < 0.02:
                fate[d["id"]] = "skipped"
                continue
            if fraction("down", d["id"]) < 0.03:
                f = "down"
            elif d["ipv6"] and fraction("v6broken", d["id"]) < 0.10:
                f = "v6broken"
            else:
                f = "ok"
            fate[d["id"]] = f
            for a in d["ipv4"]:
                if f == "down":
                    lines.append(line(d["id"], a, "icmp", "timeout", d["id"]))
                else:
                    lines.append(line(d["id"], a, "icmp", "reachable", d["id"], rtt_ms=rtt(d["id"], a, base)))
            for a in d["ipv6"]:
                if f in ("down", "v6broken"):
                    if f == "v6broken" and fraction("v6unreach", d["id"]) < 0.3:
                        lines.append(line(d["id"], a, "icmp", "unreachable", d["id"],
                                          detail="destination unreachable: address unreachable (type 1 code 3)"))
                    else:
                        lines.append(line(d["id"], a, "icmp", "timeout", d["id"]))
                else:
                    lines.append(line(d["id"], a, "icmp", "reachable", d["id"], rtt_ms=rtt(d["id"], a, base + 0.05)))

    verdicts = []
    for agency in agencies:
        for s in sorted(agency["services"], key=lambda s: s["id"]):
            host = fate.get(s.get("device"), "ok")
            if host == "skipped" or fraction("skip", s["id"]) < 0.02:
                continue
            target = s.get("hostname", s["id"])
            base = 8.0 if agency["agency"]["kind"] in ("district", "commune") else 0.4
            down = host == "down"
            v6broken = host == "v6broken" or (s["ipv6"] and fraction("svc-v6broken", s["id"]) < 0.12)
            icmp_filtered = s["ipv6"] and not v6broken and fraction("icmp6-filtered", s["id"]) < 0.10
            port80_closed = fraction("port80", s["id"]) < 0.4
            for fam_addresses, v6 in ((s["ipv4"], False), (s["ipv6"], True)):
                for a in fam_addresses:
                    if v6 and icmp_filtered:
                        lines.append(line(target, a, "icmp", "timeout", s["id"]))
                    for port in s["ports"]:
                        if down or (v6 and v6broken):
                            lines.append(line(target, a, "tcp", "timeout", s["id"], port=port))
                        elif port == 80 and port80_closed and v6:
                            lines.append(line(target, a, "tcp", "refused", s["id"], port=port, rtt_ms=rtt(s["id"], a + "80", base)))
                        else:
                            lines.append(line(target, a, "tcp", "reachable", s["id"], port=port,
                                              rtt_ms=rtt(s["id"], a + str(port), base + (0.05 if v6 else 0))))
            if not s["ipv6"]:
                verdict, check = "red", {"name": "aaaa", "result": "fail", "explanation": "no IPv6 address published"}
            elif down:
                verdict, check = "gray", {"name": "reachable", "result": "fail", "explanation": "no answer on either family"}
            elif v6broken:
                verdict, check = "yellow", {"name": "reachable-v6", "result": "fail", "explanation": "IPv6 published but every port timed out"}
            else:
                verdict, check = "green", {"name": "reachable-v6", "result": "pass", "explanation": "answers over IPv6"}
            verdicts.append({"type": "service", "record": s["id"], "target": target, "kind": s["kind"],
                             "verdict": verdict, "checks": [check]})

    text = "".join(json.dumps(o, ensure_ascii=False, separators=(",", ":")) + "\n" for o in lines + verdicts)
    statuses = {}
    for o in lines:
        statuses[o["status"]] = statuses.get(o["status"], 0) + 1
    summary = {"schema": 1, "inventory": "inventories/example/", "site": None, "started": STARTED,
               "finished": "2024-05-15T02:00:04Z", "duration_s": 4.2, "probes": len(lines),
               "statuses": dict(sorted(statuses.items()))}
    summary_text = json.dumps(summary, ensure_ascii=False, separators=(",", ":")) + "\n"

    out = Path(args.output)
    wanted = {out / (STEM + ".jsonl"): text, out / (STEM + ".summary.json"): summary_text}
    if args.check:
        stale = [str(p) for p, t in wanted.items() if not p.exists() or p.read_text(encoding="utf-8") != t]
        if stale:
            print("stale: " + ", ".join(stale) + " (run scripts/make-recorded-scan.py)", file=sys.stderr)
            return 1
        return 0
    out.mkdir(parents=True, exist_ok=True)
    for p, t in wanted.items():
        p.write_text(t, encoding="utf-8")
    print("wrote %d probe lines and %d service verdicts to %s" % (len(lines), len(verdicts), out / (STEM + ".jsonl")), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
