#!/usr/bin/env bash
# Load benchmark of `attache serve` (issue 6): /api/events filtered by dyad, 200 concurrent
# connections on loopback, with 1 M events stored. Prints wrk's latency figures and a RESULT
# line with p99 and errors. Not a test: run it by hand.
#
#   bash bench/serve_load.sh                 # cache on (the default server)
#   NO_CACHE=1 bash bench/serve_load.sh      # every request reads SQLite
#   EVENTS=200000 DURATION=10s WARMUP=5s bash bench/serve_load.sh
#
# Needs wrk (apt-get install wrk). The store is built once by the serve_seed example into
# bench/out/ and reused. The server runs with --rate-limit 0: the limiter exists to stop one
# client flooding the server, and this benchmark is that flood.
set -euo pipefail
cd "$(dirname "$0")/.."

EVENTS="${EVENTS:-1000000}"
DURATION="${DURATION:-30s}"
CONNECTIONS="${CONNECTIONS:-200}"
THREADS="${THREADS:-2}"
PORT="${PORT:-18080}"
DB="bench/out/serve-$((EVENTS / 1000))k.db"

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
[ -n "${SKIP_BUILD:-}" ] || cargo build --release -q -p attache --bin attache --example serve_seed
if [ ! -f "$DB" ]; then
  echo "building $DB with $EVENTS events..." >&2
  target/release/examples/serve_seed --db "$DB" --events "$EVENTS"
fi

args=(serve --db "$DB" --bind "127.0.0.1:$PORT" --rate-limit 0)
[ -n "${NO_CACHE:-}" ] && args+=(--no-cache)
target/release/attache "${args[@]}" 2>bench/out/serve.log &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break
  sleep 0.1
done

# The 20 busiest dyads (the overview's ranking), as A:B arguments for the wrk script.
dyads=$(curl -sf "http://127.0.0.1:$PORT/api/dyads?limit=20" \
  | python3 -c 'import json,sys; print(" ".join(d["source"]+":"+d["target"] for d in json.load(sys.stdin)["dyads"]))')
echo "dyads: $dyads" >&2
echo "one request:" >&2
curl -s -o /dev/null -w "  %{http_code} %{size_download} bytes in %{time_total}s\n" \
  "http://127.0.0.1:$PORT/api/events?actor=PAK&target=AFG&limit=50" >&2

cache=$([ -n "${NO_CACHE:-}" ] && echo off || echo on)
# A first, short run from a cold server (its figures are printed: they include the first
# reads of the 1 GB file and of every page), then the measured run.
echo "cold: wrk -t$THREADS -c$CONNECTIONS -d${WARMUP:-5s} (cache $cache)" >&2
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP:-5s}" --latency -s bench/serve_dyads.lua \
  "http://127.0.0.1:$PORT" -- $dyads | grep RESULT | sed 's/^RESULT/COLD/'
echo "measured: wrk -t$THREADS -c$CONNECTIONS -d$DURATION (cache $cache)" >&2
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/serve_dyads.lua \
  "http://127.0.0.1:$PORT" -- $dyads
