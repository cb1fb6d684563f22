#!/usr/bin/env bash
# run_cli.sh SERVER_ENV MAILWIRE - the mailwire tool against the harness's
# Dovecot: every command, incremental pull that survives interruption
# without duplicates, push with dedupe, watch stopped by SIGINT, JSON,
# errors and exit codes.
set -uo pipefail
# shellcheck disable=SC1090
. "$1"
export MAILWIRE_PASSWORD=$MW_PASSWORD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
real_mw=$2
# imap:// and pop3:// upgrade with STARTTLS / STLS whenever the server
# offers it, as Dovecot does: the tool trusts the harness's CA. The wrapper
# also records every run that exits non-zero, so a check whose pipeline
# ends in grep still sees the tool fail (141: killed by SIGPIPE when the
# reader, grep -q or awk, had read enough - not the tool's failure).
mw=$work/mailwire
cat > "$mw" <<EOF
#!/bin/sh
"$real_mw" --cacert "$MW_CA_FILE" "\$@"
rc=\$?
[ \$rc -eq 0 ] || [ \$rc -eq 141 ] || echo "mailwire \$*: exit \$rc" >> "$work/nonzero"
exit \$rc
EOF
chmod +x "$mw"
imap="imap://alice@127.0.0.1:$MW_IMAP_PORT"
pop="pop3://alice@127.0.0.1:$MW_POP3_PORT"
passed=0 failed=0
check() { # description command... : passes when the command succeeds and
  # every mailwire run inside it exited 0
  local what=$1; shift
  : > "$work/nonzero"
  if "$@" > "$work/out" 2> "$work/err" && [ ! -s "$work/nonzero" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAILED: $what"
    sed 's/^/  /' "$work/nonzero" "$work/out" "$work/err" | head -20; fi
}
has() { grep -q -- "$1" "$work/out"; }
# alice's three messages as stored: copied once, for other suites running
# meanwhile change their flags, and Dovecot renames their files then
for i in 1 2 3; do
  for _ in $(seq 50); do cat "$MW_MAIL_DIR"/alice/Maildir/cur/170000000$i* > "$work/stored-$i" 2> /dev/null && break; sleep 0.1; done
done
count_files() { find "$1" -type f | wc -l; }

# Dovecot offers STARTTLS and STLS: imap:// and pop3:// take them, so its
# certificate is checked (the test CA is not trusted without --cacert)
for url in "$imap" "$pop"; do
  "$real_mw" ls "$url" > /dev/null 2> "$work/err"; s=$?
  [ $s -eq 2 ] && grep -q "certificate is not trusted" "$work/err" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: ${url%%:*}:// uses the TLS offered ($s)"; }
done
check "ls lists INBOX with counts" bash -c "'$mw' ls '$imap' | grep -E '^INBOX +3 messages'"
check "ls takes the counts with the LIST (LIST-STATUS)" bash -c "'$mw' --trace ls '$imap' 2>&1 >/dev/null | grep '^C: ' > '$work/lstrace'; grep -q 'LIST .* RETURN (STATUS' '$work/lstrace' && ! grep -q '^C: A[0-9]* STATUS' '$work/lstrace'"
check "list shows decoded subjects" bash -c "'$mw' list '$imap/INBOX' | grep -q 'Grüße aus München'"
check "list --json is JSON" bash -c "'$mw' --json list '$imap/INBOX' | python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d)==3 and d[1][\"subject\"]==\"Grüße aus München\"'"
check "list --json: ISO 8601 dates, flags as arrays" bash -c "'$mw' --json list '$imap/INBOX' | python3 -c 'import json,re,sys; d=json.load(sys.stdin); assert all(re.fullmatch(r\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\", m[\"date\"]) for m in d), d; assert all(isinstance(m[\"flags\"], list) and set(m[\"flags\"]) <= {\"\\\\Seen\", \"\\\\Answered\", \"\\\\Flagged\", \"\\\\Deleted\", \"\\\\Draft\"} for m in d), d'"
check "get prints the message as stored" bash -c "'$mw' get '$imap/INBOX;UID=3' | cmp - '$work/stored-3'"
check "get -o writes a file" bash -c "'$mw' -o '$work/m.eml' get '$imap/INBOX;UID=1' && cmp '$work/m.eml' '$work/stored-1'"
check "options after the command, as the README prints them" bash -c "'$mw' get '$imap/INBOX;UID=1' -o '$work/after.eml' && cmp '$work/after.eml' '$work/stored-1' && '$mw' list '$imap/INBOX' --json -q | python3 -c 'import json,sys; assert len(json.load(sys.stdin))==3'"
check "-- ends the options" bash -c "'$mw' search '$imap/INBOX' -q -- 'SUBJECT \"Dots\"' | grep -q Dots"
"$real_mw" --timeout 0 ls "$imap" > "$work/out" 2> "$work/err"; s=$?
[ $s -eq 1 ] && grep -q -- "--timeout wants a number from 1" "$work/err" && [ ! -s "$work/out" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: --timeout 0 is refused ($s)"; }
check "help COMMAND shows that command's usage" bash -c "'$mw' help pull | grep -q '^usage: mailwire pull URL' && '$mw' help | grep -q '^  help '"
"$real_mw" help nosuch > "$work/out" 2> "$work/err"; s=$?
[ $s -eq 1 ] && grep -q "no command 'nosuch'" "$work/err" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: help of an unknown command is refused ($s)"; }
# an option the command does not take is refused, not ignored
for bad in "pull --expunge|--expunge is not an option of pull (it is for: sync)" \
           "list --all|--all is not an option of list (it is for: pull sync)" \
           "sync --all --mailbox x|--all and --mailbox: one or the other"; do
  # shellcheck disable=SC2086
  "$real_mw" ${bad%%|*} "$imap" "$work/never" > "$work/out" 2> "$work/err"; s=$?
  [ $s -eq 1 ] && grep -qxF -- "mailwire: ${bad#*|}" "$work/err" && [ ! -e "$work/never" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: mailwire ${bad%%|*} is refused ($s)"; cat "$work/err"; }
done
"$real_mw" --cacert "$work/no-such-ca.pem" ls "$imap" > "$work/out" 2> "$work/err"; s=$?
[ $s -eq 6 ] && grep -q -- "--cacert $work/no-such-ca.pem: No such file or directory" "$work/err" && [ ! -s "$work/out" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: an unreadable --cacert is named ($s)"; cat "$work/err"; }
check "list takes every header in one FETCH" bash -c "test \$('$mw' --trace list '$imap/INBOX' 2>&1 >/dev/null | grep -c '^C: A[0-9]* .*FETCH') -eq 2"
check "search lists only what matched, by UID" bash -c "'$mw' --trace search '$imap/INBOX' 'SUBJECT \"Dots\"' 2>&1 >/dev/null | grep -q '^C: A[0-9]* UID FETCH [0-9]* (UID FLAGS BODY.PEEK\[HEADER\])'"
check "search finds by subject" bash -c "'$mw' search '$imap/INBOX' 'SUBJECT \"Dots\"' | grep -q Dots"
check "search with text that tries to inject" bash -c "'$mw' search '$imap/INBOX' 'SUBJECT \"x\\\" ALL\"' | wc -l | grep -qx 0"

# curl's URL forms (RFC 5092): ;SECTION=, ;UIDVALIDITY=, ?criteria; a URL
# refused names what is wrong in it
check "get ;SECTION=HEADER and /;SECTION=TEXT are the two halves as stored" bash -c "'$mw' get '$imap/INBOX;UID=1;SECTION=HEADER' > '$work/h' && '$mw' get '$imap/INBOX/;UID=1/;section=TEXT' > '$work/t' && python3 -c 'import sys; h,t,m=(open(f,\"rb\").read() for f in sys.argv[1:]); assert h+t==m and h.endswith(b\"\\r\\n\\r\\n\") and b\"\\r\\n\\r\\n\" not in h[:-2], (h,t)' '$work/h' '$work/t' '$work/stored-1'"
check "?criteria in the URL: list and search show what matched" bash -c "'$mw' list '$imap/INBOX?SUBJECT%20%22Dots%22' > '$work/l' && '$mw' search '$imap/INBOX?subject%20Dots' > '$work/s' && cmp '$work/l' '$work/s' && test \$(wc -l < '$work/l') -eq 1 && grep -q Dots '$work/l'"
uidvalidity=$("$mw" --trace list "$imap/INBOX" 2>&1 > /dev/null | sed -n 's/^S: \* OK \[UIDVALIDITY \([0-9]*\)\].*/\1/p' | head -1)
check "get with the mailbox's ;UIDVALIDITY= gets the message" bash -c "'$mw' get '$imap/INBOX;UIDVALIDITY=$uidvalidity/;UID=3' | cmp - '$work/stored-3'"
"$real_mw" --cacert "$MW_CA_FILE" get "$imap/INBOX;UIDVALIDITY=$((uidvalidity + 1))/;UID=3" > "$work/out" 2> "$work/err"; s=$?
[ $s -eq 4 ] && grep -q "UIDVALIDITY is $uidvalidity now, not $((uidvalidity + 1))" "$work/err" && [ ! -s "$work/out" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: another ;UIDVALIDITY= is refused ($s)"; cat "$work/err"; }
for bad in "imap://alice@127.0.0.1:99999/INBOX|the port is out of range (1-65535): 99999" \
           "imap://alice@127.0.0.1:14x3/INBOX|the port is not a number: 14x3" \
           "$imap/INBOX;UID=1;PARTIAL=0.9|unknown URL parameter (UID, UIDVALIDITY and SECTION are known): ;PARTIAL=0.9" \
           "$imap/INBOX;UID=1;SECTION=1.MIME|;SECTION= takes HEADER, TEXT or a part number such as 1.2, not 1.MIME"; do
  "$real_mw" get "${bad%%|*}" > "$work/out" 2> "$work/err"; s=$?
  [ $s -eq 1 ] && grep -qF -- "${bad#*|}" "$work/err" && [ ! -s "$work/out" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: ${bad%%|*} is refused with its reason ($s)"; cat "$work/err"; }
done
"$real_mw" pull "$imap/INBOX;UID=1" "$work/never" > "$work/out" 2> "$work/err"; s=$?
[ $s -eq 1 ] && grep -qF "pull takes no ;UID= in its URL" "$work/err" && [ ! -e "$work/never" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: pull refuses a ;UID= ($s)"; cat "$work/err"; }

# MIME parts (helen's messages: tests/server/make_mime_mail.py)
helen_imap="imap://helen:helen@127.0.0.1:$MW_IMAP_PORT/INBOX"
helen_pop="pop3://helen:helen@127.0.0.1:$MW_POP3_PORT/"
payload() { python3 -c "import sys; sys.stdout.buffer.write(bytes((i * 131 + $1 * 17 + (i >> 8)) & 255 for i in range($2)))"; }
check "get --parts lists nested parts" bash -c "'$mw' get '$helen_imap;UID=1' --parts > '$work/parts' && grep -Eq '^      1\.1\.1 +text/plain' '$work/parts' && grep -q 'attachment \"€ report.pdf\"' '$work/parts'"
check "get --parts --json: POP3's parser and IMAP's BODYSTRUCTURE agree" bash -c "for m in 1 2 3 4; do '$mw' --json get \"$helen_imap;UID=\$m\" --parts > '$work/pi' && '$mw' --json get \"${helen_pop};UID=\$m\" --parts > '$work/pp' && python3 -c 'import json,sys; f=lambda n: [(p[\"part\"],p[\"type\"],p[\"filename\"],p[\"attachment\"]) for p in json.load(open(n))]; a=f(sys.argv[1]); assert a==f(sys.argv[2]) and len(a)>2, a' '$work/pi' '$work/pp' || exit 1; done"
check "get --part decodes text to UTF-8 (IMAP and POP3)" bash -c "test \"\$('$mw' get '$helen_imap;UID=3' --part 3)\" = '日本語' && test \"\$('$mw' get '${helen_pop};UID=3' --part 1)\" = 'Привет, мир'"
check "a part number in ;SECTION= gets that part as --part does (IMAP and POP3)" bash -c "test \"\$('$mw' get '$helen_imap/;UID=3/;SECTION=3')\" = '日本語' && test \"\$('$mw' get '${helen_pop};UID=3;SECTION=1')\" = 'Привет, мир'"
payload 2 20000 > "$work/pdf"
check "get --part -o saves a part decoded (IMAP and POP3)" bash -c "'$mw' get '$helen_imap;UID=1' --part 2 -o '$work/p1' && cmp '$work/p1' '$work/pdf' && '$mw' get '${helen_pop};UID=1' --part 2 -o '$work/p2' && cmp '$work/p2' '$work/pdf'"
check "get --attachments saves under safe new names, twice without overwriting" bash -c "mkdir -p '$work/att/in' && '$mw' -q get '$helen_imap;UID=3' --attachments '$work/att/in' && '$mw' -q get '${helen_pop};UID=3' --attachments '$work/att/in' && test \"\$(ls '$work/att/in' | tr '\n' '|')\" = '_CON|_CON (2)|evil (2).txt|evil.txt|same (2).txt|same (3).txt|same (4).txt|same.txt|' && test \"\$(ls '$work/att')\" = in && test \"\$(cat '$work/att/in/same (3).txt')\" = first"
on_tty() { # command...: run on a pseudo-terminal; what it wrote, its exit code
  python3 -c 'import os,pty,sys; pid,fd=pty.fork()
if pid==0: os.execv(sys.argv[1], sys.argv[1:])
out=b""
while True:
    try: d=os.read(fd,4096)
    except OSError: break
    if not d: break
    out+=d
_,st=os.waitpid(pid,0); sys.stdout.buffer.write(out); sys.exit(os.waitstatus_to_exitcode(st))' "$@"
}
export -f on_tty
if [ -z "${MAILWIRE_TEST_WINE:-}" ]; then # under Wine a pseudo-terminal is no console
  check "a text part on a terminal shows its escapes, a binary part is refused" bash -c "on_tty '$mw' get '$helen_imap;UID=3' --part 4 > '$work/tty' && grep -qF 'evil\\x1b]0;pwned\\x07' '$work/tty' && ! grep -q \$'\\x1b' '$work/tty' && ! on_tty '$real_mw' --cacert '$MW_CA_FILE' get '$helen_imap;UID=1' --part 2 > /dev/null"
  check "a whole message on a terminal shows its escapes (IMAP and POP3)" bash -c "for u in '$helen_imap;UID=3' '${helen_pop};UID=3'; do on_tty '$mw' get \"\$u\" > '$work/tty' && grep -qF 'evil\\x1b]0;pwned\\x07' '$work/tty' && ! grep -q \$'\\x1b' '$work/tty' || exit 1; done"
fi

# pull: incremental, resumable, never duplicating
md="$work/maildir"
check "pull copies everything" bash -c "'$mw' -q pull '$imap/INBOX' '$md' && test \$(find '$md/new' '$md/cur' -type f | wc -l) -eq 3"
check "pull again copies nothing" bash -c "'$mw' pull '$imap/INBOX' '$md' | grep -q '^0 new'"
check "pull with nothing new stops at the EXAMINE (UIDNEXT)" bash -c "'$mw' --trace pull '$imap/INBOX' '$md' 2>&1 >/dev/null | grep '^C: A[0-9]* ' > '$work/pulltrace'; grep -q 'EXAMINE INBOX' '$work/pulltrace' && ! grep -Eq 'SEARCH|BODY' '$work/pulltrace'"
rm -f "$md"/.mailwire-state-*   # as if the state were lost after the last delivery
check "pull without its state duplicates nothing" bash -c "'$mw' -q pull '$imap/INBOX' '$md' && test \$(find '$md/new' '$md/cur' -type f | wc -l) -eq 3"
state=$(ls "$md"/.mailwire-state-INBOX.*)
rm -f "$(find "$md/new" "$md/cur" -name "mw-*-3.*")"; echo "$(cut -d' ' -f1 "$state") 2" > "$state"
check "pull resumes after an interruption" bash -c "'$mw' pull '$imap/INBOX' '$md' | grep -q '^1 new' && test \$(find '$md/new' '$md/cur' -type f | wc -l) -eq 3"
# (new/, or cur/ with flags: other suites read the same messages meanwhile)
while IFS= read -r f; do
  uid=${f##*-}; uid=${uid%%.*}
  cmp -s "$f" "$work/stored-$uid" || { failed=$((failed + 1)); echo "FAILED: pulled message $uid differs"; }
done < <(find "$md/new" "$md/cur" -type f)
check "no partial files are left" test "$(count_files "$md/tmp")" -eq 0
check "POP3 list decodes headers with pipelined TOPs" bash -c "'$mw' --trace list '$pop' 2> '$work/poptrace' | grep -q 'Grüße aus München' && awk '/^C: TOP/ { t++ } /^S: \\+OK/ && t { exit } END { exit !(t == 3) }' '$work/poptrace'"
check "pull over POP3 by UIDL" bash -c "'$mw' -q pull '$pop' '$work/popdir' && '$mw' pull '$pop' '$work/popdir' | grep -q '^0 new' && test \$(find '$work/popdir/new' -type f | wc -l) -eq 3"
rm -f "$work/popdir/.mailwire-state-pop3"   # as if a crash came before the state was written
check "POP3 pull without its state duplicates nothing" bash -c "'$mw' pull '$pop' '$work/popdir' | grep -q '^0 new' && test \$(find '$work/popdir/new' -type f | wc -l) -eq 3 && test \$(wc -l < '$work/popdir/.mailwire-state-pop3') -eq 3"
# (in new/ or cur/: earlier checks read messages, which marked them \Seen)
check "pull over implicit TLS, the certificate verified" bash -c "'$mw' -q pull 'imaps://alice@127.0.0.1:$MW_IMAPS_PORT/INBOX' '$work/tlsdir' && test \$(find '$work/tlsdir/new' '$work/tlsdir/cur' -type f | wc -l) -eq 3"
check "POP3 pull fetches with pipelined RETRs" bash -c "rm -rf '$work/popdir2' && '$mw' --trace pull '$pop' '$work/popdir2' 2>&1 >/dev/null | awk '/^C: RETR/ { r++ } /^S: \\+OK/ && r { exit } END { exit !(r == 3) }'"

# on a terminal 50 columns wide, pull's progress line fits them: a bar,
# the count, the bytes and the rate with their units
[ -n "${MAILWIRE_TEST_WINE:-}" ] || # under Wine a pseudo-terminal is no console
check "the progress bar fits the terminal, with units" python3 - "$mw" "$imap/INBOX" "$work/progress-dir" <<'PY'
import fcntl, os, pty, re, struct, sys, termios
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], "pull"] + sys.argv[2:])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 50, 0, 0))
out = b""
while True:
    try:
        d = os.read(fd, 4096)
    except OSError:
        break
    if not d:
        break
    out += d
_, status = os.waitpid(pid, 0)
assert os.WEXITSTATUS(status) == 0, out
lines = [l for l in re.split(rb"[\r\n]+", out) if l.startswith(b"[")]
assert lines, out
for l in lines:
    assert len(l.decode()) <= 49, l
    assert re.fullmatch(rb"\[#* *\] \d+/3  \d+(\.\d)? (B|KB|MB)  \d+(\.\d)? (B|KB|MB|GB)/s( *ETA \d+:\d\d)? *", l), l
assert re.search(rb"\[#+\] 3/3 ", lines[-1]), lines[-1]
PY

# push: restore into a new mailbox, twice without duplicates
erin="imap://erin@127.0.0.1:$MW_IMAP_PORT"
box="Restored-$$"
check "push appends a Maildir" bash -c "MAILWIRE_PASSWORD=erin '$mw' push '$md' '$erin/$box' | grep -q '^3 message'"
check "push again appends nothing" bash -c "MAILWIRE_PASSWORD=erin '$mw' push '$md' '$erin/$box' | grep -q '^0 message'"
check "the restored mailbox holds three" bash -c "MAILWIRE_PASSWORD=erin '$mw' ls '$erin' | grep -E '^$box +3 messages'"
# push keeps order, dates and flags: oldest first by the file's time (the
# name's time where the file's is in the future), that time as INTERNALDATE,
# F and T as \Flagged and \Deleted; a message without a Message-ID is known
# again by its content; a pull gives the dates back as the files' times
pd="$work/push-order"; mkdir -p "$pd/new" "$pd/cur" "$pd/tmp"
printf 'From: x@example.test\r\nSubject: second\r\n\r\nno id %s\r\n' "$$" > "$pd/cur/b:2,FT"
printf 'From: x@example.test\r\nSubject: first\r\nMessage-ID: <order-%s@example.test>\r\n\r\nhi\r\n' "$$" > "$pd/new/c"
printf 'From: x@example.test\r\nSubject: third\r\n\r\nno id either %s\r\n' "$$" > "$pd/new/1650000000.M1P1.host"
touch -d @1600000000 "$pd/cur/b:2,FT"
touch -d @1500000000 "$pd/new/c"
touch -d 2099-01-01 "$pd/new/1650000000.M1P1.host"
pbox="Order-$$"
check "push appends three messages" bash -c "MAILWIRE_PASSWORD=erin '$mw' push '$pd' '$erin/$pbox' | grep -qx '3 message(s) appended to $pbox'"
check "push again appends none, and says the three were there" bash -c "MAILWIRE_PASSWORD=erin '$mw' push '$pd' '$erin/$pbox' | grep -qx '0 message(s) appended to $pbox, 3 already there (skipped)'"
check "the mailbox holds them in order, with their dates and flags" python3 - "$MW_IMAP_PORT" "$pbox" <<'PY'
import imaplib, re, sys
m = imaplib.IMAP4("127.0.0.1", int(sys.argv[1]))
m.login("erin", "erin")
m.select(sys.argv[2], readonly=True)
typ, data = m.fetch("1:*", "(INTERNALDATE FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
got = [(re.search(rb'INTERNALDATE "([^"]+)"', d[0]).group(1).decode(),
        sorted(f for f in re.search(rb'FLAGS \(([^)]*)\)', d[0]).group(1).decode().split() if f != "\\Recent"),
        d[1].decode().split(":")[1].strip()) for d in data if isinstance(d, tuple)]
want = [("14-Jul-2017 02:40:00 +0000", [], "first"),
        ("13-Sep-2020 12:26:40 +0000", ["\\Deleted", "\\Flagged"], "second"),
        ("15-Apr-2022 05:20:00 +0000", [], "third")]
assert got == want, got
PY
rm -f "$pd/new/c" "$pd/cur/b:2,FT"
printf 'From: x@example.test\r\nSubject: fourth\r\n\r\nno id %s, new\r\n' "$$" > "$pd/new/d"
check "a new message without a Message-ID is pushed, the old one not again" bash -c "MAILWIRE_PASSWORD=erin '$mw' push '$pd' '$erin/$pbox' | grep -qx '1 message(s) appended to $pbox, 1 already there (skipped)'"
check "pull gives each message its INTERNALDATE as its file's time" bash -c "MAILWIRE_PASSWORD=erin '$mw' -q pull '$erin/$pbox' '$work/order-back' && for t in 1500000000 1600000000 1650000000; do find '$work/order-back' -type f -newermt @\$((t - 1)) ! -newermt @\$t | grep -q . || exit 1; done"

# pull --all: every mailbox of jack into a folder of its own, Maildir++
# (DIR/.A.B, INBOX in DIR itself) or nested (DIR/A/B); names made safe for
# any file system; \Noselect parents skipped; incremental per mailbox;
# --mailbox PATTERN picks some
jack="imap://jack@127.0.0.1:$MW_IMAP_PORT"
jsrc="$work/jsrc"; mkdir -p "$jsrc/new" "$jsrc/cur" "$jsrc/tmp"
for b in INBOX "Entwürfe" "Work.Projects" CON "Archive.2024" "Q%26A: a*b%3F <c>|%25"; do
  rm -f "$jsrc"/new/*
  printf 'From: x@example.test\r\nSubject: in %s %s\r\nMessage-ID: <box-%s-%s@example.test>\r\n\r\nhi\r\n' "$b" "$$" "$(printf %s "$b" | od -An -tx1 | tr -d ' \n')" "$$" > "$jsrc/new/1"
  MAILWIRE_PASSWORD=jack "$mw" -q push "$jsrc" "$jack/$b" > /dev/null
done
holds() { # folder subject: this run's message is there, the only one of this run
  # (the valgrind run of this suite, before or after, uses the same mailboxes)
  [ "$(grep -lF "Subject: in $2 $$" "$1"/new/* "$1"/cur/* 2> /dev/null | wc -l)" -eq 1 ]
}
all="$work/all"
check "pull --all mirrors six mailboxes into Maildir++ folders" bash -c "MAILWIRE_PASSWORD=jack '$mw' pull --all '$jack' '$all' | grep -qx '6 mailbox(es) pulled into $all'"
if holds "$all" INBOX && holds "$all/.Entwürfe" Entwürfe && holds "$all/.Work.Projects" Work.Projects &&
   holds "$all/.%43ON" CON && holds "$all/.Archive.2024" Archive.2024 &&
   holds "$all/.Q&A%3A a%2Ab%3F %3Cc%3E%7C%25" "Q%26A: a*b%3F <c>|%25" && [ ! -e "$all/.Work" ] && [ ! -e "$all/.Archive" ]; then
  passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: the Maildir++ folders"; find "$all" -type f | head -20; fi
check "a second pull --all fetches nothing" bash -c "MAILWIRE_PASSWORD=jack '$mw' pull --all '$jack' '$all' > '$work/again' && ! grep -v '^0 new' '$work/again' | grep -qv 'mailbox(es) pulled'"
nest="$work/nested"
check "pull --all --layout nested" bash -c "MAILWIRE_PASSWORD=jack '$mw' -q pull --all --layout nested '$jack' '$nest'"
if holds "$nest" INBOX && holds "$nest/Work/Projects" Work.Projects && holds "$nest/Archive/2024" Archive.2024 &&
   holds "$nest/%43ON" CON && [ ! -e "$nest/Work/new" ]; then
  passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: the nested folders"; find "$nest" | head -30; fi
check "--mailbox picks by pattern, repeatable" bash -c "MAILWIRE_PASSWORD=jack '$mw' pull --mailbox 'Work*' --mailbox CON '$jack' '$work/some' | grep -qx '2 mailbox(es) pulled into $work/some' && test -d '$work/some/.Work.Projects' && test -d '$work/some/.%43ON' && test ! -d '$work/some/.Entwürfe'"
"$real_mw" --cacert "$MW_CA_FILE" pull --all "$jack/INBOX" "$work/bad" > /dev/null 2> "$work/err"; s=$?
[ $s -eq 1 ] && grep -q "without a mailbox" "$work/err" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: --all with a mailbox in the URL ($s)"; }

# named accounts from the configuration file stand for a URL and its
# options: password command, CA, maildir and folders; the command line wins
cat > "$work/config" <<CONF
# the tests' accounts
[other]
url = imap://nobody@127.0.0.1:1

[jacks]
url = imap://jack@127.0.0.1:$MW_IMAP_PORT/
password-command = echo jack
cacert = $MW_CA_FILE
maildir = $work/acct
folders = Work.% CON
CONF
check "pull ACCOUNT: its URL, password command, CA, maildir and folders" bash -c "MAILWIRE_CONFIG='$work/config' MAILWIRE_PASSWORD=wrong '$real_mw' pull jacks | grep -qx '2 mailbox(es) pulled into $work/acct' && test -d '$work/acct/.Work.Projects' && test -d '$work/acct/.%43ON'"
check "sync ACCOUNT: the same maildir and folders; what pull fetched is not fetched again" bash -c "MAILWIRE_CONFIG='$work/config' '$real_mw' sync jacks > '$work/o' && grep -qx '2 mailbox(es) synced with $work/acct' '$work/o' && grep -qx 'CON: 0 fetched, 0 appended, flags of 0 changed there and 0 here' '$work/o' && grep -qx 'Work.Projects: 0 fetched, 0 appended, flags of 0 changed there and 0 here' '$work/o'"
check "list ACCOUNT/MAILBOX" bash -c "MAILWIRE_CONFIG='$work/config' '$real_mw' list jacks/CON | grep -q 'in CON'"
MAILWIRE_CONFIG="$work/config" "$real_mw" --password-command 'echo wrong' ls jacks > /dev/null 2> "$work/err"; s=$?
[ $s -eq 3 ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: the command line's password command wins over the account's ($s)"; }
printf '[jacks]\nurl = imap://jack@127.0.0.1:%s\npassword = jack\n' "$MW_IMAP_PORT" > "$work/bad-config"
MAILWIRE_CONFIG="$work/bad-config" "$real_mw" ls jacks > /dev/null 2> "$work/err"; s=$?
[ $s -eq 1 ] && grep -q "bad-config:3: no password here" "$work/err" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: a password in the file is refused, with its line ($s)"; cat "$work/err"; }

# sync: both ways. New messages each way; flag changes each way, flag by
# flag; removals neither way without --expunge (and nothing comes back),
# both ways with it; a lost state file duplicates nothing
sbox="imap://ivy@127.0.0.1:$MW_IMAP_PORT/Sync-$$"
ssrc="$work/ssrc"; sd="$work/sync"; mkdir -p "$ssrc/new" "$ssrc/cur" "$ssrc/tmp" "$sd/new" "$sd/cur" "$sd/tmp"
for i in 1 2; do
  printf 'From: x@example.test\r\nSubject: server %s\r\nMessage-ID: <sync-s%s-%s@example.test>\r\n\r\nhi\r\n' "$i" "$i" "$$" > "$ssrc/new/$i"
done
MAILWIRE_PASSWORD=ivy "$mw" -q push "$ssrc" "$sbox" > /dev/null
printf 'From: x@example.test\r\nSubject: local 1\r\nMessage-ID: <sync-l1-%s@example.test>\r\n\r\nhi\r\n' "$$" > "$sd/cur/1700000000.L1.host:2,S"
server_flags() { # "uid:flags ..." of the synced mailbox
  python3 - "$MW_IMAP_PORT" "Sync-$$" <<'PY'
import imaplib, re, sys
m = imaplib.IMAP4("127.0.0.1", int(sys.argv[1]))
m.login("ivy", "ivy")
m.select(sys.argv[2], readonly=True)
_, data = m.uid("FETCH", "1:*", "(FLAGS)")
out = []
for d in data:
    if d:
        uid = re.search(rb"UID (\d+)", d).group(1).decode()
        flags = sorted(f for f in re.search(rb"FLAGS \(([^)]*)\)", d).group(1).decode().split() if f != "\\Recent")
        out.append(uid + ":" + ",".join(flags))
print(" ".join(sorted(out)))
PY
}
server_do() { # IMAP commands as python: m.uid(...) lines
  python3 -c "import imaplib,sys
m=imaplib.IMAP4('127.0.0.1',$MW_IMAP_PORT); m.login('ivy','ivy'); m.select('Sync-$$')
$1
m.logout()"
}
local_names() { find "$sd/new" "$sd/cur" -type f | sed 's|.*/mw-[0-9]*-||; s|\.[0-9a-f]*\..*[:!]2,|:|; s|\.[0-9a-f]*\.[^:!]*$|:|' | sort | tr '\n' ' '; }
check "sync fetches the server's two and appends the local one" bash -c "MAILWIRE_PASSWORD=ivy '$mw' sync '$sbox' '$sd' | grep -qx 'Sync-$$: 2 fetched, 1 appended, flags of 0 changed there and 0 here'"
[ "$(local_names)" = "1: 2: 3:S " ] && [ "$(server_flags)" = "1: 2: 3:\Seen" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: after the first sync: here '$(local_names)', there '$(server_flags)'"; }
check "a second sync has nothing to do" bash -c "MAILWIRE_PASSWORD=ivy '$mw' sync '$sbox' '$sd' | grep -qx 'Sync-$$: 0 fetched, 0 appended, flags of 0 changed there and 0 here'"
f1=$(ls "$sd"/new/mw-*-1.*); mv "$f1" "$sd/cur/$(basename "$f1"):2,S" # read here
server_do 'm.uid("STORE","2","+FLAGS","(\\Flagged)"); m.uid("STORE","3","-FLAGS","(\\Seen)")' # flagged, unread there
check "sync carries flag changes both ways" bash -c "MAILWIRE_PASSWORD=ivy '$mw' sync '$sbox' '$sd' | grep -qx 'Sync-$$: 0 fetched, 0 appended, flags of 1 changed there and 2 here'"
[ "$(local_names)" = "1:S 2:F 3: " ] && [ "$(server_flags)" = "1:\Seen 2:\Flagged 3:" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: after the flag sync: here '$(local_names)', there '$(server_flags)'"; }
rm -f "$sd"/*/mw-*-1.*                                                  # removed here
server_do 'm.uid("STORE","2","+FLAGS","(\\Deleted)"); m.expunge()'   # removed there
check "without --expunge, sync removes nothing and brings nothing back" bash -c "MAILWIRE_PASSWORD=ivy '$mw' sync '$sbox' '$sd' > /dev/null"
[ "$(local_names)" = "2:F 3: " ] && [ "$(server_flags)" = "1:\Seen 3:" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: removals kept: here '$(local_names)', there '$(server_flags)'"; }
check "with --expunge, removals go both ways" bash -c "MAILWIRE_PASSWORD=ivy '$mw' sync --expunge '$sbox' '$sd' | grep -qx 'Sync-$$: 0 fetched, 0 appended, flags of 0 changed there and 0 here, 1 removed here, 1 there'"
[ "$(local_names)" = "3: " ] && [ "$(server_flags)" = "3:" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: removals both ways: here '$(local_names)', there '$(server_flags)'"; }
rm -f "$sd"/.mailwire-sync-*  # as if a crash came before the state was written
check "a sync without its state duplicates nothing" bash -c "MAILWIRE_PASSWORD=ivy '$mw' sync '$sbox' '$sd' | grep -q ': 0 fetched, 0 appended' && test \$(find '$sd/new' '$sd/cur' -type f | wc -l) -eq 1"
# a run cut off between the server's answer to an APPEND and the rename
# (here: the message appended by push, its name journaled as sync does
# first; then a mail reader marks it seen, moving it to cur/): the next
# run finds it there by its bytes and pairs it, neither appending it again
# nor fetching the first copy
cut="$work/cut"; mkdir -p "$cut/new" "$cut/cur" "$cut/tmp"
printf 'From: x@example.test\nSubject: cut off %s\n\nno Message-ID, LF lines\n' "$$" > "$sd/new/1700000200.C1.host"
cp "$sd/new/1700000200.C1.host" "$cut/new/"
MAILWIRE_PASSWORD=ivy "$mw" -q push "$cut" "$sbox" > /dev/null
state=$(ls "$sd"/.mailwire-sync-Sync-$$.*)
printf 'UIDNEXT 1\nnew/1700000200.C1.host\n' > "$state.append"
mv "$sd/new/1700000200.C1.host" "$sd/cur/1700000200.C1.host:2,S"
check "after a run cut off while appending, the next pairs the message: nothing twice" bash -c "MAILWIRE_PASSWORD=ivy '$mw' sync '$sbox' '$sd' 2> '$work/cut-err' | grep -qx 'Sync-$$: 0 fetched, 0 appended, flags of 1 changed there and 0 here' && grep -q '1 message(s) a run cut off had appended found on the server and paired' '$work/cut-err' && test ! -e '$sd/cur/1700000200.C1.host:2,S' && test \$(find '$sd/new' '$sd/cur' -type f | wc -l) -eq 2 && test \$(cat '$sd'/cur/* | grep -c 'cut off $$') -eq 1 && test ! -e '$state.append'"
[ "$(server_flags | wc -w)" -eq 2 ] && server_flags | grep -q ':\\Seen' && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: the cut-off append is on the server once, seen: '$(server_flags)'"; }

# sync --mailbox / --all: each mailbox with its own folder, as pull lays
# them out (this run's two: the other suites' mailboxes of ivy are left)
ivy="imap://ivy@127.0.0.1:$MW_IMAP_PORT"
many="$work/many"
for b in "Many-$$" "Many-$$.Sub"; do
  rm -f "$ssrc"/new/*
  printf 'From: x@example.test\r\nSubject: on %s\r\nMessage-ID: <many-%s@example.test>\r\n\r\nhi\r\n' "$b" "$b" > "$ssrc/new/1"
  MAILWIRE_PASSWORD=ivy "$mw" -q push "$ssrc" "$ivy/$b" > /dev/null
done
check "sync --mailbox syncs each mailbox with its folder" bash -c "MAILWIRE_PASSWORD=ivy '$mw' sync --mailbox 'Many-$$*' '$ivy' '$many' > '$work/o' && grep -qx '2 mailbox(es) synced with $many' '$work/o' && grep -qx 'Many-$$: 1 fetched, 0 appended, flags of 0 changed there and 0 here' '$work/o' && grep -qx 'Many-$$.Sub: 1 fetched, 0 appended, flags of 0 changed there and 0 here' '$work/o' && grep -q 'Subject: on Many-$$.Sub' '$many/.Many-$$.Sub'/new/* && test \$(find '$many/.Many-$$' '$many/.Many-$$.Sub' -path '*/new/*' -type f | wc -l) -eq 2"
printf 'From: x@example.test\r\nSubject: made here %s\r\n\r\nhi\r\n' "$$" > "$many/.Many-$$.Sub/new/1700000000.M1.host"
check "a message new in a folder goes to its own mailbox" bash -c "MAILWIRE_PASSWORD=ivy '$mw' sync --mailbox 'Many-$$*' '$ivy' '$many' > '$work/o' && grep -qx 'Many-$$.Sub: 0 fetched, 1 appended, flags of 0 changed there and 0 here' '$work/o' && grep -qx 'Many-$$: 0 fetched, 0 appended, flags of 0 changed there and 0 here' '$work/o' && MAILWIRE_PASSWORD=ivy '$mw' search '$ivy/Many-$$.Sub' 'SUBJECT \"made here $$\"' | wc -l | grep -qx 1"

mkdir -p "$work/empty/new" "$work/empty/cur" "$work/empty/tmp"
check "push of an empty Maildir appends nothing" bash -c "MAILWIRE_PASSWORD=erin '$mw' push '$work/empty' '$erin/Empty-$$' | grep -qx '0 message(s) appended to Empty-$$'"
# a folder that is no Maildir (or does not exist): refused, nothing created
mkdir -p "$work/plain"
for dir in "$work/plain" "$work/no-such-dir"; do
  MAILWIRE_PASSWORD=erin "$real_mw" push "$dir" "$erin/NotMade-$$" > "$work/out" 2> "$work/err"; s=$?
  [ $s -eq 6 ] && grep -q "not a Maildir" "$work/err" && [ ! -s "$work/out" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: push refuses $dir ($s)"; }
done
check "no mailbox was created for them" bash -c "! MAILWIRE_PASSWORD=erin '$mw' ls '$erin' | grep -q NotMade-$$"

# POP3 pull keeps the messages on the server by default; --delete removes
# every message the Maildir holds (earlier pulls' too), and only those
gina="imap://gina@127.0.0.1:$MW_IMAP_PORT"
gpop="pop3://gina@127.0.0.1:$MW_POP3_PORT"
gmd="$work/gina-src"; mkdir -p "$gmd/new" "$gmd/cur" "$gmd/tmp"
for i in 1 2; do
  printf 'From: x@example.test\r\nSubject: drop %s\r\nMessage-ID: <drop-%s-%s@example.test>\r\n\r\nhi\r\n' "$i" "$i" "$$" > "$gmd/new/$i"
done
MAILWIRE_PASSWORD=gina "$mw" -q push "$gmd" "$gina/INBOX" > /dev/null
check "POP3 pull keeps the messages on the server" bash -c "MAILWIRE_PASSWORD=gina '$mw' -q pull '$gpop' '$work/ginadir' && test \$(find '$work/ginadir/new' -type f | wc -l) -ge 2 && MAILWIRE_PASSWORD=gina '$mw' ls '$gpop' | grep -Eq '^INBOX +[1-9][0-9]* messages'"
MAILWIRE_PASSWORD=gina "$mw" -q push "$gmd" "$gina/INBOX" > /dev/null  # nothing new: Message-IDs held
printf 'From: x@example.test\r\nSubject: drop 3\r\nMessage-ID: <drop-3-%s@example.test>\r\n\r\nhi\r\n' "$$" > "$gmd/new/3"
MAILWIRE_PASSWORD=gina "$mw" -q push "$gmd" "$gina/INBOX" > /dev/null
check "pull --delete fetches the new one, then deletes every message held" bash -c "held=\$(find '$work/ginadir/new' -type f | wc -l); MAILWIRE_PASSWORD=gina '$mw' pull --delete '$gpop' '$work/ginadir' | grep -q '^1 new' && test \$(find '$work/ginadir/new' -type f | wc -l) -eq \$((held + 1)) && MAILWIRE_PASSWORD=gina '$mw' ls '$gpop' | grep -Eq '^INBOX +0 messages'"
"$real_mw" pull --delete "$imap/INBOX" "$work/nodelete" > "$work/out" 2> "$work/err"; s=$?
[ $s -eq 1 ] && grep -q -- "--delete is for POP3" "$work/err" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: --delete over IMAP is refused ($s)"; }

# pull keeps IMAP flags: a seen message lands in cur/ as "NAME:2,S" (the
# Windows build writes "!2,S": ":" cannot be in a file name there); a
# later pull learns flag changes (CONDSTORE) and expunges (QRESYNC) in one
# command, renaming what it holds; --delete-local removes what the server
# removed. The server's changes are made in its own Maildir, as another
# client's would be.
fbox="Flags-$$"
fsrc="$work/flag-src"; mkdir -p "$fsrc/new" "$fsrc/cur" "$fsrc/tmp"
printf 'From: x@example.test\r\nSubject: seen %s\r\nMessage-ID: <seen-%s@example.test>\r\n\r\nhi\r\n' "$$" "$$" > "$fsrc/cur/1:2,S"
printf 'From: x@example.test\r\nSubject: unseen %s\r\nMessage-ID: <unseen-%s@example.test>\r\n\r\nhi\r\n' "$$" "$$" > "$fsrc/new/2"
MAILWIRE_PASSWORD=gina "$mw" -q push "$fsrc" "$gina/$fbox" > /dev/null
fmd="$work/flagdir"
check "pull delivers a seen message into cur/ with its flags, an unseen one into new/" bash -c "MAILWIRE_PASSWORD=gina '$mw' -q pull '$gina/$fbox' '$fmd' && test \$(find '$fmd/cur' -name '*[:!]2,S' | wc -l) -eq 1 && test \$(find '$fmd/new' -type f | wc -l) -eq 1"
sdir="$MW_MAIL_DIR/gina/Maildir/.$fbox"
unseen=$(grep -l "Subject: unseen $$" "$sdir"/new/* "$sdir"/cur/* 2> /dev/null | head -n 1)
[ -n "$unseen" ] && mv "$unseen" "$sdir/cur/$(basename "${unseen%%:*}"):2,FS"
# meanwhile a reader here marked the unseen one passed (P, no IMAP flag)
for f in "$fmd"/new/*; do mv "$f" "$fmd/cur/$(basename "$f"):2,P"; done
check "a later pull gives the held message its new flags, found in one command, the reader's kept" bash -c "MAILWIRE_PASSWORD=gina '$mw' --trace pull '$gina/$fbox' '$fmd' > '$work/fout' 2> '$work/ftrace' && grep -q '^flags of 1 message(s) updated' '$work/fout' && grep -q 'CHANGEDSINCE' '$work/ftrace' && ! grep -q 'FETCH 1:\* (FLAGS)' '$work/ftrace' && test \$(find '$fmd/cur' -name '*[:!]2,FPS' | wc -l) -eq 1 && test \$(find '$fmd/new' -type f | wc -l) -eq 0"
seen=$(grep -l "Subject: seen $$" "$sdir"/cur/* | head -n 1)
rm -f "$seen"
check "a message the server removed is kept here and said so" bash -c "MAILWIRE_PASSWORD=gina '$mw' pull '$gina/$fbox' '$fmd' | grep -q '^1 message(s) removed from the server are kept here' && test \$(find '$fmd/cur' -type f | wc -l) -eq 2"
unseen=$(grep -l "Subject: unseen $$" "$sdir"/cur/* | head -n 1)
rm -f "$unseen"
check "--delete-local removes what the server removed, what an earlier pull kept too" bash -c "MAILWIRE_PASSWORD=gina '$mw' pull --delete-local '$gina/$fbox' '$fmd' | grep -q '^2 message(s) removed from the server, removed here too' && test \$(find '$fmd/cur' '$fmd/new' -type f | wc -l) -eq 0"
check "--delete-local again removes nothing" bash -c "MAILWIRE_PASSWORD=gina '$mw' pull --delete-local '$gina/$fbox' '$fmd' | grep -q '^0 message(s) removed from the server'"

# watch: a new message prints a line; SIGINT ends it cleanly
# the binary itself, not the wrapper: SIGINT must reach it
MAILWIRE_PASSWORD=erin "$real_mw" --cacert "$MW_CA_FILE" -q watch "$erin/$box" > "$work/watch" 2>&1 &
watcher=$!
sleep 1
one="$work/one"; mkdir -p "$one/new" "$one/cur" "$one/tmp"
printf 'From: x@example.test\r\nSubject: watched\r\nMessage-ID: <watch-%s@example.test>\r\n\r\nhi\r\n' "$$" > "$one/new/1"
MAILWIRE_PASSWORD=erin "$mw" -q push "$one" "$erin/$box" > /dev/null
for _ in $(seq 50); do grep -q watched "$work/watch" && break; sleep 0.1; done
kill -INT $watcher; wait $watcher; status=$?
if grep -q watched "$work/watch" && [ $status -eq 0 ]; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "FAILED: watch (exit $status)"; cat "$work/watch"; fi

# watch --json --exec: one JSON object per line and one command run per new
# message; a connection the server drops (doveadm kick, ivy's sessions only)
# is made again, and the message that came meanwhile is announced, once
wbox="Watch-$$"
wsrc="$work/wsrc"; mkdir -p "$wsrc/new" "$wsrc/cur" "$wsrc/tmp"
push_ivy() { # n subject
  printf 'From: x@example.test\r\nSubject: %s\r\nMessage-ID: <w%s-%s@example.test>\r\n\r\nhi\r\n' "$2" "$1" "$$" > "$wsrc/new/$1"
  MAILWIRE_PASSWORD=ivy "$mw" -q push "$wsrc" "$ivy/$wbox" > /dev/null
}
wait_for() { # pattern file
  for _ in $(seq 150); do grep -q -- "$1" "$2" 2> /dev/null && return 0; sleep 0.1; done
  return 1
}
push_ivy 0 "before"
if [ -n "${MAILWIRE_TEST_WINE:-}" ]; then # cmd.exe runs the command there
  exec_cmd="echo %MAILWIRE_UID% %MAILWIRE_SUBJECT%>> \"$("$MAILWIRE_TEST_WINE" winepath -w "$work/exec" | tr -d '\r')\""
else
  exec_cmd="echo \"\$MAILWIRE_UID \$MAILWIRE_SUBJECT\" >> '$work/exec'"
fi
MAILWIRE_PASSWORD=ivy "$real_mw" --cacert "$MW_CA_FILE" watch --json --exec "$exec_cmd" "$ivy/$wbox" > "$work/wjson" 2> "$work/werr" &
watcher=$!
wait_for "^watching" "$work/werr"
push_ivy 1 "first"
wait_for '"subject": "first"' "$work/wjson"
doveadm -c "$(dirname "$1")/dovecot.conf" kick ivy > /dev/null 2>&1
wait_for "connecting again" "$work/werr"
push_ivy 2 "while away"
wait_for '"subject": "while away"' "$work/wjson"
wait_for "while away" "$work/exec" # its command has run: Ctrl-C then
sleep 0.5
kill -INT $watcher
for _ in $(seq 100); do kill -0 $watcher 2> /dev/null || break; sleep 0.1; done
kill -TERM $watcher 2> /dev/null # still there after 10 s: a failure, not a hang
wait $watcher; status=$?
tr -d '\r' < "$work/exec" 2> /dev/null > "$work/exec.lf"
if [ $status -eq 0 ] && [ "$(wc -l < "$work/wjson")" -eq 2 ] &&
   python3 -c 'import json,sys; d=[json.loads(l) for l in open(sys.argv[1])]; assert [(x["uid"], x["subject"], x["mailbox"]) for x in d] == [(2, "first", sys.argv[2]), (3, "while away", sys.argv[2])], d' "$work/wjson" "$wbox" &&
   grep -q "the connection was lost" "$work/werr" && [ "$(cat "$work/exec.lf")" = "$(printf '2 first\n3 while away')" ]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "FAILED: watch --json --exec across a dropped connection (exit $status)"
  cat "$work/wjson" "$work/werr" "$work/exec.lf" 2> /dev/null | head -20
fi

# errors: one clear line, documented exit codes
MAILWIRE_PASSWORD=wrong "$mw" ls "$imap" 2> "$work/err"; s=$?
[ $s -eq 3 ] && grep -q "Authentication failed" "$work/err" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: wrong password ($s)"; }
"$real_mw" ls "imaps://alice@127.0.0.1:$MW_IMAPS_PORT" 2> "$work/err"; s=$?
[ $s -eq 2 ] && grep -q "certificate is not trusted" "$work/err" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: untrusted ($s)"; }
check "--cacert makes it trusted" "$mw" --cacert "$MW_CA_FILE" ls "imaps://alice@localhost:$MW_IMAPS_PORT"
"$mw" list "$imap/No-Such-Box" 2> /dev/null; s=$?
[ $s -eq 4 ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: missing mailbox ($s)"; }
"$mw" get "$imap/INBOX;UID=999" > "$work/out" 2> "$work/err"; s=$?
[ $s -eq 4 ] && [ ! -s "$work/out" ] && grep -q "^mailwire: get: " "$work/err" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: get of a missing UID ($s)"; }
"$mw" get "$imap/No-Such-Box;UID=1" 2> "$work/err"; s=$?
[ $s -eq 4 ] && grep -q "^mailwire: No-Such-Box: " "$work/err" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: get from a missing mailbox ($s)"; }
check "get sends EXAMINE and FETCH before either answer" bash -c "'$mw' --trace get '$imap/INBOX;UID=2' 2>&1 >/dev/null | grep -A1 ' EXAMINE INBOX\$' | grep -q '^C: A[0-9]* UID FETCH 2 '"
"$mw" bogus 2> /dev/null; s=$?
[ $s -eq 1 ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: usage ($s)"; }
check "--trace hides the password" bash -c "'$mw' --trace ls '$imap' 2>&1 >/dev/null | grep -q 'AUTHENTICATE SCRAM-SHA-256 \*\*\*' && ! '$mw' --trace ls '$imap' 2>&1 | grep -q '$MW_PASSWORD'"
check "--trace starts at the greeting and shows what TLS negotiated" bash -c "'$mw' --trace ls '$imap' 2> '$work/tr' > /dev/null && head -n 1 '$work/tr' | grep -q '^S: \* OK .*ready' && grep -q '^C: A[0-9]* STARTTLS' '$work/tr' && grep -Eq '^\*  TLS TLSv1\.[23] [A-Z0-9_-]+, certificate CN=server \(verified\)' '$work/tr'"
printf '%s\n' "$MW_PASSWORD" > "$work/pw"
check "--password-file" env -u MAILWIRE_PASSWORD "$mw" --password-file "$work/pw" ls "$imap"
# explicit options before the environment: the file's password wins over a
# wrong MAILWIRE_PASSWORD, -u's over the URL's; a command's first line
check "--password-file wins over MAILWIRE_PASSWORD" env MAILWIRE_PASSWORD=wrong "$mw" --password-file "$work/pw" ls "$imap"
check "-u user:password wins over the URL's" env MAILWIRE_PASSWORD=wrong "$mw" -u "alice:$MW_PASSWORD" ls "imap://nobody:wrong@127.0.0.1:$MW_IMAP_PORT"
check "--password-command" env MAILWIRE_PASSWORD=wrong "$mw" --password-command "echo $MW_PASSWORD" ls "$imap"
"$real_mw" --cacert "$MW_CA_FILE" --password-file "$work/no-such-file" ls "$imap" 2> "$work/err"; s=$?
[ $s -eq 1 ] && grep -q -- "--password-file $work/no-such-file: No such file" "$work/err" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: a missing --password-file is named ($s)"; }
# OAuth2 against Dovecot's oauth2 passdb (tokens "mailwire-token-USER",
# checked by the harness's introspection endpoint): a token alone goes as
# OAUTHBEARER, which Dovecot offers; --auth picks XOAUTH2; POP3 too; the
# token never shows in a trace
check "--oauth2-bearer logs in with OAUTHBEARER, the token hidden" bash -c "MAILWIRE_PASSWORD=wrong '$mw' --trace --oauth2-bearer mailwire-token-alice ls '$imap' > '$work/o2' 2>&1 && grep -q '^C: A[0-9]* AUTHENTICATE OAUTHBEARER \*\*\*' '$work/o2' && grep -q '^INBOX' '$work/o2' && ! grep -q mailwire-token '$work/o2'"
check "--auth xoauth2 with the token from --oauth2-command" bash -c "'$mw' --trace --auth xoauth2 --oauth2-command 'echo mailwire-token-alice' ls '$imap' 2>&1 | grep -q '^C: A[0-9]* AUTHENTICATE XOAUTH2 \*\*\*'"
check "POP3 with --auth oauthbearer and MAILWIRE_OAUTH2_TOKEN" bash -c "MAILWIRE_OAUTH2_TOKEN=mailwire-token-alice '$mw' --trace --auth oauthbearer ls '$pop' 2>&1 | grep -q '^C: AUTH OAUTHBEARER \*\*\*'"
"$real_mw" --cacert "$MW_CA_FILE" --oauth2-bearer mailwire-token-bob ls "$imap" 2> "$work/err"; s=$?
[ $s -eq 3 ] && grep -q "Authentication failed" "$work/err" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: another user's token is refused ($s)"; }
env -u MAILWIRE_OAUTH2_TOKEN "$real_mw" --auth oauthbearer ls "$imap" 2> "$work/err"; s=$?
[ $s -eq 1 ] && grep -q "no OAuth2 token" "$work/err" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: --auth oauthbearer without a token ($s)"; }
check "get --help shows get's usage" bash -c "'$mw' get --help | grep -q '^usage: mailwire get URL/MAILBOX;UID=n' && '$mw' help push | grep -q '^usage: mailwire push DIR'"
# ~ is $HOME; for the Windows tool under Wine (which passes no HOME) the
# user's profile folder
home=$work
if [ -n "${MAILWIRE_TEST_WINE:-}" ]; then
  profile=$("$MAILWIRE_TEST_WINE" cmd /c 'echo %USERPROFILE%' | tr -d '\r')
  home=$("$MAILWIRE_TEST_WINE" winepath -u "$profile" | tr -d '\r')
  trap 'rm -rf "$work" "$home/.netrc"' EXIT
fi
printf 'machine 127.0.0.1 login alice password %s\n' "$MW_PASSWORD" > "$home/.netrc"
check "~/.netrc" env -u MAILWIRE_PASSWORD HOME="$work" "$mw" ls "$imap"
check "--version" bash -c "'$mw' --version | grep -q '^mailwire [0-9]'"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
