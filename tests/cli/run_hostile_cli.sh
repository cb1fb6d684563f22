#!/usr/bin/env bash
# run_hostile_cli.sh MAILWIRE FAKE_SCRIPT - the mailwire tool against
# scripted servers, for what a real server never does: FETCH items out of
# order, UIDs out of range, mailboxes that share a UIDVALIDITY, a bad UIDL,
# escape sequences in names, subjects and alerts, a SEARCH that grows, an
# APPEND "accepted" before its literal, trickled bytes, and a server that
# never offers TLS. Each case checks the exit code and the output apart.
set -uo pipefail
mw=$1
fake=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MAILWIRE_PASSWORD=secret
passed=0 failed=0
ESC=$'\e'
CONTROLS=$'\e\r\a'

# serve SCRIPT [PORT]: starts the scripted server; sets $port and $fake_pid
serve() {
  rm -f "$work/port"
  "$fake" "$1" "$work/port" ${2:-} 2> "$work/fake.err" &
  fake_pid=$!
  for _ in $(seq 200); do [ -s "$work/port" ] && break; sleep 0.02; done
  port=$(cat "$work/port" 2> /dev/null)
}
# the script ran to its end, every line the client sent as expected
served_ok() { wait "$fake_pid"; }
# run CMD...: runs the tool; sets $rc, output in $work/out and $work/err
run() { "$@" > "$work/out" 2> "$work/err"; rc=$?; }
verdict() { # description condition...
  local what=$1; shift
  if "$@"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAILED: $what (exit $rc)"
    sed 's/^/  out: /' "$work/out" | head -10; sed 's/^/  err: /' "$work/err" "$work/fake.err" | head -10
  fi
}
no_raw_controls() { ! grep -q "[$CONTROLS]" "$work/out" "$work/err"; }
files_in() { find "$1" -type f 2> /dev/null | wc -l; }

# a literal in script form, its length announced: literal 'From: x\e...'
literal() { printf '{%d}\\r\\n%s' "$(printf '%b' "$1" | wc -c)" "$1"; }
login_lines() { # the greeting and a LOGIN, as every IMAP script starts
  printf '%s\n' 'S * OK [CAPABILITY IMAP4rev1] fake ready' 'C A0001 LOGIN alice secret' \
    'S A0001 OK [CAPABILITY IMAP4rev1] in'
}
logout_lines() { printf '%s\n' "C $1 LOGOUT" 'S * BYE' "S $1 OK"; }
examine_lines() { # tag exists uidvalidity
  printf '%s\n' "P $1 EXAMINE" "S * $2 EXISTS" "S * OK [UIDVALIDITY $3] v" "S $1 OK [READ-ONLY] done"
}

# ---- pull: nothing lost, nothing overwritten -------------------------------

# UID after the body (legal): each message under its own UID
{ login_lines; examine_lines A0002 3 1
  printf '%s\n' 'P A0003 UID SEARCH' 'S * SEARCH 7 8 9' 'S A0003 OK' \
    'C A0004 UID FETCH 1:* (UID FLAGS BODY.PEEK[])' \
    'S * 1 FETCH (FLAGS (\\Seen) BODY[] {7}\r\nfirst\r\n UID 7)' \
    'S * 2 FETCH (FLAGS () BODY[] {8}\r\nsecond\r\n UID 8)' \
    'S * 3 FETCH (BODY[] {7}\r\nthird\r\n FLAGS () UID 9)' 'S A0004 OK done' \
    'P A0005 UID FETCH 1:* (UID FLAGS RFC822.SIZE INTERNALDATE)' \
    'S * 1 FETCH (UID 7 FLAGS (\\Seen) RFC822.SIZE 7 INTERNALDATE "02-Jan-2024 10:00:00 +0000")' \
    'S * 2 FETCH (UID 8 FLAGS () RFC822.SIZE 8 INTERNALDATE "3-Feb-2024 11:30:00 -0130")' \
    'S * 3 FETCH (UID 9 FLAGS () RFC822.SIZE 7 INTERNALDATE "bogus")' 'S A0005 OK'
  logout_lines A0006; } > "$work/s"
