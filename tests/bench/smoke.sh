#!/usr/bin/env bash
# smoke.sh BENCH_BIN_DIR - runs every benchmark at a tiny scale so that the
# scripts and their clients cannot rot. It checks that they work and print
# their tables; it measures nothing.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export MAILWIRE_BENCH_BIN=$1
out=$(mktemp)
trap 'rm -f "$out"' EXIT
failed=0
check() { # what pattern command...
  local what=$1 pattern=$2; shift 2
  if "$@" > "$out" 2>&1 && grep -q -- "$pattern" "$out"; then echo "ok: $what"; else
    echo "FAILED: $what"; cat "$out"; failed=1; fi
}
MAILWIRE_BIG_MAIL_BYTES=1000000 check "fetch_bench" "^mailwire " "$root/bench/fetch_bench.sh" 200 1
check "sessions_bench" "20 (0 failed)" "$root/bench/sessions_bench.sh" 20
check "roundtrip_bench" "RETR 1..10 (PIPELINING)" "$root/bench/roundtrip_bench.sh" 20
check "sets_bench" "^one set (STORE + UID EXPUNGE) *2 " "$root/bench/sets_bench.sh" 50
check "compress_bench" "^COMPRESS=DEFLATE *50 " "$root/bench/compress_bench.sh" 50 1
check "resync_bench" "^SELECT with QRESYNC (ImapSelectResync) *[0-9]* *1 *15 " "$root/bench/resync_bench.sh" 300
exit $failed
