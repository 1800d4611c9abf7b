#!/usr/bin/env bash
# Run: attache's main job on the examples the project ships, with nothing to configure.
#   1. extract an article from a news page,
#   2. code its events (who did what to whom, with evidence),
#   3. ingest every example into a fresh store (target/demo.db),
#   4. serve the dashboard on http://127.0.0.1:8080 until Ctrl-C.
# Set DEMO_NO_SERVE=1 to stop after step 3.
set -euo pipefail
cd "$(dirname "$0")/.."
attache=target/release/attache
[ -x "$attache" ] || scripts/setup.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "1. attache extract examples/cairo-ceasefire-talks.html --format text"
"$attache" extract examples/cairo-ceasefire-talks.html --format text

step "2. attache code examples/cairo-ceasefire-talks.html --format text"
"$attache" code examples/cairo-ceasefire-talks.html --format text

step "3. attache ingest examples/ --db target/demo.db"
rm -f target/demo.db target/demo.db-wal target/demo.db-shm
"$attache" ingest examples/ --db target/demo.db --offline

step "   attache query dyad PAK AFG --by week --db target/demo.db"
"$attache" query --db target/demo.db dyad PAK AFG --by week || true

if [ "${DEMO_NO_SERVE:-}" = "1" ]; then exit 0; fi
step "4. attache serve --db target/demo.db   (open http://127.0.0.1:8080, Ctrl-C to stop)"
exec "$attache" serve --db target/demo.db
