#!/usr/bin/env bash
# Benchmark: v6ready against fping and nmap on the same targets, one veth hop away in a lab of network
# namespaces (no route out: nothing leaves this machine). Needs root, iproute2, fping, nmap.
#
#   sudo bench/run.sh                 # builds release, runs everything, writes bench/RESULTS.md
#   V6READY=/path/to/v6ready sudo bench/run.sh   # use an existing build
#
# Measures wall time, probes per second and peak RSS (GNU time), and compares the responsive sets.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "bench: needs root (network namespaces, raw sockets)" >&2; exit 3; }
for tool in fping nmap ip /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install fping nmap iproute2 time python3)" >&2; exit 3; }
done
B=${V6READY:-}
if [ -z "$B" ]; then
  swift build -c release --product v6ready >&2
  B=.build/release/v6ready
fi
work=$(mktemp -d /tmp/v6ready-bench.XXXXXX)
lab_id=""
cleanup() { [ -n "$lab_id" ] && "$B" lab down "$lab_id" >/dev/null 2>&1; rm -rf "$work"; }
trap cleanup EXIT

# Targets: 32,768 IPv4 that all answer; 32,768 IPv6 of which half are silent; 65,536 dual-stack hosts
# (IPv4 /16 + IPv6 /112, the same host numbers); 1,048,576 IPv6 addresses for the memory bound.
lab=$("$B" lab up --json \
  --answering 198.18.0.0/16 \
  --answering 2001:db8:1::/112 --silent 2001:db8:2::/112 \
  --answering 2001:db8:100::/108)
lab_id=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$lab")
ns=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["scanner_namespace"])' "$lab")

python3 - "$work" <<'PY'
import ipaddress, sys
w = sys.argv[1]
with open(f"{w}/v4.txt", "w") as f:
    for i in range(32768): f.write(f"{ipaddress.IPv4Address('198.18.0.0') + i}\n")
with open(f"{w}/v6.txt", "w") as f:  # alternate answering and silent
    for i in range(16384):
        f.write(f"{ipaddress.IPv6Address('2001:db8:1::') + i + 1}\n{ipaddress.IPv6Address('2001:db8:2::') + i + 1}\n")
with open(f"{w}/dual.txt", "w") as f:
    for i in range(65536):
        f.write(f"{ipaddress.IPv4Address('198.18.0.0') + i}\n{ipaddress.IPv6Address('2001:db8:1::') + i}\n")
PY

rows=()
# run NAME RESULTFILE COMMAND...: times the command inside the scanner namespace, records wall s and peak RSS KB.
run() {
  local name=$1 result=$2; shift 2
  /usr/bin/time -f "%e %M" -o "$work/time" ip netns exec "$ns" "$@" > "$result" 2> "$work/stderr" || true
  read -r wall rss < <(tail -n 1 "$work/time")
  echo "$name: ${wall}s, ${rss} KB" >&2
  last_wall=$wall; last_rss=$rss
}
count() { grep -c . "$1" || true; }
sorted() { python3 -c 'import ipaddress,sys; print("\n".join(sorted({str(ipaddress.ip_address(l.strip())) for l in open(sys.argv[1]) if l.strip()}, key=lambda a: ipaddress.ip_address(a))))' "$1"; }

