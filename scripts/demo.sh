#!/usr/bin/env bash
# demo.sh [URL] - builds mailwire and shows the mailwire tool at work.
# With no URL, it starts a private Dovecot on loopback with sample mail and
# runs `mailwire pull`, `ls` and `list` against it. With a URL
# (imaps://user@host/INBOX), it lists that mailbox instead (password in
# MAILWIRE_PASSWORD, ~/.netrc, or asked for).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh"
build="$root/build"
# mbedTLS 3.6 LTS (TLS 1.3), built once into a cache; see the README
prefix=$("$root/scripts/mbedtls.sh" | tail -n 1)
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMAILWIRE_MBEDTLS_PREFIX="$prefix" > /dev/null
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" --target mailwire_cli > /dev/null
mw="$build/src/mailwire"

if [ $# -ge 1 ]; then
  exec "$mw" list "$1"
fi

server=/tmp/mailwire-demo-$(id -u)
"$root/tests/server/mailserver.sh" start "$server"
trap '"$root/tests/server/mailserver.sh" stop "$server"' EXIT
# shellcheck disable=SC1091
. "$server/server.env"
export MAILWIRE_PASSWORD=$MW_PASSWORD
url="imaps://$MW_USER@localhost:$MW_IMAPS_PORT"
maildir="$server/pulled"
rm -rf "$maildir" # each demo starts from an empty Maildir: the server's mail is new each time
run() { echo; echo "\$ mailwire $*"; "$mw" --cacert "$MW_CA_FILE" "$@"; }
run pull "$url/INBOX" "$maildir"
run ls "$url"
run list "$url/INBOX"
run pull "$url/INBOX" "$maildir"
echo
echo "The Maildir $maildir now holds:"
ls -1 "$maildir/new"
