#!/usr/bin/env bash
# Encrypted against plain, side by side: ownup with COUNT sessions (default 10,000).
#
#   bench/encrypted.sh [COUNT]
#
# Seeds the same synthetic sessions (the seed example) into two folders, encrypts one of them
# with an age identity file (`ownup encrypt --identity`, timed), then measures on both:
#   - `ownup list` with the index built anew and up to date (best of 5, warm page cache);
#   - the first frame of the home screen in a real pseudo-terminal (bench/first_frame.py).
# Then the same store sealed with a passphrase instead (age's scrypt, at its own work
# factor: about a second, once a run), read from OWNUP_PASSPHRASE_FILE.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
work=$(mktemp -d /tmp/ownup-enc-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
plain=$work/plain
sealed=$work/sealed

cargo build --release --quiet --bin ownup --example seed
bin=$PWD/target/release/ownup
echo "== seeding $count sessions twice"
target/release/examples/seed --count "$count" --home "$plain"
target/release/examples/seed --count "$count" --home "$sealed"
age-keygen -o "$work/identity.txt" 2> /dev/null

export OWNUP_NOW=2026-11-22T23:45:01+01:00
TIMEFORMAT='%3R'
secs() { { time "$@" > /dev/null 2>&1; } 2>&1; }
best() { local b=999; for _ in 1 2 3 4 5; do t=$(secs "$@"); b=$(echo "$t $b" | awk '{print ($1<$2)?$1:$2}'); done; echo "$b"; }

echo "== ownup encrypt --identity ($count sessions)"
OWNUP_HOME=$sealed secs "$bin" encrypt --identity "$work/identity.txt"
du -sh "$plain/sessions" "$sealed/sessions"

for store in plain sealed; do
  export OWNUP_HOME=$work/$store
  echo "== $store"
  rm -rf "$OWNUP_HOME/cache"
  echo "ownup list, index built anew:  $(secs "$bin" list) s"
  echo "ownup list, index up to date:  $(best "$bin" list) s"
  python3 bench/first_frame.py "$bin" "$OWNUP_HOME" 5
done

echo "== search keystrokes, encrypted (plain: bench/review.sh)"
cargo bench --quiet --bench search -- "$sealed" --identity "$work/identity.txt" 2>/dev/null | tail -n 14

echo "== sealed with a passphrase instead (age's own scrypt work factor)"
export OWNUP_HOME=$sealed
printf 'a passphrase for the bench\n' > "$work/passphrase.txt"
export OWNUP_PASSPHRASE_FILE=$work/passphrase.txt
echo "ownup encrypt --passphrase (reseal only): $(secs "$bin" encrypt --passphrase) s"
echo "ownup list, index up to date:  $(best "$bin" list) s"
python3 bench/first_frame.py "$bin" "$OWNUP_HOME" 3
