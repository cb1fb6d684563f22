#!/usr/bin/env bash
# run_samples.sh SERVER_ENV CONNECT_LOGIN - runs the sample in every mode
# against the harness's Dovecot and checks what it reports.
set -euo pipefail
# shellcheck disable=SC1090
. "$1"
sample=$2
export MAILWIRE_PASSWORD=$MW_PASSWORD
passed=0 failed=0
run() { # expected-text args...  (the sample must succeed)
  local want=$1; shift
  local out
  if out=$("$sample" "$@" 2>&1) && grep -q "$want" <<<"$out"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "FAILED: $* -> $out"
  fi
}
run_failing() { # expected-text args...  (the sample must fail, saying why)
  local want=$1; shift
  local out
  if ! out=$("$sample" "$@" 2>&1) && grep -q "$want" <<<"$out"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "FAILED: $* -> $out"
  fi
}
run "logged in as alice" "127.0.0.1:$MW_IMAP_PORT" alice
run "server:       Dovecot" --starttls --cacert "$MW_CA_FILE" "localhost:$MW_IMAP_PORT" alice
run "certificate CN=server" --tls --cacert "$MW_CA_FILE" "[::1]:$MW_IMAPS_PORT" alice
run "logged in as alice" --pop --starttls --cacert "$MW_CA_FILE" "127.0.0.1:$MW_POP3_PORT" alice
run "logged in as alice" --pop --tls --cacert "$MW_CA_FILE" "127.0.0.1:$MW_POP3S_PORT" alice
run "C: A0002 AUTHENTICATE SCRAM-SHA-256 \*\*\*" --trace "127.0.0.1:$MW_IMAP_PORT" alice
MAILWIRE_PASSWORD=wrong run_failing "ImapLogin failed: Authentication failed" "127.0.0.1:$MW_IMAP_PORT" alice
run_failing "certificate is not trusted" --tls "127.0.0.1:$MW_IMAPS_PORT" alice
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
