#!/usr/bin/env bash
# `ownup due` at scale: what a shell prompt or a login hook waits for, with 10,000 sessions.
#
#   bench/due.sh [COUNT]                 (default 10000; seeding takes a minute or two on 2 cores)
#   bench/due.sh --copy DIR              (a copy of an existing data folder instead of seeding)
#
# On synthetic sessions made by the seed example (own-it sessions over three years, their
# corrective actions kept as commitments, most older ones settled), with a warm page cache:
#   - `ownup due` with the index up to date: what every prompt pays (best and median of 21);
#   - `ownup due` after a session file changed (the index reads that one file again);
#   - `ownup due` with no index at all (the first run, or after the cache was deleted);
#   - beside them, `ownup commitments --due`, which reads every session file;
#   - `ownup commitments done ID` and `ownup commitments add` on one session.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d /tmp/ownup-due-bench.XXXXXX)
trap 'rm -rf "$dir"' EXIT

cargo build --release --quiet --bin ownup --example seed
bin=${CARGO_TARGET_DIR:-target}/release/ownup
if [ "${1:-}" = "--copy" ]; then
  echo "== copying ${2:?a data folder to copy} to $dir"
  cp -a "$2/sessions" "$dir/sessions"
else
  count=${1:-10000}
  echo "== seeding $count sessions into $dir"
  "${CARGO_TARGET_DIR:-target}"/release/examples/seed --count "$count" --home "$dir"
fi
echo "$(find "$dir/sessions" -name '*.ron' | wc -l) session files, $(du -sh "$dir/sessions" | cut -f1)"

export OWNUP_HOME=$dir OWNUP_NOW=2026-11-22T23:45:01+01:00 NO_COLOR=1
TIMEFORMAT='%3R'
secs() { { time "$@" > /dev/null 2>&1; } 2>&1; }
# Best and median of N runs, in milliseconds.
runs() {
  local n=$1; shift
  for _ in $(seq "$n"); do secs "$@"; done | sort -n |
    awk '{ t[NR] = $1 * 1000 } END { printf "best %4.0f ms, median %4.0f ms\n", t[1], t[int((NR + 1) / 2)] }'
}

echo "== index built from nothing (once)"
echo "ownup due, no index yet:           $(secs "$bin" due) s"
echo "  it says: $("$bin" due)"
echo "== warm page cache"
echo "ownup due, index up to date:       $(runs 21 "$bin" due)"
one=$(find "$dir/sessions" -name '*.ron' | sort | tail -n 1)
touch "$one"
echo "ownup due, one file changed:       $(secs "$bin" due) s"
rm -rf "$dir/cache"
echo "ownup due, index deleted:          $(secs "$bin" due) s"
echo "ownup commitments --due (reads every file): $(runs 3 "$bin" commitments --due)"

id=$("$bin" commitments --due | awk 'NR == 2 { print $1 }')
echo "ownup commitments done $id:   $(secs "$bin" commitments done "$id" --note bench) s"
echo "ownup commitments add:             $(secs "$bin" commitments add "Write the runbook — me — friday") s"
echo "  it says now: $("$bin" due)"
