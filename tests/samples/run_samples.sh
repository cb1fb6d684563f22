#!/usr/bin/env bash
# run_samples.sh SERVER_ENV SAMPLES_DIR LIBRARY MAILWIRE - runs every sample
# against the harness's Dovecot and checks what it reports.
set -euo pipefail
# shellcheck disable=SC1090
. "$1"
samples=$2
library=$3
mailwire=$4
sample=$samples/connect_login
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
run "mailbox:      INBOX" "127.0.0.1:$MW_IMAP_PORT" alice

# the other samples
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
runs() { # expected-text program args...
  local want=$1; shift
  local out
  if out=$("$@" 2>&1) && grep -q -- "$want" <<<"$out"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAILED: $* -> $out"; fi
}
runs "saved 201 bytes" "$samples/fetch_to_file" --cacert "$MW_CA_FILE" "localhost:$MW_IMAPS_PORT" alice INBOX 3 "$work/m.eml"
cmp -s "$work/m.eml" "$(ls "$MW_MAIL_DIR"/alice/Maildir/cur/1700000003*)" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: fetched file differs"; }
mkdir -p "$work/pop"
MAILWIRE_PASSWORD=frank MAILWIRE_CAFILE="$MW_CA_FILE" runs "saved 2 of 2" "$samples/pop_download" "localhost:$MW_POP3_PORT" frank "$work/pop"
MAILWIRE_PASSWORD=frank MAILWIRE_CAFILE="$MW_CA_FILE" runs "saved 0 of 0" "$samples/pop_download" "localhost:$MW_POP3_PORT" frank "$work/pop"
runs "worker saw 3 messages; main thread before taking it back: refused" "$samples/thread_handoff" "127.0.0.1:$MW_IMAP_PORT" alice
runs "loaded at run time" "$samples/dlopen_loader" "$library" "127.0.0.1:$MW_IMAP_PORT" alice
runs "connected after" "$samples/async_connect" "127.0.0.1:$MW_IMAP_PORT"
# helen's messages (tests/server/make_mime_mail.py) unread again, then
# every attachment of them saved: 2 + 1 + 4 + 1
python3 - "$MW_IMAP_PORT" <<'PY'
import imaplib, sys
m = imaplib.IMAP4("127.0.0.1", int(sys.argv[1]))
m.login("helen", "helen")
m.select("INBOX")
m.store("1:*", "-FLAGS", "(\\Seen)")
m.logout()
PY
mkdir -p "$work/attachments"
MAILWIRE_PASSWORD=helen runs "saved 8 attachments of 4 unread messages" "$samples/save_attachments" --cacert "$MW_CA_FILE" "localhost:$MW_IMAPS_PORT" helen INBOX "$work/attachments"
[ "$(ls "$work/attachments" | wc -l)" -eq 8 ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: save_attachments left $(ls "$work/attachments" | wc -l) files"; }
MAILWIRE_PASSWORD=helen runs "saved 8 attachments of 4 unread messages" "$samples/save_attachments" --cacert "$MW_CA_FILE" "localhost:$MW_IMAPS_PORT" helen INBOX "$work/attachments"
runs_failing() { # expected-text program args... (the program must fail, saying why)
  local want=$1; shift
  local out
  if ! out=$("$@" 2>&1) && grep -q -- "$want" <<<"$out"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAILED (should fail): $* -> $out"; fi
}
runs_failing "connect failed: The connection was refused" "$samples/async_connect" 127.0.0.1:1
# the IDLE watcher sees a message arrive, in a mailbox of its own so that
# other suites appending to erin's INBOX at the same time cannot interfere
box="SampleIdle$$"
push_one() { # name subject
  mkdir -p "$work/$1/new" "$work/$1/cur" "$work/$1/tmp"
  printf 'From: x@example.test\r\nSubject: %s\r\nMessage-ID: <%s-%s@example.test>\r\n\r\nhi\r\n' "$2" "$1" "$$" > "$work/$1/new/1"
  MAILWIRE_PASSWORD=erin "$mailwire" -q --cacert "$MW_CA_FILE" push "$work/$1" "imap://erin@127.0.0.1:$MW_IMAP_PORT/$box" > /dev/null
}
push_one first "sample first $$"
MAILWIRE_PASSWORD=erin "$samples/idle_watcher" "127.0.0.1:$MW_IMAP_PORT" erin "$box" 5 > "$work/idle" 2>&1 &
watcher=$!
sleep 1
push_one second "sample idle $$"
wait $watcher
grep -q "new message .*: sample idle $$" "$work/idle" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: idle_watcher"; cat "$work/idle"; }
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