compare() {  # family list label
  local fam=$1 list=$2 label=$3 n
  n=$(count "$list")
  run "v6ready $label" "$work/v6r.jsonl" "$B" probe "@$list" --rate max --retries 0 --timeout 500 --outside-scope --json
  python3 -c 'import json,sys; [print(o["address"]) for o in map(json.loads, open(sys.argv[1])) if o["status"]=="reachable"]' "$work/v6r.jsonl" > "$work/v6r.up"
  local v_wall=$last_wall v_rss=$last_rss
  local fflag=""; [ "$fam" = 6 ] && fflag="-6"
  run "fping $label" "$work/fping.up" fping $fflag -i 0 -r 0 -t 500 -q -a -f "$list"
  local f_wall=$last_wall f_rss=$last_rss
  local nflag=""; [ "$fam" = 6 ] && nflag="-6"
  run "nmap $label" "$work/nmap.out" nmap $nflag -sn -T5 -n -iL "$list" -oG -
  grep 'Status: Up' "$work/nmap.out" | awk '{print $2}' > "$work/nmap.up" || true
  local m_wall=$last_wall m_rss=$last_rss
  sorted "$work/v6r.up" > "$work/a"; sorted "$work/fping.up" > "$work/b"; sorted "$work/nmap.up" > "$work/c"
  local same="yes"; cmp -s "$work/a" "$work/b" && cmp -s "$work/a" "$work/c" || same="no (v6ready $(count "$work/a"), fping $(count "$work/b"), nmap $(count "$work/c"))"
  rate() { python3 -c "print(int($1/$2) if $2>0 else 0)"; }
  rows+=("| $label | $n | v6ready | $v_wall | $(rate "$n" "$v_wall") | $((v_rss/1024)) | $(count "$work/a") |")
  rows+=("| $label | $n | fping -i 0 | $f_wall | $(rate "$n" "$f_wall") | $((f_rss/1024)) | $(count "$work/b") |")
  rows+=("| $label | $n | nmap -sn -T5 | $m_wall | $(rate "$n" "$m_wall") | $((m_rss/1024)) | $(count "$work/c") |")
  rows+=("| $label | | same responsive set? | $same | | | |")
}

compare 4 "$work/v4.txt" "IPv4, all answer"
compare 6 "$work/v6.txt" "IPv6, half silent"

# 65,536 dual-stack hosts (131,072 addresses) in one run; fping refuses that many targets.
run "v6ready dual" "$work/dual.jsonl" "$B" probe "@$work/dual.txt" --rate max --retries 0 --timeout 500 --outside-scope --json
up=$(grep -c '"reachable"' "$work/dual.jsonl" || true)
rows+=("| 65,536 dual-stack hosts | 131072 | v6ready | $last_wall | $(python3 -c "print(int(131072/$last_wall))") | $((last_rss/1024)) | $up |")
run "fping dual" "$work/fping-dual.up" fping -i 0 -r 0 -t 500 -q -a -f "$work/dual.txt"
rows+=("| 65,536 dual-stack hosts | 131072 | fping -i 0 | $(grep -q . "$work/stderr" && head -c 80 "$work/stderr" | tr '\n|' '  ') | | | $(count "$work/fping-dual.up") |")

# A million targets in one run: bounded memory.
run "v6ready 1M" "$work/million.jsonl" "$B" probe 2001:db8:100::/108 --max-targets 1048576 --rate max --retries 0 --timeout 500 --outside-scope --json
up=$(grep -c '"reachable"' "$work/million.jsonl" || true)
rows+=("| 1,048,576 IPv6 | 1048576 | v6ready | $last_wall | $(python3 -c "print(int(1048576/$last_wall))") | $((last_rss/1024)) | $up |")
# The same with one probing thread, to show what the per-core workers add.
run "v6ready 1M, 1 worker" "$work/million.jsonl" "$B" probe 2001:db8:100::/108 --max-targets 1048576 --rate max --retries 0 --timeout 500 --outside-scope --json --workers 1
up=$(grep -c '"reachable"' "$work/million.jsonl" || true)
rows+=("| 1,048,576 IPv6 | 1048576 | v6ready --workers 1 | $last_wall | $(python3 -c "print(int(1048576/$last_wall))") | $((last_rss/1024)) | $up |")

{
  echo "# Benchmark results"
  echo
  echo "Produced by \`bench/run.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores, kernel $(uname -r); targets one veth hop away"
  echo "in a lab namespace, 500 ms timeout, no retries. Wall time includes start-up and writing results."
  echo
  echo "| targets | count | tool | wall s | targets/s | peak RSS MB | responsive |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | tee bench/RESULTS.md
