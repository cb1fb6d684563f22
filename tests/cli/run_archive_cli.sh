#!/usr/bin/env bash
# run_archive_cli.sh SERVER_ENV MAILWIRE [--no-rss] - the mailwire tool on
# the harness's 100,000-message archive: pull (whole, then incremental),
# list, search and ls over IMAP, list over POP3. Each must work and print
# what the archive holds; over IMAP each must peak at no more than twice
# the memory of the same command on alice's three-message INBOX. With
# --no-rss (sanitizer builds, whose allocators keep freed memory) the
# memory is not compared.
set -uo pipefail
# shellcheck disable=SC1090
. "$1"
mw_bin=$2
check_rss=1
[ "${3:-}" = --no-rss ] && check_rss=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
messages=100000
archive="archive@127.0.0.1"
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAILED: $*"; sed 's/^/  /' "$work/err" | head -5; }

# run NAME PASSWORD args...: the tool's exit code in $rc, its output in
# $work/out, its peak memory (KiB) in $work/NAME.rss
run() {
  local name=$1 password=$2; shift 2
  MAILWIRE_PASSWORD=$password /usr/bin/time -f %M -o "$work/$name.rss" \
    "$mw_bin" --cacert "$MW_CA_FILE" -q "$@" > "$work/out" 2> "$work/err"
  rc=$?
}
rss() { tail -n 1 "$work/$1.rss"; }
# within NAME SMALL: NAME peaked at no more than twice SMALL
within() {
  [ "$check_rss" = 1 ] || return 0
  local big small; big=$(rss "$1"); small=$(rss "$2")
  [ "$big" -le $((2 * small)) ] || { echo "  $1: $big KiB, $2: $small KiB" > "$work/err"; return 1; }
}
lines() { wc -l < "$work/out"; }

# the small runs, for their memory
run small_pull wonderland pull "imap://alice@127.0.0.1:$MW_IMAP_PORT/INBOX" "$work/small"
run small_list wonderland list "imap://alice@127.0.0.1:$MW_IMAP_PORT/INBOX"
run small_search wonderland search "imap://alice@127.0.0.1:$MW_IMAP_PORT/INBOX" ALL
run small_ls wonderland ls "imap://alice@127.0.0.1:$MW_IMAP_PORT/"
run small_pop wonderland list "pop3://alice@127.0.0.1:$MW_POP3_PORT"

run pull archive pull "imap://$archive:$MW_IMAP_PORT/INBOX" "$work/big"
held=$(find "$work/big/new" "$work/big/cur" -type f | wc -l) # cur/: messages with flags
left=$(find "$work/big/tmp" -type f | wc -l)
if [ $rc -eq 0 ] && [ "$held" -eq $messages ] && [ "$left" -eq 0 ]; then pass
else fail "pull takes all $messages messages (exit $rc, $held in new/ and cur/, $left left in tmp/)"; fi
# every message whole: the last one, byte for byte, and the total size
last=$(find "$work/big/new" "$work/big/cur" -name "mw-[0-9]*-$messages.*" | head -n 1)
if [ -n "$last" ] && grep -q "^Subject: Archive message $messages" "$last" &&
   [ "$(find "$work/big/new" "$work/big/cur" -type f -exec cat {} + | grep -c '^Message-ID: <archive')" -eq $messages ]; then pass
else fail "pull stores every message whole"; fi
within pull small_pull && pass || fail "pull of $messages messages in the memory of a small one"

run pull_again archive pull "imap://$archive:$MW_IMAP_PORT/INBOX" "$work/big"
[ $rc -eq 0 ] && [ "$(find "$work/big/new" "$work/big/cur" -type f | wc -l)" -eq $messages ] && pass ||
  fail "a second pull takes nothing (exit $rc)"

run list archive list "imap://$archive:$MW_IMAP_PORT/INBOX"
if [ $rc -eq 0 ] && [ "$(lines)" -eq $messages ] && grep -q "Archive message $messages " "$work/out"; then pass
else fail "list shows all $messages messages (exit $rc, $(lines) lines)"; fi
within list small_list && pass || fail "list of $messages messages in the memory of a small one"

run search archive search "imap://$archive:$MW_IMAP_PORT/INBOX" FLAGGED
flagged=$((messages / 7))
if [ $rc -eq 0 ] && [ "$(lines)" -eq $flagged ] && [ "$(grep -c ' S-F--$\| --F--$' "$work/out")" -eq $flagged ]; then pass
else fail "search FLAGGED shows the $flagged flagged messages (exit $rc, $(lines) lines)"; fi
run search_all archive search "imap://$archive:$MW_IMAP_PORT/INBOX" ALL
[ $rc -eq 0 ] && [ "$(lines)" -eq $messages ] && pass || fail "search ALL shows all $messages (exit $rc)"
within search_all small_search && pass || fail "search of $messages matches in the memory of a small one"

run ls archive ls "imap://$archive:$MW_IMAP_PORT/"
if [ $rc -eq 0 ] && grep -Eq "^INBOX +$messages messages +$((messages - messages / 3)) unseen" "$work/out"; then pass
else fail "ls counts the archive (exit $rc)"; cat "$work/out"; fi
within ls small_ls && pass || fail "ls in the memory of a small one"

# POP3: the library keeps the UIDL and LIST of the maildrop (random access
# by message number), some 60 bytes a message; the tool itself holds 500.
run pop archive list "pop3://$archive:$MW_POP3_PORT"
if [ $rc -eq 0 ] && [ "$(lines)" -eq $messages ] && grep -q "Archive message $messages " "$work/out"; then pass
else fail "list over POP3 shows all $messages messages (exit $rc, $(lines) lines)"; fi
if [ "$check_rss" = 0 ] || [ "$(rss pop)" -le $(($(rss small_pop) + messages * 64 / 1024)) ]; then pass
else echo "  pop: $(rss pop) KiB, small: $(rss small_pop) KiB" > "$work/err"; fail "list over POP3 within 64 bytes a message"; fi

echo "peak memory, KiB (archive / alice): pull $(rss pull) / $(rss small_pull)," \
  "list $(rss list) / $(rss small_list), search $(rss search_all) / $(rss small_search)," \
  "ls $(rss ls) / $(rss small_ls), POP3 list $(rss pop) / $(rss small_pop)"
echo "archive: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
