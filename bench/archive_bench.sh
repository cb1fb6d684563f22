#!/usr/bin/env bash
# archive_bench.sh [SIZES] [RUNS] - big mailboxes, side by side in one run:
# mailwire, Python imaplib and libetpan (where libetpan-dev is installed)
# doing the same jobs on the harness's archive user with each number of
# messages in SIZES (default "10000 100000 1000000"; tests/server/
# make_archive.py writes the Maildir once per size and keeps it, Dovecot
# indexes it once). Prints, for each size and job, the median of RUNS runs
# (default 1) of wall time, client CPU time and peak RSS, then how each
# grows from the smallest size to the largest.
#
# The jobs, over plain TCP on loopback (the tool's pull over STARTTLS, as
# it always takes it when offered):
#   pull           mailwire pull of the whole INBOX into an empty Maildir
#                  (mailwire only: the peers have no such tool)
#   pull, no news  the same pull again, nothing new; the peers ask what an
#                  incremental pull must ask (UIDNEXT, or a UID SEARCH)
#   search         UID SEARCH SUBJECT "Archive", which matches every message
#   list           UID, flags, size and date of every message (FETCH 1:*)
# MAILWIRE_BENCH_BIN names the build's bench folder (default build/bench),
# MAILWIRE_CLI the tool (default build/src/mailwire).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sizes=${1:-10000 100000 1000000}
runs=${2:-1}
bin=${MAILWIRE_BENCH_BIN:-$root/build/bench}
cli=${MAILWIRE_CLI:-$root/build/src/mailwire}
[ -x "$bin/mailwire_client" ] && [ -x "$cli" ] ||
  { echo "build first: cmake -S . -B build && cmake --build build"; exit 2; }
python=/usr/bin/python3 # the system's: a version manager's shim adds its own start-up
[ -x "$python" ] || python=$(command -v python3)
server=/tmp/mailwire-archive-bench-$(id -u)
work=$(mktemp -d)
trap '"$root/tests/server/mailserver.sh" stop "$server" > /dev/null; rm -rf "$work"' EXIT
results=$work/results # lines: size job client wall cpu rss_kib

# A contender that fails (imaplib refuses a line past 1,000,000 bytes)
# is reported with its last error line; the others go on.
failures=$work/failures # lines: size job client: reason
measure() { # size job client command...
  local size=$1 job=$2 client=$3; shift 3
  if "$bin/measure" "$work/time" "$@" > "$work/out" 2> "$work/err"; then
    echo "$size $job $client $(cat "$work/time")" >> "$results"
  else
    echo "$size $job $client: $(tail -n 1 "$work/err")" >> "$failures"
    : > "$work/out"
  fi
}