serve "$work/s"
md=$work/md1
run "$mw" pull "imap://alice@127.0.0.1:$port/INBOX" "$md"
served_ok; fake_rc=$?
verdict "pull with the UID after the body exits 0" [ $rc -eq 0 ] && [ $fake_rc -eq 0 ]
# (in new/, or cur/ for the ones the server says are \Seen)
verdict "pull with the UID after the body keeps all three" [ "$(( $(files_in "$md/new") + $(files_in "$md/cur") ))" -eq 3 ]
verdict "each message under its own UID" bash -c "grep -q second '$md'/*/mw-1-8.* && grep -q third '$md'/*/mw-1-9.* && grep -q first '$md'/*/mw-1-7.*"
# INTERNALDATE becomes the file's time (what a later push sends as the date); an
# unreadable one leaves the time of the pull
verdict "each message has its INTERNALDATE as its file's time" bash -c "[ \$(date -u -r \$(ls '$md'/*/mw-1-7.*) +%FT%T) = 2024-01-02T10:00:00 ] && [ \$(date -u -r \$(ls '$md'/*/mw-1-8.*) +%FT%T) = 2024-02-03T13:00:00 ] && [ \$(date -u -r \$(ls '$md'/*/mw-1-9.*) +%Y) -ge 2026 ]"

# UIDs out of range: 4294967295 is kept; 99999999999 and 0 are skipped and said
{ login_lines; examine_lines A0002 3 1
  printf '%s\n' 'P A0003 UID SEARCH' 'S * SEARCH 5' 'S A0003 OK' \
    'C A0004 UID FETCH 1:* (UID FLAGS BODY.PEEK[])' \
    'S * 1 FETCH (UID 4294967295 BODY[] {3}\r\none)' \
    'S * 2 FETCH (BODY[] {3}\r\ntwo UID 99999999999)' \
    'S * 3 FETCH (BODY[] {5}\r\nthree UID 0)' 'S A0004 OK' \
    'P A0005 UID FETCH 1:* (UID FLAGS RFC822.SIZE INTERNALDATE)' 'S A0005 OK'
  logout_lines A0006; } > "$work/s"
serve "$work/s"
md=$work/md2
run "$mw" -q pull "imap://alice@127.0.0.1:$port/INBOX" "$md"
served_ok; fake_rc=$?
verdict "pull exits 5 when messages were skipped" [ $rc -eq 5 ] && [ $fake_rc -eq 0 ]
verdict "pull says which were skipped" bash -c "grep -q 'message 2 skipped' '$work/err' && grep -q 'message 3 skipped' '$work/err'"
verdict "only the valid UID is stored, under its own name" bash -c "test \$(find '$md/new' -type f | wc -l) -eq 1 && ls '$md/new' | grep -q '^mw-1-4294967295\\.'"
verdict "nothing is left in tmp/" [ "$(files_in "$md/tmp")" -eq 0 ]

# two mailboxes with the same UIDVALIDITY into one directory: both pulled
pull_box() { # mailbox body port
  { login_lines; printf '%s\n' "C A0002 EXAMINE $1" 'S * 2 EXISTS' 'S * OK [UIDVALIDITY 1] v' 'S A0002 OK [READ-ONLY] done' \
      'P A0003 UID SEARCH' 'S * SEARCH 1 2' 'S A0003 OK' 'C A0004 UID FETCH 1:* (UID FLAGS BODY.PEEK[])' \
      "S * 1 FETCH (UID 1 BODY[] {2}\\r\\n${2}1)" "S * 2 FETCH (UID 2 BODY[] {2}\\r\\n${2}2)" 'S A0004 OK' \
      'P A0005 UID FETCH 1:* (UID FLAGS RFC822.SIZE INTERNALDATE)' 'S A0005 OK'
    logout_lines A0006; } > "$work/s"
  serve "$work/s" "$3"
  run "$mw" -q pull "imap://alice@127.0.0.1:$port/$1" "$work/md3"
  served_ok
}
pull_box Alpha a ""; first_port=$port
pull_box Beta b "$first_port"; fake_rc=$?
verdict "pulling B after A into one directory fetches B" bash -c "[ $rc -eq 0 ] && [ $fake_rc -eq 0 ] && [ \$(find '$work/md3/new' -type f | wc -l) -eq 4 ] && cat '$work'/md3/new/* | fold -w2 | sort | tr -d '\\n' | grep -qx a1a2b1b2"

