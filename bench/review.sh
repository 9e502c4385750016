#!/usr/bin/env bash
# Review at scale: ownup with 10,000 sessions.
#
#   bench/review.sh [COUNT]      (default 10000; takes a minute or two on 2 cores)
#
# Measures, on a directory of synthetic sessions made by the seed example:
#   - `ownup list` against the floor of just reading the same files (cat), with the index built
#     from nothing and up to date, and on a cold page cache when this runs as root (drop_caches);
#   - the first frame of the home screen in a real pseudo-terminal (bench/first_frame.py);
#   - every search keystroke over all sessions (cargo bench --bench search);
#   - max RSS of `ownup list`, and RSS on the home screen and after a search (first_frame.py).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
dir=$(mktemp -d /tmp/ownup-bench.XXXXXX)
trap 'rm -rf "$dir"' EXIT

cargo build --release --quiet --bin ownup --example seed
bin=target/release/ownup
echo "== seeding $count sessions into $dir"
target/release/examples/seed --count "$count" --home "$dir"
du -sh "$dir/sessions"

export OWNUP_HOME=$dir OWNUP_NOW=2026-11-22T23:45:01+01:00
TIMEFORMAT='%3R'
secs() { { time "$@" > /dev/null 2>&1; } 2>&1; }
rss() { /usr/bin/time -f '%M' "$@" 2>&1 > /dev/null | tail -n 1; }
floor() { cat "$dir"/sessions/*.ron > /dev/null; }
drop() { sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null; }

if [ "$(id -u)" = 0 ] && drop; then
  echo "== cold page cache (drop_caches before each)"
  drop; echo "floor (cat every file):        $(secs floor) s"
  rm -rf "$dir/cache"
  drop; echo "ownup list, index built anew:  $(secs "$bin" list) s"
  drop; echo "ownup list, index up to date:  $(secs "$bin" list) s"
else
  echo "== (not root: cold page cache skipped)"
fi

echo "== warm page cache (best of 5)"
best() { local b=999; for _ in 1 2 3 4 5; do t=$(secs "$@"); b=$(echo "$t $b" | awk '{print ($1<$2)?$1:$2}'); done; echo "$b"; }
echo "floor (cat every file):        $(best floor) s"
rm -rf "$dir/cache"
echo "ownup list, index built anew:  $(secs "$bin" list) s"
echo "ownup list, index up to date:  $(best "$bin" list) s"
[ -x /usr/bin/time ] && echo "ownup list max RSS:            $(rss "$bin" list) KB"

echo "== first frame of the home screen (real pty, warm)"
python3 bench/first_frame.py "$bin" "$dir" 5

echo "== search keystrokes"
cargo bench --quiet --bench search -- "$dir" 2>/dev/null | tail -n 14
