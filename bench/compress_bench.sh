#!/usr/bin/env bash
# compress_bench.sh [MESSAGES] [RUNS] - fetching MESSAGES messages (default
# 10,000 of 0.5-8 KB) from a private Dovecot on loopback, without and with
# COMPRESS=DEFLATE (bench/compress_bench.c): bytes on the wire and of
# protocol, client CPU and wall time, medians of RUNS runs (default 3).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
messages=${1:-10000}
runs=${2:-3}
bin=${MAILWIRE_BENCH_BIN:-$root/build/bench}/compress_bench
[ -x "$bin" ] || { echo "build first: cmake -S . -B build && cmake --build build"; exit 2; }
server=/tmp/mailwire-compress-$(id -u)
MAILWIRE_BENCH_MESSAGES=$messages MAILWIRE_BIG_MAIL_BYTES=1000 \
  "$root/tests/server/mailserver.sh" start "$server" > /dev/null
trap '"$root/tests/server/mailserver.sh" stop "$server" > /dev/null' EXIT
# shellcheck disable=SC1091
. "$server/server.env"
"$bin" 127.0.0.1 "$MW_IMAP_PORT" bench bench "$runs"
