#!/usr/bin/env bash
# Builds and runs the libFuzzer harnesses in Fuzz/Harnesses (docs/fuzzing.md).
#
#   scripts/fuzz.sh                 every harness, 20 s each
#   scripts/fuzz.sh JSON 600        one harness for 10 minutes
#   scripts/fuzz.sh all 30          every harness, 30 s each
#   FUZZ_RUNS=10000000 scripts/fuzz.sh CSV   stop after 10 million executions instead of a time
#   FUZZ_CORE=.build/fuzz/core-HASH scripts/fuzz.sh DNSMessage 600   use an already built core library
#
# V6Core is compiled once (whole module, -O, with -sanitize=fuzzer,address coverage) into a static library under
# .build/fuzz (outside git) and rebuilt when its sources change; each harness is one file linked against it.
# libFuzzer's new inputs go to .build/fuzz/corpus/NAME; the checked-in seeds in Fuzz/Corpus/NAME are only read.
# Prints executions, seconds and crashes per harness; exits 1 when any harness crashed (the input is kept under
# .build/fuzz/artifacts/NAME/ and named on the output).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/opt/swift/usr/bin"
# Swift's own crash backtracer reads the crashed process's memory and trips AddressSanitizer; libFuzzer reports.
export SWIFT_BACKTRACE=enable=no
root=$PWD
build=${FUZZ_BUILD_DIR:-$root/.build/fuzz}
target=${1:-all}
seconds=${2:-20}
mkdir -p "$build"

if [ "$target" = all ]; then
  targets=()
  for f in Fuzz/Harnesses/*.swift; do targets+=("$(basename "$f" .swift)"); done
else
  [ -f "Fuzz/Harnesses/$target.swift" ] || {
    echo "fuzz: no harness Fuzz/Harnesses/$target.swift; there are: $(ls Fuzz/Harnesses | sed 's/\.swift$//' | tr '\n' ' ')" >&2
    exit 2
  }
  targets=("$target")
fi
case "$seconds" in ''|*[!0-9]*) echo "fuzz: SECONDS must be a whole number, not '$seconds'" >&2; exit 2 ;; esac

# The core library (V6Crypto, then V6Core on top of it), rebuilt only when a source file changed.
crypto_sources=$(find Sources/V6Crypto -name '*.swift' | LC_ALL=C sort)
sources=$(find Sources/V6Core -name '*.swift' | LC_ALL=C sort)
# FUZZ_OPT=-Onone builds in a fraction of the time (for a quick check on a busy machine); -O runs several times faster.
opt=${FUZZ_OPT:--O}
# shellcheck disable=SC2086
stamp=$( (cat $crypto_sources $sources; echo "$opt") | sha256sum | cut -c1-16)
if [ -n "${FUZZ_CORE:-}" ]; then
  # A core built before (e.g. while sources change during a long campaign): FUZZ_CORE=.build/fuzz/core-HASH.
  stamp=${FUZZ_CORE##*/core-}
  build_core=0
elif [ ! -f "$build/core-$stamp/libV6Core.a" ]; then
  build_core=1
else
  build_core=0
fi
if [ "$build_core" = 1 ]; then
  echo "fuzz: building V6Crypto and V6Core with -sanitize=fuzzer,address (a few minutes)"
  mkdir -p "$build/core-$stamp"
  # shellcheck disable=SC2086
  swiftc -sanitize=fuzzer,address -parse-as-library "$opt" -gline-tables-only -wmo -module-name V6Crypto \
    -emit-module -emit-module-path "$build/core-$stamp/V6Crypto.swiftmodule" \
    -c $crypto_sources -o "$build/core-$stamp/V6Crypto.o"
  # shellcheck disable=SC2086
  swiftc -sanitize=fuzzer,address -parse-as-library "$opt" -gline-tables-only -wmo -module-name V6Core -I "$build/core-$stamp" \
    -emit-module -emit-module-path "$build/core-$stamp/V6Core.swiftmodule" \
    -c $sources -o "$build/core-$stamp/V6Core.o"
  ar rcs "$build/core-$stamp/libV6Core.a.tmp" "$build/core-$stamp/V6Core.o" "$build/core-$stamp/V6Crypto.o"
  mv "$build/core-$stamp/libV6Core.a.tmp" "$build/core-$stamp/libV6Core.a"
fi
core="$build/core-$stamp"

failed=0
for name in "${targets[@]}"; do
  binary="$build/bin/$name"
  mkdir -p "$build/bin" "$build/corpus/$name" "$build/artifacts/$name" "Fuzz/Corpus/$name"
  if [ ! -x "$binary" ] || [ "Fuzz/Harnesses/$name.swift" -nt "$binary" ] || [ "$core/libV6Core.a" -nt "$binary" ]; then
    # The linker warns about every ASan helper symbol; those lines say nothing.
    swiftc -sanitize=fuzzer,address -parse-as-library "$opt" -g -module-name "Fuzz$name" -I "$core" \
      "Fuzz/Harnesses/$name.swift" "$core/libV6Core.a" -lFoundation -o "$binary.tmp" 2>&1 \
      | grep -v "Cannot export local symbol" || true
    [ -x "$binary.tmp" ] || { echo "fuzz: $name does not build"; failed=1; continue; }
    mv "$binary.tmp" "$binary"
  fi
  log="$build/$name.log"
  runs=()
  [ -n "${FUZZ_RUNS:-}" ] && runs=(-runs="$FUZZ_RUNS")
  set +e
  # FUZZ_BUILD_ONLY="A B": build these harnesses but do not run them (a known, open crash; docs/fuzzing.md).
  case " ${FUZZ_BUILD_ONLY:-} " in *" $name "*) echo "fuzz: $name built, not run (FUZZ_BUILD_ONLY)"; continue ;; esac
  # FUZZ_LEAKS=0 turns LeakSanitizer off (a leak then does not count as a crash).
  "$binary" "$build/corpus/$name" "Fuzz/Corpus/$name" -max_total_time="$seconds" "${runs[@]}" \
    -artifact_prefix="$build/artifacts/$name/" -timeout=10 -rss_limit_mb=2048 -max_len="${FUZZ_MAX_LEN:-8192}" \
    -detect_leaks="${FUZZ_LEAKS:-1}" -print_final_stats=1 >"$log" 2>&1
  status=$?
  set -e
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  elapsed=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)
  [ -n "$elapsed" ] || elapsed=$(sed -n 's/.*time: *\([0-9]*\)s.*/\1/p' "$log" | tail -n 1)
  if [ "$status" -ne 0 ]; then
    failed=1
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
    echo "fuzz: $name CRASHED after ${executions:-?} executions; input: ${artifact:-?}; log: $log"
    grep -m 5 -E "ERROR:|Fatal error|runtime failure|precondition|SUMMARY" "$log" | sed 's/^/fuzz:   /' || true
  else
    echo "fuzz: $name ${executions:-?} executions in ${elapsed:-?} s, no crash"
  fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$name" "${executions:-?}" "${elapsed:-?}" "$status" >>"$build/results.tsv"
done
exit "$failed"