# POP3: a UIDL with a control character costs that message only
{ printf '%s\n' 'S +OK ready' 'C CAPA' 'S +OK' 'S USER' 'S .' 'C USER alice' 'S +OK' 'C PASS secret' 'S +OK in' 'C CAPA' 'S +OK' 'S USER' 'S .' \
    'C STAT' 'S +OK 3 30' 'C UIDL' 'S +OK' 'S 1 aaa' 'S 2 b\eb' 'S 3 ccc' 'S .' \
    'C RETR 1' 'S +OK' 'S one' 'S .' 'C RETR 3' 'S +OK' 'S three' 'S .' 'C QUIT' 'S +OK bye'; } > "$work/s"
serve "$work/s"
run "$mw" -q pull "pop3://alice@127.0.0.1:$port" "$work/md4"
served_ok; fake_rc=$?
verdict "POP3 pull skips the message with a bad UIDL and exits 5" [ $rc -eq 5 ] && [ $fake_rc -eq 0 ]
verdict "POP3 pull keeps the others and says why" bash -c "[ \$(find '$work/md4/new' -type f | wc -l) -eq 2 ] && grep -q 'message 2 skipped' '$work/err'"

# ---- nothing from the server reaches the terminal raw ---------------------

long=$(printf 'L%.0s' $(seq 2000))
{ printf '%s\n' 'S * OK [CAPABILITY IMAP4rev1 LIST-STATUS] fake ready' 'C A0001 LOGIN alice secret' \
    'S A0001 OK [CAPABILITY IMAP4rev1 LIST-STATUS] in' \
    'C A0002 LIST "" "*" RETURN (STATUS (MESSAGES RECENT UNSEEN UIDVALIDITY UIDNEXT))' \
    'S * LIST () "/" "evil&ABs-]0;pwned&AAc-x&IC4-txt.exe"' 'S * STATUS "evil&ABs-]0;pwned&AAc-x&IC4-txt.exe" (MESSAGES 1 UNSEEN 0)' \
    "S * LIST () \"/\" $long" "S * STATUS $long (MESSAGES 2 UNSEEN 1)" \
    'S * LIST () "/" INBOX' 'S * STATUS INBOX (MESSAGES 3 UNSEEN 2)' 'S A0002 OK'
  logout_lines A0003; } > "$work/s"
serve "$work/s"
run "$mw" ls "imap://alice@127.0.0.1:$port"
served_ok; fake_rc=$?
verdict "ls lists all three mailboxes, the 2,000-byte name too" bash -c "[ $rc -eq 0 ] && [ $fake_rc -eq 0 ] && grep -qE '^INBOX +3 messages +2 unseen' '$work/out' && grep -qE '^L{2000} +2 messages' '$work/out'"
verdict "ls shows escapes in a mailbox name escaped" bash -c "grep -qF 'evil\\x1b]0;pwned\\x07x\\u{202e}txt.exe' '$work/out'"
verdict "ls prints no raw control character" no_raw_controls

# list: subject and From with ESC, CR and U+202E; --json with a Latin-1 byte
list_script() {
  local header='From: x\e[2Jy\r\nSubject: a\rb \xe2\x80\xaegpj.exe caf\xe9\r\n\r\n'
  { login_lines; examine_lines A0002 1 1
    printf '%s\n' 'C A0003 FETCH 1 (UID FLAGS RFC822.SIZE INTERNALDATE)' \
      'S * 1 FETCH (UID 4 FLAGS () RFC822.SIZE 60 INTERNALDATE "01-Jan-2024 00:00:00 +0000")' 'S A0003 OK' \
      'C A0004 UID FETCH 4 (UID FLAGS BODY.PEEK[HEADER])' \
      "S * 1 FETCH (UID 4 FLAGS () BODY[HEADER] $(literal "$header"))" 'S A0004 OK'
    logout_lines A0005; } > "$work/s"
}
list_script; serve "$work/s"
run "$mw" list "imap://alice@127.0.0.1:$port/INBOX"
served_ok; fake_rc=$?
verdict "list exits 0" [ $rc -eq 0 ] && [ $fake_rc -eq 0 ]
verdict "list shows ESC, CR, U+202E and a stray byte escaped" bash -c "grep -qF 'x\\x1b[2Jy' '$work/out' && grep -qF 'a\\x0db \\u{202e}gpj.exe caf\\xe9' '$work/out'"
verdict "list prints no raw control character" no_raw_controls
list_script; serve "$work/s"
run "$mw" --json list "imap://alice@127.0.0.1:$port/INBOX"
served_ok
verdict "list --json is valid UTF-8 JSON with the text kept" bash -c "[ $rc -eq 0 ] && python3 -c 'import json,sys; d=json.loads(open(sys.argv[1],\"rb\").read().decode(\"utf-8\")); s=d[0][\"subject\"]; assert s==\"a\\rb \\u202egpj.exe caf\\ufffd\", repr(s); assert d[0][\"from\"]==\"x\\x1b[2Jy\"' '$work/out'"

