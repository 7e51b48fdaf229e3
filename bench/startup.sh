#!/usr/bin/env bash
# End-to-end: start-up of `crossroads serve` on a store of the synthetic world (default: large,
# 1,000,000 persons), until the matching index is ready. Target: at most 30 s on the 2-core
# machine. The store is made once per run with `crossroads synth --into-store` (not timed
# against the target; its time is printed too). Peak RSS is the server's VmHWM at that moment,
# CPU time the server's user + system time until then (every thread): on a shared machine the
# wall time depends on the load, the CPU time much less.
# Usage: bench/startup.sh BUILD_DIR   (CROSSROADS_STARTUP_BENCH_SCALE=medium for 100k persons;
#        CROSSROADS_STARTUP_BENCH_DIR=DIR keeps the store in DIR and reuses it when present)
set -euo pipefail
build_dir=${1:-build-bench}
bin="$build_dir/src/exe/crossroads"
scale=${CROSSROADS_STARTUP_BENCH_SCALE:-large}
if ! "$bin" synth --help >/dev/null 2>&1; then
  echo "startup: $bin has no synth command; skipped"
  exit 0
fi
tmp=$(mktemp -d)
pid=""
cleanup() {
  # SIGKILL: a stopping server first finishes recording the start-up links (minutes at 1M),
  # which is not measured here; SQLite's WAL keeps the store whole.
  [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
data=${CROSSROADS_STARTUP_BENCH_DIR:-$tmp/data}
if [ ! -f "$data/crossroads.db" ]; then
  /usr/bin/time -f "%e %M" -o "$tmp/load-time" \
    "$bin" --data-dir "$data" synth --scale "$scale" --seed 7 --quiet >/dev/null
  read -r load_s load_kb < "$tmp/load-time"
  echo "store of the $scale world (seed 7) loaded in ${load_s} s, peak RSS $((load_kb / 1024)) MiB," \
    "$(( $(du -sb "$data" | cut -f1) / 1048576 )) MiB on disk"
fi
start=$(date +%s.%N)
"$bin" --data-dir "$data" serve --host 127.0.0.1 --port 0 --port-file "$tmp/port" \
  2>"$tmp/serve.log" >/dev/null &
pid=$!
until grep -q "matching index ready" "$tmp/serve.log"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "startup: the server stopped:" && cat "$tmp/serve.log"
    exit 1
  fi
  sleep 0.2
done
ready=$(date +%s.%N)
rss_kb=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
# Fields 14 and 15 of /proc/PID/stat (after the command name in parentheses): user and system
# time in clock ticks.
cpu_s=$(sed 's/^.*) //' "/proc/$pid/stat" |
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($12 + $13) / hz }')
grep "matching index ready\|linking\|estimat" "$tmp/serve.log" || true
seconds=$(awk -v a="$start" -v b="$ready" 'BEGIN { printf "%.1f", b - a }')
echo "startup ($scale world): index ready ${seconds} s after start, ${cpu_s} s CPU," \
  "peak RSS $((rss_kb / 1024)) MiB"
awk -v s="$seconds" 'BEGIN { if (s > 30) { print "startup: above the 30 s target"; exit 1 } }'
