#!/usr/bin/env bash
# resync_bench.sh [MESSAGES] - catching a copy of a mailbox of MESSAGES
# messages (default 100,000) up after 10 flag changes and 5 expunges,
# against a private Dovecot on loopback (bench/resync_bench.c): SELECT with
# QRESYNC against SELECT and a full UID FETCH 1:* (FLAGS); bytes received,
# commands (round trips) and wall time.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
messages=${1:-100000}
bin=${MAILWIRE_BENCH_BIN:-$root/build/bench}/resync_bench
[ -x "$bin" ] || { echo "build first: cmake -S . -B build && cmake --build build"; exit 2; }
server=/tmp/mailwire-resync-$(id -u)
MAILWIRE_BENCH_MESSAGES=20 "$root/tests/server/mailserver.sh" start "$server" > /dev/null
trap '"$root/tests/server/mailserver.sh" stop "$server" > /dev/null' EXIT
# shellcheck disable=SC1091
. "$server/server.env"
"$bin" 127.0.0.1 "$MW_IMAP_PORT" bench bench "$messages"