# the server's words after a refusal, and --trace
{ login_lines; printf '%s\n' 'C A0002 EXAMINE INBOX' 'S A0002 NO [NONEXISTENT] gone\e]0;owned\x07' ; logout_lines A0003; } > "$work/s"
serve "$work/s"
run "$mw" --trace list "imap://alice@127.0.0.1:$port/INBOX"
served_ok
verdict "a refusal and the trace show the server's escapes escaped" bash -c "[ $rc -eq 4 ] && grep -qF 'gone\\x1b]0;owned\\x07' '$work/err'"
verdict "the trace prints no raw control character" no_raw_controls

# the server's own words after a refused command
{ login_lines; examine_lines A0002 1 1; printf '%s\n' 'C A0003 UID SEARCH ALL' 'S A0003 NO [CANNOT] no\e[2J\r\xe2\x80\xae'; logout_lines A0004; } > "$work/s"
serve "$work/s"
run "$mw" search "imap://alice@127.0.0.1:$port/INBOX" ALL
served_ok; fake_rc=$?
verdict "the server's words are shown escaped" bash -c "[ $rc -eq 5 ] && [ $fake_rc -eq 0 ] && grep -qF 'the server said: [CANNOT] no\x1b[2J\x0d\u{202e}' '$work/err'"
verdict "and print no raw control character" no_raw_controls

# watch: a new message's From and Subject, escaped; Ctrl-C ends it
{ printf '%s\n' 'S * OK [CAPABILITY IMAP4rev1 IDLE] fake ready' 'C A0001 LOGIN alice secret' 'S A0001 OK [CAPABILITY IMAP4rev1 IDLE] in'
  examine_lines A0002 1 1 # no UIDNEXT: the last message's UID is asked for
  printf '%s\n' 'P A0003 FETCH * (UID' 'S * 1 FETCH (UID 7 FLAGS () RFC822.SIZE 5 INTERNALDATE "01-Jan-2024 00:00:00 +0000")' 'S A0003 OK' \
    'C A0004 IDLE' 'S + idling' 'S * 2 EXISTS' 'C DONE' 'S A0004 OK done' \
    'C A0005 UID FETCH 8:* (UID FLAGS BODY.PEEK[HEADER])' "S * 2 FETCH (UID 8 FLAGS () BODY[HEADER] $(literal 'From: a\e]0;x\x07\r\nSubject: b\xe2\x80\xaec\r\n\r\n'))" \
    'S A0005 OK' 'C A0006 IDLE' 'S + idling' 'C DONE' 'S A0006 OK done'; logout_lines A0007; } > "$work/s"
serve "$work/s"
"$mw" -q --trace watch "imap://alice@127.0.0.1:$port/INBOX" > "$work/out" 2> "$work/err" &
watcher=$!
# Ctrl-C once the second IDLE waits, so the script can see its DONE
for _ in $(seq 100); do [ "$(grep -c '^S: + idling' "$work/err")" -ge 2 ] && break; sleep 0.05; done
kill -INT $watcher; wait $watcher; rc=$?
served_ok; fake_rc=$?
verdict "watch shows a new message's From and Subject escaped" bash -c "[ $rc -eq 0 ] && [ $fake_rc -eq 0 ] && grep -qF \"\$(printf '8\ta\\\\x1b]0;x\\\\x07\tb\\\\u{202e}c')\" '$work/out'"
verdict "watch prints no raw control character" no_raw_controls

