#!/usr/bin/env bash
# The probe half of bench/scale.sh (not a test): 1,048,576 IPv6 targets from a file, a quarter silent and
# interleaved (every fourth line), probed by v6ready with and without --json beside bench/blaster.c (a minimal
# sendmmsg/recvmmsg blaster) in the same run; the responsive set compared with fping on a 1,000-target sample.
# The targets live in a lab of network namespaces (`v6ready lab up`: a veth pair, no route out), removed on exit.
#
#   sudo V6READY=.build/release/v6ready bench/probe-scale.sh [RESULTS.tsv]
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "bench: the probe part needs root (network namespaces, raw sockets)" >&2; exit 3; }
for tool in ip fping cc python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 3; }
done
B=${V6READY:-.build/release/v6ready}
results=${1:-/dev/null}
work=$(mktemp -d /tmp/v6ready-probe-scale.XXXXXX)
lab_id=""
cleanup() { [ -n "$lab_id" ] && "$B" lab down "$lab_id" >/dev/null 2>&1; rm -rf "$work"; }
trap cleanup EXIT

cc -O2 -o "$work/blaster" bench/blaster.c
# 786,432 answering addresses (a /108 answered by the far namespace for the whole prefix) and 262,144 silent ones.
lab=$("$B" lab up --json --answering 2001:db8:100::/108 --silent 2001:db8:200::/110)
lab_id=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$lab")
ns=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["scanner_namespace"])' "$lab")

python3 - "$work" <<'PY'
import ipaddress, random, sys
w = sys.argv[1]
up, silent = ipaddress.IPv6Address("2001:db8:100::"), ipaddress.IPv6Address("2001:db8:200::")
lines = []
for i in range(262144):  # three answering, then one silent
    lines += [str(up + 3 * i + 1), str(up + 3 * i + 2), str(up + 3 * i + 3), str(silent + i + 1)]
open(f"{w}/targets.txt", "w").write("\n".join(lines) + "\n")
random.seed(6)
open(f"{w}/sample.txt", "w").write("\n".join(random.sample(lines, 1000)) + "\n")
PY

# run NAME COMMAND...: inside the scanner namespace under GNU time; wall s and peak RSS MB to the results.
run() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" ip netns exec "$ns" "$@" > "$work/out" 2> "$work/err" || true
  read -r wall rss < <(tail -n 1 "$work/time")
  printf '%s\t1048576\t%s\t%s\n' "$name" "$wall" "$((rss / 1024))" | tee -a "$results" >&2
}
probe=("$B" probe "@$work/targets.txt" --max-targets 1048576 --rate max --outside-scope)
run blaster "$work/blaster" "$work/targets.txt" 500 2 "$work/blaster.up"
echo "  blaster: $(cat "$work/out")" >&2
run "probe --json" "${probe[@]}" --json
echo "  v6ready --json: $(grep -c '"status":"reachable"' "$work/out") reachable; $(tail -1 "$work/err")" >&2
run "probe (text)" "${probe[@]}"
echo "  v6ready text: $(tail -1 "$work/err")" >&2
run blaster "$work/blaster" "$work/targets.txt" 500 2 "$work/blaster.up"

# The same responsive set as fping on a sample.
ip netns exec "$ns" fping -6 -a -q -r 2 -t 500 -f "$work/sample.txt" > "$work/fping.up" 2>/dev/null || true
ip netns exec "$ns" "$B" probe "@$work/sample.txt" --outside-scope --json > "$work/sample.jsonl" 2>/dev/null || true
python3 -c 'import json,sys; [print(o["address"]) for o in map(json.loads, open(sys.argv[1])) if o["status"]=="reachable"]' "$work/sample.jsonl" | sort -u > "$work/v6.up"
sort -u "$work/fping.up" -o "$work/fping.up"
if cmp -s "$work/v6.up" "$work/fping.up"; then same="the same $(wc -l < "$work/v6.up") of 1,000"; else same="different: v6ready $(wc -l < "$work/v6.up"), fping $(wc -l < "$work/fping.up")"; fi
printf 'note\tResponsive set on a 1,000-target sample against fping -6 -r 2 -t 500: %s.\n' "$same" | tee -a "$results" >&2
