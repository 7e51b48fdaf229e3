#!/usr/bin/env bash
# End-to-end: `crossroads synth --scale large` (1,000,000 persons with their identifiers and
# cases) to files, wall time and peak RSS. Target: at most 60 s on the 2-core machine, memory
# flat (streaming). Usage: bench/synth_large.sh BUILD_DIR
set -euo pipefail
build_dir=${1:-build-bench}
bin="$build_dir/src/exe/crossroads"
if ! "$bin" synth --help >/dev/null 2>&1; then
  echo "synth_large: $bin has no synth command; skipped"
  exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
/usr/bin/time -f "%e %M" -o "$out/time" "$bin" synth --scale large --seed 7 --out "$out/world" --quiet
read -r seconds rss_kb < "$out/time"
bytes=$(du -sb "$out/world" | cut -f1)
echo "synth large (1M persons) to files: ${seconds} s wall, peak RSS $((rss_kb / 1024)) MiB, $((bytes / 1048576)) MiB written"
awk -v s="$seconds" 'BEGIN { if (s > 60) { print "synth_large: above the 60 s target"; exit 1 } }'
