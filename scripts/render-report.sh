#!/usr/bin/env bash
# Render an HTML report to a PNG with headless Chromium, to check by eye that the charts show and that
# Vietnamese text is intact. Needs Debian's chromium package (apt-get install -y chromium).
#
# Usage: scripts/render-report.sh REPORT.html [OUT.png] [WIDTHxHEIGHT]
#   default OUT.png: beside the report; default size: 1400x3000
set -euo pipefail
report=${1:?usage: scripts/render-report.sh REPORT.html [OUT.png] [WIDTHxHEIGHT]}
out=${2:-${report%.html}.png}
size=${3:-1400x3000}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "render-report: chromium is not installed (apt-get install -y chromium)" >&2
  exit 3
fi
abs=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")
case "$out" in /*) ;; *) out=$(pwd)/$out ;; esac
# No network: the report must be self-contained; a fresh profile keeps runs independent.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --proxy-server="http://127.0.0.1:9" --proxy-bypass-list="<-loopback>" \
  --window-size="${size/x/,}" --screenshot="$out" "file://$abs" >/dev/null 2>&1
echo "$out"
