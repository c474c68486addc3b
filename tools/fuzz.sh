#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer and AddressSanitizer and runs each from its
# committed seed corpus for a bounded time. A crash stops the script with the input's path:
# copy that file into Fuzz/Regressions/<target>/ and it becomes a test (FuzzRegressionTests).
# Leaks are not looked for: Foundation keeps a few bytes per file path it converts.
#   bash tools/fuzz.sh [seconds per target, default 40]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${1:-40}
swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 | tail -n 3
bin=$(swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --show-bin-path)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for pair in Evaluation:evaluation CSV:csv Workbook:workbook Changes:changes; do
  target=${pair%%:*} corpus=${pair##*:}
  mkdir -p "$work/$corpus" "$work/crashes-$corpus"
  echo "fuzzing $corpus for ${seconds}s"
  # New inputs go to the scratch folder; the committed corpus and regressions are only read.
  if ! (cd "$work/crashes-$corpus" && ASAN_OPTIONS=detect_leaks=0 "$bin/Fuzz$target" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 -timeout=10 -detect_leaks=0 \
        -print_final_stats=1 "$work/$corpus" "$root/Fuzz/Corpus/$corpus" "$root/Fuzz/Regressions/$corpus" 2>"$work/$corpus.log"); then
    tail -n 40 "$work/$corpus.log"
    echo "the $corpus fuzzer stopped on an input: $(ls "$work/crashes-$corpus")" >&2
    mkdir -p /tmp/guantong-fuzz-crashes && cp "$work/crashes-$corpus"/* /tmp/guantong-fuzz-crashes/ 2>/dev/null || true
    exit 1
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work/$corpus.log" | tr '\n' ' '; echo
done
