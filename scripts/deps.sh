#!/usr/bin/env bash
# deps.sh - installs what building and testing mailwire needs, from
# Debian's packages, when something is missing. Safe to run repeatedly.
set -euo pipefail

packages=(build-essential g++ cmake pkg-config libmbedtls-dev zlib1g-dev check libsubunit-dev
          dovecot-imapd dovecot-pop3d openssl util-linux valgrind clang libclang-rt-dev
          python3 bc time curl dpkg-dev patch bzip2 xz-utils debian-archive-keyring
          # what GNU Mailutils' imap4d and pop3d need beside their own packages,
          # which tests/server/mailutils.sh unpacks (they conflict with Dovecot's),
          libgsasl18 libmariadb3 libkyotocabinet16v5 libpq5 libgdbm6 libltdl7 libwrap0
          libnsl2 libgnutls30 libldap-2.5-0 libunistring2 libpam0g netbase
          # and what Cyrus IMAP needs beside its own (tests/server/cyrus.sh)
          sasl2-bin libsasl2-modules libsasl2-modules-db libclamav12 libical3 libicu72
          libjansson4 libpcre3 libsqlite3-0 libxapian30 libxml2 libzephyr4)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "deps: missing packages: ${missing[*]}" >&2
  echo "deps: install them as root: apt-get install ${missing[*]}" >&2
  exit 1
fi

echo "deps: installing ${missing[*]}"
# Keep the system Dovecot from starting: the tests run their own, on
# loopback, with their own configuration.
policy=/usr/sbin/policy-rc.d
made_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" > /dev/null
  "${sudo[@]}" chmod 755 "$policy"
  made_policy=1
fi
cleanup() { [ $made_policy -eq 1 ] && "${sudo[@]}" rm -f "$policy"; return 0; }
trap cleanup EXIT
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
