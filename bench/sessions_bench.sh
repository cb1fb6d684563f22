#!/usr/bin/env bash
# sessions_bench.sh [SESSIONS] - SESSIONS (default 500) concurrent sessions in
# one process, plain and over implicit TLS, against a private Dovecot on
# loopback: the time to open them all, the memory of one idle session, and
# NOOPs on every session while one sits in IDLE (no serialization). The TLS
# run is repeated with a store as large as the system's (its bundle plus the
# test CA), as an application that trusts the system store would have.
# Then SESSIONS sessions one after another with and without TLS session
# resumption (bench/resume_bench.c), with MAILWIRE_BENCH_ALT_BIN's build
# too when it is set (the other mbedTLS).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sessions=${1:-500}
bin=${MAILWIRE_BENCH_BIN:-$root/build/bench}/sessions_bench
[ -x "$bin" ] || { echo "build first: cmake -S . -B build && cmake --build build"; exit 2; }
server=/tmp/mailwire-sessions-$(id -u)
MAILWIRE_BENCH_MESSAGES=20 "$root/tests/server/mailserver.sh" start "$server" > /dev/null
trap '"$root/tests/server/mailserver.sh" stop "$server" > /dev/null' EXIT
# shellcheck disable=SC1091
. "$server/server.env"
ulimit -n 4096 2> /dev/null || true
echo "== plain TCP"
/usr/bin/time -f "client: %U s user, %S s system, peak RSS %M KiB" "$bin" "127.0.0.1:$MW_IMAP_PORT" bench bench "$sessions"
echo "== implicit TLS"
/usr/bin/time -f "client: %U s user, %S s system, peak RSS %M KiB" "$bin" --cacert "$MW_CA_FILE" "localhost:$MW_IMAPS_PORT" bench bench "$sessions"
echo "== TLS handshakes: $sessions sessions opened one after another, with and without resumption"
"$(dirname "$bin")/resume_bench" "$MW_CA_FILE" localhost "$MW_IMAPS_PORT" bench bench "$sessions"
alt=${MAILWIRE_BENCH_ALT_BIN:-}
if [ -n "$alt" ] && [ -x "$alt/resume_bench" ]; then
  echo "== the same with the other mbedTLS build ($alt)"
  "$alt/resume_bench" "$MW_CA_FILE" localhost "$MW_IMAPS_PORT" bench bench "$sessions"
fi
system_bundle=/etc/ssl/certs/ca-certificates.crt
if [ -f "$system_bundle" ]; then
  cat "$system_bundle" "$MW_CA_FILE" > "$server/large-store.pem"
  echo "== implicit TLS, trusting $(grep -c 'BEGIN CERTIFICATE' "$server/large-store.pem") certificates (the system store and the test CA)"
  /usr/bin/time -f "client: %U s user, %S s system, peak RSS %M KiB" "$bin" --cacert "$server/large-store.pem" "localhost:$MW_IMAPS_PORT" bench bench "$sessions"
else
  echo "== (no $system_bundle: the run with a system-sized store is skipped)"
fi
