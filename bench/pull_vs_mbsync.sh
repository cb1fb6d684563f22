#!/usr/bin/env bash
# pull_vs_mbsync.sh [MESSAGES] [RUNS] - `mailwire pull` against mbsync
# (Debian isync) pulling the same mailbox from the same private Dovecot over
# implicit TLS into a Maildir, both flushing every message to disk. Prints a
# table of medians: wall time, client CPU, peak memory.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
messages=${1:-2000}
runs=${2:-3}
command -v bc > /dev/null || { echo "bc not installed (apt-get install bc)"; exit 2; }
command -v mbsync > /dev/null || { echo "mbsync not installed (apt-get install isync)"; exit 2; }
mw="$root/build/src/mailwire"
[ -x "$mw" ] || { echo "build first: cmake -S . -B build && cmake --build build"; exit 2; }
server=/tmp/mailwire-bench-$(id -u)
MAILWIRE_BENCH_MESSAGES=$messages "$root/tests/server/mailserver.sh" start "$server" > /dev/null
trap '"$root/tests/server/mailserver.sh" stop "$server"' EXIT
# shellcheck disable=SC1091
. "$server/server.env"
work=$(mktemp -d)
trap '"$root/tests/server/mailserver.sh" stop "$server"; rm -rf "$work"' EXIT

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
Path $work/mbsync/
Inbox $work/mbsync/INBOX

Channel pull
Far :remote:
Near :local:
Patterns INBOX
Sync Pull
Create Near
SyncState *
RC

measure() { # label command... -> "wall user+sys maxrss_kb"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > /dev/null 2> "$work/err" || { cat "$work/err"; exit 1; }
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

: > "$work/mw"; : > "$work/mb"
for _ in $(seq "$runs"); do
  rm -rf "$work/maildir" "$work/mbsync"; mkdir -p "$work/mbsync"
  MAILWIRE_PASSWORD=bench measure "$mw" -q --cacert "$MW_CA_FILE" pull "imaps://bench@localhost:$MW_IMAPS_PORT/INBOX" "$work/maildir" >> "$work/mw"
  measure mbsync -q -c "$work/mbsyncrc" pull >> "$work/mb"
done
got_mw=$(find "$work/maildir/new" "$work/maildir/cur" -type f | wc -l)
got_mb=$(find "$work/mbsync/INBOX" -type f -path '*/cur/*' -o -type f -path '*/new/*' | wc -l)
bytes=$(du -sb "$server/home/bench/Maildir/cur" | cut -f1)
printf '%d messages, %.1f MB, %d runs, implicit TLS, every message on the disk before it is recorded (mbsync: fsync per message; mailwire: one syncfs per 100)\n\n' "$messages" "$(echo "$bytes / 1000000" | bc -l)" "$runs"
printf '%-18s %10s %12s %14s %10s\n' client "wall (s)" "CPU (s)" "peak RSS (MiB)" messages
for c in mw mb; do
  name=$([ $c = mw ] && echo "mailwire pull" || echo "mbsync")
  got=$([ $c = mw ] && echo "$got_mw" || echo "$got_mb")
  printf '%-18s %10s %12s %14.1f %10s\n' "$name" "$(cut -d' ' -f1 "$work/$c" | median)" \
    "$(cut -d' ' -f2 "$work/$c" | median)" "$(echo "$(cut -d' ' -f3 "$work/$c" | median) / 1024" | bc -l)" "$got"
done
