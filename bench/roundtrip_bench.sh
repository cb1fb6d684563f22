#!/usr/bin/env bash
# roundtrip_bench.sh [RTT_MS] - round trips per step, through a loopback
# proxy (bench/delay_proxy.py) that adds RTT_MS/2 (default 50/2 = 25 ms) in
# each direction (and holds the first bytes as a TCP handshake would),
# against a private Dovecot over implicit TLS; then Python's imaplib and
# poplib and curl fetch the same first message through the same proxy.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rtt=${1:-50}
bin=${MAILWIRE_BENCH_BIN:-$root/build/bench}/roundtrip_bench
[ -x "$bin" ] || { echo "build first: cmake -S . -B build && cmake --build build"; exit 2; }
server=/tmp/mailwire-roundtrip-$(id -u)
MAILWIRE_BENCH_MESSAGES=500 "$root/tests/server/mailserver.sh" start "$server" > /dev/null
work=$(mktemp -d)
proxy=
cleanup() {
  [ -n "$proxy" ] && kill "$proxy" 2> /dev/null
  "$root/tests/server/mailserver.sh" stop "$server" > /dev/null
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck disable=SC1091
. "$server/server.env"
: > "$work/ports"
python3 "$root/bench/delay_proxy.py" "$(echo "$rtt / 2" | bc -l)" "$MW_IMAPS_PORT" "$MW_POP3S_PORT" > "$work/ports" &
proxy=$!
# the proxy says its ports once it listens: seconds on a busy machine
for _ in $(seq 300); do [ "$(wc -l < "$work/ports")" -eq 2 ] && break; sleep 0.1; done
imaps=$(awk -v p="$MW_IMAPS_PORT" '$1 == p { print $2 }' "$work/ports")
pop3s=$(awk -v p="$MW_POP3S_PORT" '$1 == p { print $2 }' "$work/ports")
[ -n "$imaps" ] && [ -n "$pop3s" ] || { echo "roundtrip_bench: the delay proxy did not start in 30 s" >&2; exit 1; }
echo "round trip: $rtt ms (a proxy on loopback adds half of it each way); implicit TLS"
"$bin" "$MW_CA_FILE" "$imaps" "$pop3s" bench bench "$rtt"
echo "== the same first message by other clients, through the same proxy"
python3 "$root/bench/roundtrip_peers.py" "$MW_CA_FILE" "$imaps" "$pop3s" bench bench "$rtt"
