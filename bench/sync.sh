#!/usr/bin/env bash
# ownup sync with COUNT encrypted sessions (default 10,000), on this machine, to a bare
# repository in a temp folder:
#   - the first sync (everything committed and sent), a second machine joining, and a sync
#     with one new session;
#   - `ownup sync --status` (no network: hashes every file that travels);
#   - `ownup passphrase` on one machine, and the other machine's sync that takes the key
#     sealed anew (it checks the key against every encrypted file there).
#
#   bench/sync.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
work=$(mktemp -d /tmp/ownup-sync-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin ownup --example seed
bin=$PWD/target/release/ownup
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 HOME=$work
export OWNUP_NOW=2026-11-22T23:45:01+01:00
TIMEFORMAT='%3R'
secs() { { time "$@" > /dev/null 2>&1; } 2>&1; }
best() { local b=999; for _ in 1 2 3; do t=$(secs "$@"); b=$(echo "$t $b" | awk '{print ($1<$2)?$1:$2}'); done; echo "$b"; }

git init --quiet --bare "$work/remote.git"
printf 'first passphrase\n' > "$work/p1"
printf 'second passphrase\n' > "$work/p2"
export OWNUP_PASSPHRASE_FILE=$work/p1

echo "== seeding $count sessions on A, encrypted with a passphrase"
target/release/examples/seed --count "$count" --home "$work/a"
OWNUP_HOME=$work/a "$bin" encrypt --passphrase > /dev/null

export OWNUP_HOME=$work/a
echo "A: first sync (all committed and sent):   $(secs "$bin" sync --remote "$work/remote.git") s"
echo "A: sync with nothing new:                 $(best "$bin" sync) s"
echo "A: sync --status:                         $(best "$bin" sync --status) s"
export OWNUP_HOME=$work/b
echo "B: joins (receives every session):        $(secs "$bin" sync --remote "$work/remote.git") s"
export OWNUP_HOME=$work/a
printf 'One more.\n\n3\nMine.\n\n2\nWhen X, I will Y.\n\n' | "$bin" new --plain --script quick > /dev/null 2>&1
echo "A: sync with one new session:             $(secs "$bin" sync) s"
echo "A: ownup passphrase (scrypt 3 times):     $(OWNUP_NEW_PASSPHRASE_FILE=$work/p2 secs "$bin" passphrase) s"
OWNUP_PASSPHRASE_FILE=$work/p2 "$bin" sync > /dev/null
export OWNUP_HOME=$work/b OWNUP_PASSPHRASE_FILE=$work/p2
echo "B: sync taking the key sealed anew:       $(secs "$bin" sync) s"
OWNUP_HOME=$work/b "$bin" list | head -n 2
