#!/usr/bin/env bash
# demo.sh [HOST[:PORT] USER] - builds mailwire and shows it at work.
# With no server given, it starts a private Dovecot on loopback with sample
# mail and connects to it over IMAP (STARTTLS and implicit TLS) and POP3.
# With a server, it connects there (password in MAILWIRE_PASSWORD).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh"
build="$root/build"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" --target connect_login > /dev/null
sample="$build/samples/connect_login"

if [ $# -ge 2 ]; then
  exec "$sample" --starttls "$1" "$2"
fi

server=/tmp/mailwire-demo-$(id -u)
"$root/tests/server/mailserver.sh" start "$server"
trap '"$root/tests/server/mailserver.sh" stop "$server"' EXIT
# shellcheck disable=SC1091
. "$server/server.env"
export MAILWIRE_PASSWORD=$MW_PASSWORD
echo
echo "--- IMAP with STARTTLS required, certificate checked against the test CA"
"$sample" --starttls --cacert "$MW_CA_FILE" "localhost:$MW_IMAP_PORT" "$MW_USER"
echo
echo "--- IMAP over implicit TLS on IPv6, with the protocol trace (secrets hidden)"
"$sample" --tls --trace --cacert "$MW_CA_FILE" "[::1]:$MW_IMAPS_PORT" "$MW_USER"
echo
echo "--- POP3 with STLS"
"$sample" --pop --starttls --cacert "$MW_CA_FILE" "127.0.0.1:$MW_POP3_PORT" "$MW_USER"
echo
echo "--- a wrong password, and an untrusted certificate"
MAILWIRE_PASSWORD=wrong "$sample" "127.0.0.1:$MW_IMAP_PORT" "$MW_USER" || true
"$sample" --tls "127.0.0.1:$MW_IMAPS_PORT" "$MW_USER" || true
