#!/usr/bin/env bash
# sets_bench.sh [MESSAGES] - deleting MESSAGES messages (default 10,000) one
# call at a time and as one set, against a private Dovecot on loopback
# (bench/sets_bench.c): commands sent (one round trip each) and wall time.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
messages=${1:-10000}
bin=${MAILWIRE_BENCH_BIN:-$root/build/bench}/sets_bench
[ -x "$bin" ] || { echo "build first: cmake -S . -B build && cmake --build build"; exit 2; }
server=/tmp/mailwire-sets-$(id -u)
MAILWIRE_BENCH_MESSAGES=20 "$root/tests/server/mailserver.sh" start "$server" > /dev/null
trap '"$root/tests/server/mailserver.sh" stop "$server" > /dev/null' EXIT
# shellcheck disable=SC1091
. "$server/server.env"
"$bin" 127.0.0.1 "$MW_IMAP_PORT" bench bench "$messages"
