#!/usr/bin/env bash
# Scale benchmark (not a test): generated inventories of 10k, 20k and 100k devices (bench/scale-gen.py: N agencies ×
# 1,000 devices, one network device in fifty, 2 services per agency) through validate, assess, plan (all reports)
# and check, and `inventory import` of a 60k-row CSV; then, with --probe (root: network namespaces), a million
# IPv6 targets from an interleaved file beside a C sendmmsg/recvmmsg blaster (bench/probe-scale.sh).
#
#   bench/scale.sh                    # builds release, runs the inventory part, writes bench/RESULTS-scale.md
#   sudo bench/scale.sh --probe       # and the probe part
#   V6READY=/path/to/v6ready SIZES="10000 20000" bench/scale.sh
#
# Prints wall time and peak RSS (GNU time) per run. The machine may be shared: read the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 3; }
command -v python3 >/dev/null || { echo "bench: python3 is missing" >&2; exit 3; }
probe=0
[ "${1:-}" = "--probe" ] && probe=1
B=${V6READY:-}
if [ -z "$B" ]; then
  swift build -c release --product v6ready >&2
  B=.build/release/v6ready
fi
B=$(realpath "$B")
SIZES=${SIZES:-"10000 20000 100000"}
DATE=2026-12-03
work=$(mktemp -d /tmp/v6ready-scale.XXXXXX)
trap 'rm -rf "$work"' EXIT
results=$work/results.tsv
: > "$results"

# measure NAME SIZE CMD...: runs CMD under GNU time (niced); records wall seconds, peak RSS (MB) and CPU seconds
# (user + system: what the work costs, whatever else the machine runs). Exit 0 and 1 (findings, a non-compliant
# check) both count as a run; anything else stops the benchmark.
measure() {
  local name=$1 size=$2; shift 2
  local code=0
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" nice -n 5 "$@" > "$work/out" 2> "$work/err" || code=$?
  if [ "$code" -gt 1 ]; then
    echo "bench: $name ($size) exited $code:" >&2; tail -5 "$work/err" >&2; tail -2 "$work/time" >&2; exit 1
  fi
  read -r wall rss user sys < <(tail -1 "$work/time")
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$size" "$wall" "$((rss / 1024))" "$(python3 -c "print(round($user + $sys, 2))")" | tee -a "$results" >&2
}

for n in $SIZES; do
  inv=$work/inv$n
  python3 bench/scale-gen.py "$inv" "$n"
  scan=$inv.scan.jsonl
  measure validate "$n" "$B" inventory validate --inventory "$inv"
  measure assess "$n" "$B" assess --inventory "$inv" --scan "$scan" --date "$DATE" --json
  measure plan "$n" "$B" plan --inventory "$inv" --scan "$scan" --date "$DATE" -o "$work/reports$n"
  echo "  plan.md $(du -k "$work/reports$n/plan.md" | cut -f1) kB, plan.html $(du -k "$work/reports$n/plan.html" | cut -f1) kB, $(ls "$work/reports$n/agencies" | wc -l) agency files" >&2
  measure check "$n" "$B" check --inventory "$inv" --scan "$scan" --date "$DATE" --reports "$work/check$n" --json
  rm -rf "$work/reports$n" "$work/check$n"
  [ "$n" = 100000 ] || rm -rf "$inv" "$scan"
done

# inventory import: the 60,000 devices of a 60k inventory, exported and imported back (every row replaces one).
python3 bench/scale-gen.py "$work/inv60k" 60000
"$B" inventory export --inventory "$work/inv60k" --kind devices -o "$work/devices.csv"
echo "  devices.csv: $(($(wc -l < "$work/devices.csv") - 1)) rows" >&2
measure import 60000 "$B" inventory import --inventory "$work/inv60k" --kind devices "$work/devices.csv"

[ "$probe" = 1 ] && V6READY=$B bench/probe-scale.sh "$results"

python3 - "$results" "$(nproc)" "$(date -u +%Y-%m-%dT%H:%MZ)" > bench/RESULTS-scale.md <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
t = {(r[0], r[1]): (float(r[2]), int(r[3]), float(r[4])) for r in rows if len(r) == 5}
print("# Scale benchmark results\n")
print(f"bench/scale.sh on {sys.argv[3]}, {sys.argv[2]} cores shared with other work (load average {open('/proc/loadavg').read().split()[0]} at the end):")
print("wall seconds depend on the load; CPU seconds (user + system) are what the work costs; compare the ratios.")
print("Inventories from bench/scale-gen.py: N agencies × 1,000 devices, one network device in fifty, 2 services per agency.\n")
sizes = sorted({int(s) for (w, s) in t if w in ("validate", "assess", "plan", "check")})
print("| work | " + " | ".join(f"{s:,}" for s in sizes) + " | goal at 100k |")
print("|---|" + "---|" * (len(sizes) + 1))
for w in ("validate", "assess", "plan", "check"):
    cells = [f"{t[(w, str(s))][0]:.2f} s wall, {t[(w, str(s))][2]:.2f} s CPU, {t[(w, str(s))][1]} MB" if (w, str(s)) in t else "–" for s in sizes]
    print(f"| `{w}` | " + " | ".join(cells) + " | ≤ 3 s, ≤ 512 MB |")
if ("import", "60000") in t:
    w, m, c = t[("import", "60000")]
    print(f"\n`inventory import` of a 60,000-row CSV: {w:.2f} s wall, {c:.2f} s CPU, {m} MB.")
if ("plan", "10000") in t and ("plan", "100000") in t:
    for w in ("validate", "assess", "plan", "check"):
        a, b = t.get((w, "10000")), t.get((w, "100000"))
        if a and b:
            print(f"\n{w}(100k) / {w}(10k): {b[0] / max(a[0], 0.01):.1f} wall, {b[2] / max(a[2], 0.01):.1f} CPU" + (" (goal for plan ≤ 12)" if w == "plan" else ""))
probe = [r for r in rows if len(r) == 4 and (r[0].startswith("probe") or r[0].startswith("blaster"))]
if probe:
    print("\n## A million IPv6 targets from an interleaved file (a quarter silent)\n")
    print("| run | wall | peak RSS |\n|---|---|---|")
    for r in probe:
        print(f"| {r[0]} | {float(r[2]):.2f} s | {r[3]} MB |")
    blaster = next((float(r[2]) for r in probe if r[0] == "blaster"), None)
    if blaster:
        for r in probe:
            if r[0].startswith("probe"):
                print(f"\n{r[0]}: wall {float(r[2]) / blaster:.2f}× the blaster's (goal ≤ 1.2), peak RSS {r[3]} MB (goal ≤ 128).")
    for r in rows:
        if r[0] == "note":
            print("\n" + r[1])
PY
cat bench/RESULTS-scale.md
