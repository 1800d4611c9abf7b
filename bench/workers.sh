#!/usr/bin/env bash
# Benchmark (prints figures, asserts nothing): many ingest workers on one PostgreSQL store.
#
#   ATTACHE_BENCH_POSTGRES=postgres://user:pw@127.0.0.1:5432/db bench/workers.sh
#
# Builds WARC.gz shards from the extraction benchmark pages in ../shared/bench/extraction
# (read at run time, never copied into the repository; REPEAT copies under other outlets'
# URLs), then prints:
#   1. one process into SQLite: articles/s, and the counts every other run must match;
#   2. 1, 2 and 4 worker processes (`--jobs 1` each) into one PostgreSQL database: wall time,
#      articles/s, speed-up over one worker, counts, how many articles were filed in the
#      same story as the SQLite run, how many of the events `attache export` writes
#      carry the same first-report mark, how many articles name the same original
#      (`duplicate_of`) and how many alias rows differ;
#   3. PostgreSQL ingest (1 worker) as a share of SQLite's articles/s;
#   4. kill -9 of a worker at KILLS random moments while others run: articles lost or doubled
#      and sources not done after the rest finish.
# Joining workers start as soon as the first worker has queued the sources (`queued`).
# Each PostgreSQL run gets a fresh schema of the given database, dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

URL="${ATTACHE_BENCH_POSTGRES:-${ATTACHE_TEST_POSTGRES:-}}"
[ -n "$URL" ] || { echo "set ATTACHE_BENCH_POSTGRES to a postgres:// URL" >&2; exit 2; }
SHARDS="${SHARDS:-4}"
REPEAT="${REPEAT:-2}"
KILLS="${KILLS:-10}"
PAGES=../shared/bench/extraction/wcxb-articles/html
[ -d "$PAGES" ] || { echo "no $PAGES: the benchmark needs ../shared" >&2; exit 2; }

cargo build --release -p attache --quiet
BIN="$PWD/target/release/attache"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
drop_schemas() { # every schema this run made (schema_url runs in a subshell: found by name)
  for s in $(psql -qtA "$URL" -c "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'bench\_%\_$$'" 2>/dev/null); do
    psql -q "$URL" -c "DROP SCHEMA IF EXISTS $s CASCADE" >/dev/null 2>&1 || true
  done
}
trap 'drop_schemas; rm -rf "$WORK"' EXIT

python3 - "$PAGES" "$WORK" "$SHARDS" "$REPEAT" <<'PY'
import gzip, os, sys
pages, out, shards, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
files = sorted(f for f in os.listdir(pages) if f.endswith(".html.gz"))
records = []
for r in range(repeat):
    for i, f in enumerate(files):
        html = gzip.open(os.path.join(pages, f)).read()
        day = 1 + (i + r) % 28
        uri = f"https://outlet{r}.example/2025/10/{day:02}/{f[:-8]}"
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(html) + html
        head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
                f"WARC-Date: 2025-10-{day:02}T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {len(http)}\r\n\r\n").encode()
        records.append(gzip.compress(head + http + b"\r\n\r\n", 1))
per = (len(records) + shards - 1) // shards
for k in range(shards):
    with open(os.path.join(out, f"shard-{k}.warc.gz"), "wb") as w:
        for rec in records[k * per:(k + 1) * per]:
            w.write(rec)
print(f"{len(records)} pages in {shards} shards")
PY
SHARD_FILES=("$WORK"/shard-*.warc.gz)

now() { date +%s.%N; }
schema_url() { # a fresh schema and the URL that puts attache's tables in it
  local s="bench_$1_$$"
  psql -q "$URL" -c "DROP SCHEMA IF EXISTS $s CASCADE; CREATE SCHEMA $s" >/dev/null 2>&1
  local sep='?'; [[ "$URL" == *\?* ]] && sep='&'
  echo "${URL}${sep}options=-c%20search_path%3D$s"
}
counts() { # articles events stories of a store
  "$BIN" status --db "$1" 2>&1 >/dev/null | sed -n 's/.*: \([0-9]*\) articles, \([0-9]*\) events.*, \([0-9]*\) stories/\1 \2 \3/p'
}
stories_of() { # article id -> story id, sorted
  "$BIN" export --db "$1" --format jsonl --table articles --out "$2" >/dev/null 2>&1
  python3 -c "
import json,sys
for l in open('$2'):
    r=json.loads(l); print(r['ArticleID'], r['StoryID'])" | sort > "$2.map"
}
originals_of() { # article id -> the article it copies ("-" for none), sorted; from stories_of's export
  python3 -c "
import json,sys
for l in open('$1'):
    r=json.loads(l); print(r['ArticleID'], r.get('DuplicateOf') or '-')" | sort > "$1.orig"
}
aliases_of() { # alias key -> article, sorted
  if [[ "$1" == postgres* ]]; then
    psql -qtA -F' ' "$1" -c "SELECT key, article_id FROM aliases"
  else
    python3 -c "
import sqlite3
for k, a in sqlite3.connect('$1').execute('SELECT key, article_id FROM aliases'): print(k, a)"
  fi | sort > "$2"
}
firsts_of() { # event id -> first-report mark, sorted
  "$BIN" export --db "$1" --format jsonl --out "$2" >/dev/null 2>&1
  python3 -c "
import json,sys
for l in open('$2'):
    r=json.loads(l); print(r['GlobalEventID'], r['IsFirstReport'])" | sort > "$2.map"
}