# ---- search: one SEARCH, then the matches by UID, each once ----------------
# The answer names UID 2 twice and out of order; the mailbox's other
# messages are never fetched.
{ login_lines; examine_lines A0002 900 1
  printf '%s\n' 'C A0003 UID SEARCH ALL' 'S * SEARCH 2 701 1 2' 'S A0003 OK' \
    'C A0004 UID FETCH 1:2,701 (UID FLAGS RFC822.SIZE INTERNALDATE)' \
    'S * 1 FETCH (UID 1 FLAGS () RFC822.SIZE 9 INTERNALDATE "01-Jan-2024 00:00:00 +0000")' \
    'S * 2 FETCH (UID 2 FLAGS () RFC822.SIZE 9 INTERNALDATE "01-Jan-2024 00:00:00 +0000")' \
    'S * 700 FETCH (UID 701 FLAGS () RFC822.SIZE 9 INTERNALDATE "01-Jan-2024 00:00:00 +0000")' 'S A0004 OK' \
    'C A0005 UID FETCH 1:2,701 (UID FLAGS BODY.PEEK[HEADER])' \
    'S * 1 FETCH (UID 1 BODY[HEADER] {14}\r\nSubject: one\r\n)' 'S * 2 FETCH (UID 2 BODY[HEADER] {14}\r\nSubject: two\r\n)' \
    'S * 700 FETCH (UID 701 BODY[HEADER] {16}\r\nSubject: three\r\n)' 'S A0005 OK'
  logout_lines A0006; } > "$work/s"
serve "$work/s"
run "$mw" search "imap://alice@127.0.0.1:$port/INBOX" ALL
served_ok; fake_rc=$?
verdict "search lists each match once, by UID" bash -c "[ $rc -eq 0 ] && [ $fake_rc -eq 0 ] && [ \$(wc -l < '$work/out') -eq 3 ] && grep -q one '$work/out' && grep -q two '$work/out' && grep -q three '$work/out'"

# ---- APPEND "accepted" before the message was sent -----------------------
mkdir -p "$work/one/new" "$work/one/cur" "$work/one/tmp"
printf 'Subject: x\r\n\r\nbody\r\n' > "$work/one/new/m1"
{ login_lines; printf '%s\n' 'C A0002 SELECT Box' 'S A0002 OK [READ-WRITE] ok' 'C A0003 APPEND Box {18}' 'S A0003 OK appended'; } > "$work/s"
serve "$work/s"
run "$mw" -q push "$work/one" "imap://alice@127.0.0.1:$port/Box"
served_ok
verdict "push fails when the server said OK before taking the message" bash -c "[ $rc -ne 0 ] && ! grep -q 'appended to' '$work/out' && grep -q append '$work/err'"

# ---- sync uses only a whole listing: a message missing from it would look
# removed on the server (and with --expunge be removed here)
mkdir -p "$work/syncdir/new" "$work/syncdir/cur" "$work/syncdir/tmp"
printf 'Message-ID: <s@b>\r\n\r\nlocal\r\n' > "$work/syncdir/new/local1"
{ printf '%s\n' 'S * OK [CAPABILITY IMAP4rev1 UIDPLUS] fake ready' 'C A0001 LOGIN alice secret' \
    'S A0001 OK [CAPABILITY IMAP4rev1 UIDPLUS] in' 'C A0002 SELECT Box' 'S * 2 EXISTS' \
    'S * OK [UIDVALIDITY 1] v' 'S A0002 OK [READ-WRITE] ok' \
    'C A0003 UID FETCH 1:* (UID FLAGS RFC822.SIZE INTERNALDATE)' \
    'S * 1 FETCH (UID 1 FLAGS () RFC822.SIZE 5 INTERNALDATE "01-Jan-2024 00:00:00 +0000")' 'S A0003 OK'
  logout_lines A0004; } > "$work/s"
