#!/usr/bin/env bash
# sync_vs_mbsync.sh [MESSAGES] - `mailwire sync` against mbsync (Debian
# isync, "Sync All") keeping the same mailbox of the same private Dovecot
# and a Maildir the same both ways, over implicit TLS. Three steps each,
# on a fresh server each time:
#   first     the server's MESSAGES into an empty Maildir
#   nothing   again, with nothing changed
#   changes   10% of the messages flagged on the server, 10% read here,
#             and 20 new messages here to append
# Prints per step: wall time, client CPU, peak memory, and the protocol
# bytes both ways (Dovecot's in= and out=, after TLS). Both make every
# message durable before they record it: mbsync with an fsync per message,
# mailwire with one flush of the file system per 100.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
messages=${1:-2000}
command -v bc > /dev/null || { echo "bc not installed (apt-get install bc)"; exit 2; }
command -v mbsync > /dev/null || { echo "mbsync not installed (apt-get install isync)"; exit 2; }
mw=${MAILWIRE_BENCH_BIN:-$root/build}/src/mailwire
[ -x "$mw" ] || mw=$root/build/src/mailwire
[ -x "$mw" ] || { echo "build first: cmake -S . -B build && cmake --build build"; exit 2; }
server=/tmp/mailwire-bench-sync-$(id -u)
work=$(mktemp -d)
trap '"$root/tests/server/mailserver.sh" stop "$server" > /dev/null; rm -rf "$work"' EXIT

fresh_server() {
  MAILWIRE_BENCH_MESSAGES=$messages "$root/tests/server/mailserver.sh" start "$server" > /dev/null
  # shellcheck disable=SC1091
  . "$server/server.env"
}

measure() { # label command... -> a line "label wall cpu rss_kb bytes" into $work/rows
  local label=$1; shift
  local before; before=$(wc -l < "$server/dovecot.log")
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > /dev/null 2> "$work/err" || { cat "$work/err"; exit 1; }
  # the bytes of the sessions this run logged out of
  local bytes; bytes=$(tail -n +"$((before + 1))" "$server/dovecot.log" |
    sed -n 's/.*imap(bench).* in=\([0-9]*\) out=\([0-9]*\).*/\1 \2/p' | awk '{ s += $1 + $2 } END { print s + 0 }')
  awk -v l="$label" -v b="$bytes" '{ printf "%s %s %.2f %s %s\n", l, $1, $2 + $3, $4, b }' "$work/time" >> "$work/rows"
}

# the changes of step 3: on the server through IMAP, here in the Maildir
change_both() { # maildir
  python3 - "$MW_IMAP_PORT" "$messages" <<'PY'
import imaplib, sys
m = imaplib.IMAP4("127.0.0.1", int(sys.argv[1]))
m.login("bench", "bench")
m.select("INBOX")
n = int(sys.argv[2])
m.uid("STORE", ",".join(str(u) for u in range(1, n + 1, 10)), "+FLAGS", "(\\Flagged)")
m.logout()
PY
  local i=0
  while IFS= read -r f; do
    i=$((i + 1))
    [ $((i % 10)) -eq 5 ] || continue
    case $f in *:2,*) mv "$f" "$f"S ;; *) mv "$f" "$1/cur/$(basename "$f"):2,S" ;; esac
  done < <(find "$1/new" "$1/cur" -type f | sort)
  for j in $(seq 20); do
    printf 'From: bench@example.test\r\nSubject: written here %s\r\nMessage-ID: <here-%s-%s@example.test>\r\n\r\nnew\r\n' "$j" "$j" "$$" > "$1/new/$((1700000000 + j)).B$j.host"
  done
}

# what a client holds after the steps: "messages-here messages-there"
holdings() { # maildir
  printf '%s %s' "$(find "$1/new" "$1/cur" -type f | wc -l)" \
    "$(python3 -c "import imaplib; m=imaplib.IMAP4('127.0.0.1',$MW_IMAP_PORT); m.login('bench','bench'); print(m.select('INBOX', readonly=True)[1][0].decode())")"
}

# ---- mailwire sync -------------------------------------------------------------
fresh_server
md=$work/mailwire
run_mw() { MAILWIRE_PASSWORD=bench measure "$1" "$mw" -q --cacert "$MW_CA_FILE" sync "imaps://bench@localhost:$MW_IMAPS_PORT/INBOX" "$md"; }
run_mw "mailwire first"
run_mw "mailwire nothing"
change_both "$md"
run_mw "mailwire changes"
read -r mw_count mw_server <<< "$(holdings "$md")"

# ---- mbsync --------------------------------------------------------------------
fresh_server
mb=$work/mbsync
mkdir -p "$mb"
cat > "$work/mbsyncrc" <<RC
IMAPAccount bench
Host localhost
Port $MW_IMAPS_PORT
User bench
Pass bench
SSLType IMAPS
CertificateFile $MW_CA_FILE

IMAPStore remote
Account bench

MaildirStore local
Path $mb/
Inbox $mb/INBOX

Channel both
Far :remote:
Near :local:
Patterns INBOX
Sync All
Create Near
SyncState *
RC
run_mb() { measure "$1" mbsync -q -c "$work/mbsyncrc" both; }
run_mb "mbsync first"
run_mb "mbsync nothing"
change_both "$mb/INBOX"
run_mb "mbsync changes"
read -r mb_count mb_server <<< "$(holdings "$mb/INBOX")"

bytes=$(du -sb "$server/home/bench/Maildir/cur" | cut -f1)
printf '%d messages (%.1f MB) both ways over implicit TLS; after the three steps mailwire holds %s here and %s there, mbsync %s and %s\n\n' \
  "$messages" "$(echo "$bytes / 1000000" | bc -l)" "$mw_count" "$mw_server" "$mb_count" "$mb_server"
printf '%-18s %10s %10s %16s %16s\n' "client, step" "wall (s)" "CPU (s)" "peak RSS (MiB)" "protocol bytes"
while read -r client step wall cpu rss b; do
  printf '%-18s %10s %10s %16.1f %16s\n' "$client $step" "$wall" "$cpu" "$(echo "$rss / 1024" | bc -l)" "$b"
done < "$work/rows"