one_size() { # messages
  local n=$1 port
  echo "== $n messages: starting Dovecot (the first time, writing the Maildir)" >&2
  MAILWIRE_ARCHIVE_MESSAGES=$n MAILWIRE_BENCH_MESSAGES=0 MAILWIRE_BIG_MAIL_BYTES=1000 \
    "$root/tests/server/mailserver.sh" start "$server" > /dev/null
  # shellcheck disable=SC1091
  . "$server/server.env"
  port=$MW_IMAP_PORT
  local url="imap://archive@127.0.0.1:$port/INBOX" mw=("$bin/mailwire_client" "127.0.0.1:$port" archive archive INBOX)
  local py=("$python" "$root/bench/imaplib_client.py" "$port" archive archive)
  local etpan=("$bin/etpan_client" 127.0.0.1 "$port" archive archive INBOX)
  echo "   indexing, caching the subjects and the dates once, untimed" >&2
  "${mw[@]}" search 'SUBJECT "Archive"' > /dev/null
  "${mw[@]}" list '1:*' > /dev/null # the first listing reads every file's date
  export MAILWIRE_PASSWORD=archive
  for run in $(seq "$runs"); do
    echo "   run $run" >&2
    rm -rf "$work/maildir"
    measure "$n" pull mailwire "$cli" --cacert "$MW_CA_FILE" -q pull "$url" "$work/maildir"
    [ "$(find "$work/maildir/new" "$work/maildir/cur" -type f | wc -l)" -eq "$n" ] || echo "$n pull mailwire: took less than $n" >> "$failures"
    measure "$n" "pull,no-news" mailwire "$cli" --cacert "$MW_CA_FILE" -q pull "$url" "$work/maildir"
    measure "$n" "pull,no-news" imaplib "${py[@]}" since "$n"
    measure "$n" search mailwire "${mw[@]}" search 'SUBJECT "Archive"'
    grep -q "^$n matches" "$work/out" || echo "$n search mailwire: found $(cat "$work/out")" >> "$failures"
    measure "$n" search imaplib "${py[@]}" search Archive
    measure "$n" list mailwire "${mw[@]}" list '1:*'
    grep -q "^$n messages" "$work/out" || echo "$n list mailwire: found $(cat "$work/out")" >> "$failures"
    measure "$n" list imaplib "${py[@]}" list -
    if [ -x "$bin/etpan_client" ]; then
      measure "$n" "pull,no-news" libetpan "${etpan[@]}" since "$n"
      measure "$n" search libetpan "${etpan[@]}" search Archive
      measure "$n" list libetpan "${etpan[@]}" list -
    fi
  done
  # what the tool's pull with nothing new says to the server after login
  "$cli" --cacert "$MW_CA_FILE" --trace -q pull "$url" "$work/maildir" 2>&1 >/dev/null |
    sed -n 's/^C: A[0-9]* \([A-Z]*\).*/\1/p' | grep -v -e AUTHENTICATE -e CAPABILITY -e STARTTLS -e ID \
    > "$work/commands-$n" || true
  rm -rf "$work/maildir"
  "$root/tests/server/mailserver.sh" stop "$server" > /dev/null
}

for n in $sizes; do one_size "$n"; done

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
field() { # size job client column
  awk -v s="$1" -v j="$2" -v c="$3" -v k="$4" '$1 == s && $2 == j && $3 == c { print $k }' "$results" | median
}
echo
echo "Big mailboxes on loopback Dovecot, median of $runs run(s); peak RSS of the client process"
printf '%-9s %-14s %-9s %10s %10s %10s\n' messages job client "wall (s)" "CPU (s)" "RSS (MiB)"
jobs="pull pull,no-news search list"
clients=$(awk '{ print $3 }' "$results" | sort -u | tr '\n' ' ')
for n in $sizes; do
  for j in $jobs; do
    for c in $clients; do
      [ -n "$(field "$n" "$j" "$c" 4)" ] || continue
      printf '%-9s %-14s %-9s %10.2f %10.2f %10.1f\n' "$n" "$j" "$c" "$(field "$n" "$j" "$c" 4)" \
        "$(field "$n" "$j" "$c" 5)" "$(echo "$(field "$n" "$j" "$c" 6) / 1024" | bc -l)"
    done
  done
done
first=${sizes%% *}
last=${sizes##* }
echo
echo "Growth from $first to $last messages (x$((last / first)) the messages)"
printf '%-14s %-9s %12s %12s\n' job client "CPU x" "RSS x"
for j in $jobs; do
  for c in $clients; do
    a=$(field "$first" "$j" "$c" 5) b=$(field "$last" "$j" "$c" 5)
    ra=$(field "$first" "$j" "$c" 6) rb=$(field "$last" "$j" "$c" 6)
    [ -n "$a" ] && [ -n "$b" ] || continue
    printf '%-14s %-9s %12.1f %12.2f\n' "$j" "$c" "$(echo "$b / $a" | bc -l)" "$(echo "$rb / $ra" | bc -l)"
  done
done
echo
for n in $sizes; do
  echo "mailwire pull with nothing new, $n messages, after login: $(tr '\n' ' ' < "$work/commands-$n")"
done
if [ -s "$failures" ]; then
  echo
  echo "Failed (not in the tables above):"
  sed 's/^/  /' "$failures"
fi