serve "$work/s"
run "$mw" sync --expunge "imap://alice@127.0.0.1:$port/Box" "$work/syncdir"
served_ok; fake_rc=$?
verdict "sync stops on a listing short of EXISTS, nothing sent or changed" bash -c "[ $rc -eq 5 ] && [ $fake_rc -eq 0 ] && grep -q 'listed 1 messages of the 2' '$work/err' && test -f '$work/syncdir/new/local1' && test \$(find '$work/syncdir' -type f | wc -l) -eq 1"

# ---- sync journals the names it appends before the first APPEND, and keeps
# the journal when the run ends early: the next run finds there what it had
# appended (the second APPEND here is refused; the first was taken)
jd="$work/journal"; mkdir -p "$jd/new" "$jd/cur" "$jd/tmp"
printf 'Subject: x\r\n\r\nbody\r\n' | tee "$jd/new/1700000001.A.host" > "$jd/new/1700000002.B.host"
{ printf '%s\n' 'S * OK [CAPABILITY IMAP4rev1 UIDPLUS] fake ready' 'C A0001 LOGIN alice secret' \
    'S A0001 OK [CAPABILITY IMAP4rev1 UIDPLUS] in' 'C A0002 SELECT Box' 'S * 0 EXISTS' \
    'S * OK [UIDVALIDITY 1] v' 'S * OK [UIDNEXT 5] n' 'S A0002 OK [READ-WRITE] ok' \
    'P A0003 APPEND Box ' 'S + go' 'C Subject: x' 'C ' 'C body' 'C ' 'S A0003 OK [APPENDUID 1 5] done' \
    'P A0004 APPEND Box ' 'S A0004 NO [OVERQUOTA] full'
  logout_lines A0005; } > "$work/s"
serve "$work/s"
run "$mw" sync "imap://alice@127.0.0.1:$port/Box" "$work/journal"
served_ok; fake_rc=$?
verdict "sync journals what it appends and keeps the journal when cut short" bash -c "[ $rc -eq 5 ] && [ $fake_rc -eq 0 ] && journal=\$(ls '$jd'/.mailwire-sync-Box.*.append) && [ \"\$(head -1 \"\$journal\")\" = 'UIDNEXT 5' ] && grep -qx 'new/1700000001.A.host' \"\$journal\" && grep -qx 'new/1700000002.B.host' \"\$journal\" && [ \$(find '$jd/cur' -name 'mw-1-5.*' | wc -l) -eq 1 ] && [ \$(find '$jd/new' -type f | wc -l) -eq 1 ]"

# ---- push selects read-write: Courier refuses APPEND to a mailbox EXAMINEd ----
mkdir -p "$work/two/new" "$work/two/cur" "$work/two/tmp"
printf 'Message-ID: <a@b>\r\n\r\nhi\r\n' > "$work/two/cur/m2:2,S"
touch -d @1700000000 "$work/two/cur/m2:2,S" # its arrival: the APPEND's date
{ login_lines; printf '%s\n' 'C A0002 SELECT Box' 'S * 0 EXISTS' 'S A0002 OK [READ-WRITE] ok' \
    'C A0003 SEARCH HEADER Message-ID <a@b>' 'S * SEARCH' 'S A0003 OK' \
    'C A0004 APPEND Box (\\Seen) "14-Nov-2023 22:13:20 +0000" {25}' 'S + go' 'C Message-ID: <a@b>' 'C ' 'C hi' 'C ' \
    'S A0004 OK [APPENDUID 1 1] appended'; logout_lines A0005; } > "$work/s"
serve "$work/s"
run "$mw" push "$work/two" "imap://alice@127.0.0.1:$port/Box"
served_ok; fake_rc=$?
verdict "push appends into a mailbox it selected read-write" bash -c "[ $rc -eq 0 ] && [ $fake_rc -eq 0 ] && grep -q '^1 message(s) appended to Box' '$work/out'"

# ---- every call ends --------------------------------------------------------
body=$(printf 'x%.0s' $(seq 300))
{ login_lines; examine_lines A0002 1 1
  printf '%s\n' 'C A0003 UID FETCH 5 (BODY.PEEK[])' 'S * 1 FETCH (UID 5 BODY[] {300}' "T 100 $body"; } > "$work/s"
