#!/usr/bin/env bash
# with_test_ca.sh SERVER_ENV COMMAND... - runs COMMAND (a Windows test
# under Wine) with the harness's CA among the system's trusted roots, and
# MAILWIRE_TEST_CA_IN_ROOTS=1 to say so.
#
# Wine builds the Windows root store from the host's CA bundle, and keeps no
# root added through CryptoAPI. So the bundle is replaced by a copy that also
# holds the test CA, in a mount namespace of this command's own: the
# machine's trust is never changed. Needs root (CI and the test command run
# as root); elsewhere it says why and skips (77).
set -euo pipefail
# shellcheck disable=SC1090
. "$1"
shift
bundle=/etc/ssl/certs/ca-certificates.crt
if [ "$(id -u)" -ne 0 ] || ! command -v unshare > /dev/null || [ ! -f "$bundle" ]; then
  echo "SKIP: a private mount namespace (root, unshare, $bundle) is needed to trust the test CA"
  exit 77
fi
# Wine imports that bundle once per wineserver, into its registry, which
# every program of the prefix then sees: a prefix of its own keeps the
# harness's CA away from the other tests.
base=${WINEPREFIX:-$HOME/.wine}
export WINEPREFIX=$base-test-ca-roots
roots=$(mktemp)
trap 'rm -f "$roots"; wineserver -k 2> /dev/null || true' EXIT
cat "$bundle" "$MW_CA_FILE" > "$roots"
MAILWIRE_TEST_CA_IN_ROOTS=1 unshare --mount sh -c 'mount --bind "$1" "$2" && shift 2 && exec "$@"' \
  sh "$roots" "$bundle" "$@"