queued() { # wait (at most 30 s) until the first worker has queued the sources, so joiners find work
  for _ in $(seq 300); do
    "$BIN" status --db "$1" 2>&1 >/dev/null | grep -Eq '^sources: [1-9][0-9]* queued|, [1-9][0-9]* leased' && return 0
    sleep 0.1
  done
}

echo "== 1. one process, SQLite"
t0=$(now); "$BIN" ingest -q --offline --jobs 2 --db "$WORK/one.db" "${SHARD_FILES[@]}" 2>/dev/null; t1=$(now)
read -r A E S <<<"$(counts "$WORK/one.db")"
SQLITE_S=$(echo "$t1 - $t0" | bc -l)
printf "sqlite: %d articles, %d events, %d stories in %.1f s: %.1f articles/s\n" "$A" "$E" "$S" "$SQLITE_S" "$(echo "$A / $SQLITE_S" | bc -l)"
stories_of "$WORK/one.db" "$WORK/one.articles"
originals_of "$WORK/one.articles"
aliases_of "$WORK/one.db" "$WORK/one.aliases"
firsts_of "$WORK/one.db" "$WORK/one.events"

echo "== 2. worker processes (--jobs 1 each) into one PostgreSQL store"
declare -A RATE
for n in 1 2 4; do
  db=$(schema_url "w$n")
  t0=$(now)
  "$BIN" ingest -q --offline --jobs 1 --db "$db" "${SHARD_FILES[@]}" >/dev/null 2>&1 &
  pids=($!)
  queued "$db"
  for _ in $(seq 2 "$n"); do "$BIN" ingest -q --offline --jobs 1 --join --db "$db" >/dev/null 2>&1 & pids+=($!); done
  wait "${pids[@]}"
  t1=$(now)
  read -r a e s <<<"$(counts "$db")"
  secs=$(echo "$t1 - $t0" | bc -l)
  RATE[$n]=$(echo "$a / $secs" | bc -l)
  stories_of "$db" "$WORK/w$n.articles"
  same=$(join "$WORK/one.articles.map" "$WORK/w$n.articles.map" | awk '$2 == $3' | wc -l)
  originals_of "$WORK/w$n.articles"
  same_original=$(join "$WORK/one.articles.orig" "$WORK/w$n.articles.orig" | awk '$2 == $3' | wc -l)
  aliases_of "$db" "$WORK/w$n.aliases"
  aliases=$(wc -l < "$WORK/w$n.aliases")
  alias_diff=$(comm -3 "$WORK/one.aliases" "$WORK/w$n.aliases" | wc -l)
  firsts_of "$db" "$WORK/w$n.events"
  marks=$(join "$WORK/one.events.map" "$WORK/w$n.events.map" | awk '$2 == $3' | wc -l)
  exported=$(wc -l < "$WORK/one.events.map")
  printf "%d worker(s): %.1f s, %.1f articles/s, speed-up %.2f; %d articles, %d events, %d stories (sqlite %d, %d, %d); same story as sqlite: %d of %d articles; same first-report mark: %d of %d exported events; same original (duplicate_of) as sqlite: %d of %d articles; %d aliases (sqlite %d), %d alias rows differ\n" \
    "$n" "$secs" "${RATE[$n]}" "$(echo "${RATE[$n]} / ${RATE[1]}" | bc -l)" "$a" "$e" "$s" "$A" "$E" "$S" "$same" "$A" "$marks" "$exported" \
    "$same_original" "$A" "$aliases" "$(wc -l < "$WORK/one.aliases")" "$alias_diff"
done

echo "== 3. PostgreSQL (1 worker, --jobs 1) vs SQLite (--jobs 2 above; rerun at --jobs 1)"
t0=$(now); "$BIN" ingest -q --offline --jobs 1 --db "$WORK/one1.db" "${SHARD_FILES[@]}" 2>/dev/null; t1=$(now)
s1=$(echo "$A / ($t1 - $t0)" | bc -l)
printf "sqlite --jobs 1: %.1f articles/s; postgres 1 worker: %.1f articles/s = %.0f %%\n" "$s1" "${RATE[1]}" "$(echo "100 * ${RATE[1]} / $s1" | bc -l)"

echo "== 4. kill -9 a worker at $KILLS random moments while others run"
db=$(schema_url kill)
"$BIN" ingest -q --offline --jobs 1 --lease 3 --db "$db" "${SHARD_FILES[@]}" >/dev/null 2>&1 &
pids=($!)
queued "$db"
"$BIN" ingest -q --offline --jobs 1 --lease 3 --join --db "$db" >/dev/null 2>&1 & pids+=($!)
for k in $(seq 1 "$KILLS"); do
  sleep "$(python3 -c 'import random; print(round(random.uniform(0.5, 4), 2))')"
  alive=(); for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive+=("$p"); done
  [ "${#alive[@]}" -gt 0 ] || break
  victim=${alive[$((RANDOM % ${#alive[@]}))]}
  kill -9 "$victim" 2>/dev/null || true
  echo "kill $k: worker $victim"
  "$BIN" ingest -q --offline --jobs 1 --lease 3 --join --db "$db" >/dev/null 2>&1 & pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
# A last joiner takes over whatever the killed workers held when their leases run out.
"$BIN" ingest -q --offline --jobs 1 --lease 3 --join --db "$db" >/dev/null 2>&1
read -r a e s <<<"$(counts "$db")"
done_line=$("$BIN" status --db "$db" 2>&1 >/dev/null | grep '^sources:')
printf "after the kills: %d articles, %d events (sqlite %d, %d): lost %d, doubled %d; %s\n" \
  "$a" "$e" "$A" "$E" "$(( A > a ? A - a : 0 ))" "$(( a > A ? a - A : 0 ))" "$done_line"