serve "$work/s"
start=$SECONDS
run "$mw" --speed-limit 100 --speed-time 2 -o "$work/got.eml" get "imap://alice@127.0.0.1:$port/INBOX;UID=5"
took=$((SECONDS - start))
wait "$fake_pid"
verdict "get of a trickled body ends with a timeout (exit 2)" bash -c "[ $rc -eq 2 ] && [ $took -le 6 ] && grep -q 'timed out' '$work/err'"
verdict "and leaves nothing half-written" bash -c "! ls '$work' | grep -q '^got'"

# ---- no password in clear by accident -------------------------------------
{ printf '%s\n' 'S * OK [CAPABILITY IMAP4rev1 STARTTLS] fake ready' 'C A0001 STARTTLS' 'S A0001 NO not today'; } > "$work/s"
serve "$work/s"
run "$mw" ls "imap://alice@127.0.0.1:$port"
served_ok; fake_rc=$?
verdict "imap:// upgrades when STARTTLS is offered, never sending the password" bash -c "[ $rc -eq 2 ] && [ $fake_rc -eq 0 ]"
if unshare --mount true 2> /dev/null; then
  printf '127.0.0.1 mail.test\n::1 mail.test\n' > "$work/hosts"
  remote() { unshare --mount sh -c 'mount --bind "$0" /etc/hosts && exec "$@"' "$work/hosts" "$@"; }
  printf '%s\n' 'S * OK [CAPABILITY IMAP4rev1] no tls here' > "$work/s"
  serve "$work/s"
  run remote "$mw" ls "imap://alice@mail.test:$port"
  served_ok; fake_rc=$?
  verdict "a host not on loopback needs STARTTLS: no LOGIN, exit 2" bash -c "[ $rc -eq 2 ] && [ $fake_rc -eq 0 ] && grep -q -- --plaintext '$work/err'"
  { login_lines; printf '%s\n' 'C A0002 LIST "" "*"' 'S A0002 OK'; logout_lines A0003; } > "$work/s"
  serve "$work/s"
  run remote "$mw" --plaintext ls "imap://alice@mail.test:$port"
  served_ok; fake_rc=$?
  verdict "--plaintext lets the password go unencrypted" bash -c "[ $rc -eq 0 ] && [ $fake_rc -eq 0 ]"
else
  failed=$((failed + 1)); echo "FAILED: no private mount namespace (unshare --mount) for the non-loopback case"
fi

# ---- logins that are mail addresses, passwords in the URL --------------------
# the last '@' ends the login (user@example.com@host), and user:password@
# is taken before MAILWIRE_PASSWORD; both percent-decoded
{ printf '%s\n' 'S * OK [CAPABILITY IMAP4rev1] fake ready' 'C A0001 LOGIN me@example.com p@ss:w/rd' \
    'S A0001 OK [CAPABILITY IMAP4rev1] in' 'C A0002 LIST "" "*"' 'S A0002 OK'; logout_lines A0003; } > "$work/s"
serve "$work/s"
run "$mw" ls "imap://me@example.com:p%40ss%3Aw%2Frd@127.0.0.1:$port"
served_ok; fake_rc=$?
verdict "user@domain@host and a percent-encoded password in the URL" bash -c "[ $rc -eq 0 ] && [ $fake_rc -eq 0 ]"
{ printf '%s\n' 'S * OK [CAPABILITY IMAP4rev1] fake ready' 'C A0001 LOGIN me@example.com secret' \
    'S A0001 OK [CAPABILITY IMAP4rev1] in' 'C A0002 LIST "" "*"' 'S A0002 OK'; logout_lines A0003; } > "$work/s"
serve "$work/s"
run "$mw" ls "imap://me%40example.com@127.0.0.1:$port"
served_ok; fake_rc=$?
verdict "a percent-encoded @ in the login" bash -c "[ $rc -eq 0 ] && [ $fake_rc -eq 0 ]"
run "$mw" ls "imap://me:hunter2@127.0.0.1:1/x;UID=0"
verdict "a bad URL is echoed with its password hidden" bash -c "[ $rc -eq 1 ] && grep -q 'me:\*\*\*@127' '$work/err' && ! grep -q hunter2 '$work/err'"

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
