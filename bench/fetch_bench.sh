#!/usr/bin/env bash
# fetch_bench.sh [MESSAGES] [RUNS] - bulk IMAP fetch, side by side in one run:
# the floor (a raw client that parses nothing), mailwire, and the peers that
# are installed (libetpan, Python imaplib, curl), over plain TCP and over
# implicit TLS, against a private Dovecot on loopback with MESSAGES messages
# of 0.5-8 KB (default 10000) and one message of about 66 MB. Prints medians
# of RUNS runs (default 3): wall time, client CPU time, peak RSS.
# MAILWIRE_BENCH_BIN names the build's bench folder (default build/bench);
# MAILWIRE_BENCH_ALT_BIN a second build's (another mbedTLS, say), whose
# mailwire runs in the same rounds as "mailwire-alt".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
messages=${1:-10000}
runs=${2:-3}
bin=${MAILWIRE_BENCH_BIN:-$root/build/bench}
alt=${MAILWIRE_BENCH_ALT_BIN:-}
[ -x "$bin/mailwire_client" ] || { echo "build first: cmake -S . -B build && cmake --build build"; exit 2; }
command -v bc > /dev/null || { echo "bc not installed (apt-get install bc)"; exit 2; }
server=/tmp/mailwire-bench-$(id -u)
echo "starting Dovecot with $messages messages and a large message..." >&2
MAILWIRE_BENCH_MESSAGES=$messages MAILWIRE_BIG_MAIL_BYTES=${MAILWIRE_BIG_MAIL_BYTES:-48500000} \
  "$root/tests/server/mailserver.sh" start "$server" > /dev/null
work=$(mktemp -d)
trap '"$root/tests/server/mailserver.sh" stop "$server" > /dev/null; rm -rf "$work"' EXIT
# shellcheck disable=SC1091
. "$server/server.env"
host=127.0.0.1

measure() { # command... -> "wall cpu maxrss_kb" appended to $work/$label
  "$bin/measure" "$work/time" "$@" > /dev/null 2> "$work/err" ||
    { echo "failed: $*" >&2; cat "$work/err" >&2; exit 1; }
  cat "$work/time" >> "$work/$label"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
column_median() { cut -d' ' -f"$1" "$work/$2" | median; }

pipeline() { # user password set
  printf 'a LOGIN %s %s\r\nb EXAMINE INBOX\r\nc FETCH %s BODY.PEEK[]\r\nd LOGOUT\r\n' "$1" "$2" "$3"
}
cat > "$work/imaplib_client.py" <<'PY'
import imaplib, os, ssl, sys
port, user, password, what = sys.argv[1:]
cafile = os.environ.get("CAFILE")
if cafile:
    conn = imaplib.IMAP4_SSL("localhost", int(port), ssl_context=ssl.create_default_context(cafile=cafile))
else:
    conn = imaplib.IMAP4("127.0.0.1", int(port))
conn.login(user, password)
conn.select("INBOX", readonly=True)
status, data = conn.fetch(what, "(BODY.PEEK[])")
print(status, sum(len(d[1]) for d in data if isinstance(d, tuple)))
conn.logout()
PY

# One run of every contender fetching SET from USER's INBOX over MODE
# (plain or tls); with FILE the floor and mailwire save to it instead.
run_round() { # mode set user password [file]
  local mode=$1 set=$2 user=$3 pass=$4 file=${5:-} port ca=() scheme=imap
  if [ "$mode" = tls ]; then port=$MW_IMAPS_PORT; ca=(--cacert "$MW_CA_FILE"); scheme=imaps
  else port=$MW_IMAP_PORT; fi
  label=floor-$mode
  if [ "$mode" = plain ]; then
    measure "$bin/floor_client" $host "$port" "$user" "$pass" INBOX "$set" ${file:+"$file"}
  else
    pipeline "$user" "$pass" "$set" > "$work/pipeline"
    # with FILE it is flushed to disk, as floor_client and ImapSaveMessage do
    measure bash -c "openssl s_client -quiet -CAfile '$MW_CA_FILE' -connect localhost:$port < '$work/pipeline' 2> /dev/null > '${file:-/dev/null}' ${file:+&& sync '$file'}"
  fi
  local client what=(fetch "$set")
  [ -n "$file" ] && what=(save "$set" "$file")
  for client in "$bin" ${alt:+"$alt"}; do
    label=mailwire$([ "$client" = "$bin" ] || echo -alt)-$mode
    measure "$client/mailwire_client" "${ca[@]}" "localhost:$port" "$user" "$pass" INBOX "${what[@]}"
  done
  [ -z "$file" ] || return 0
  if [ -x "$bin/etpan_client" ]; then
    label=libetpan-$mode
    local tls=(); [ "$mode" = tls ] && tls=(--tls)
    measure "$bin/etpan_client" "${tls[@]}" localhost "$port" "$user" "$pass" INBOX "$set"
  fi
  if command -v python3 > /dev/null; then
    label=imaplib-$mode
    CAFILE=$([ "$mode" = tls ] && echo "$MW_CA_FILE") measure python3 "$work/imaplib_client.py" "$port" "$user" "$pass" "$set"
  fi
  command -v curl > /dev/null || return 0
  label=curl-$mode
  # curl cannot take a whole FETCH response (it treats the untagged lines as
  # headers, with a limit); its way is one URL per message on one connection
  measure curl -sS "${ca[@]}" --user "$user:$pass" "$scheme://localhost:$port/INBOX;UID=[1-$messages]"
}

table() { # title labels...
  echo; echo "$1"
  printf '%-12s %9s %9s %9s %12s %9s\n' client "wall (s)" "x floor" "CPU (s)" "x floor CPU" "RSS (MiB)"
  shift
  local floor_wall floor_cpu
  floor_wall=$(column_median 1 "$1"); floor_cpu=$(column_median 2 "$1")
  [ "$(echo "$floor_cpu > 0" | bc)" = 1 ] || floor_cpu=0.001 # below the clock's step
  for l in "$@"; do
    [ -s "$work/$l" ] || continue
    local wall cpu rss
    wall=$(column_median 1 "$l"); cpu=$(column_median 2 "$l"); rss=$(column_median 3 "$l")
    printf '%-12s %9s %9.2f %9s %12.1f %9.1f\n' "${l%-*}" "$wall" "$(echo "$wall / $floor_wall" | bc -l)" \
      "$cpu" "$(echo "$cpu / $floor_cpu" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
  done
}

for mode in plain tls; do
  for _ in $(seq "$runs"); do run_round $mode '1:*' bench bench; done
done
bytes=$(du -sb "$server/home/bench/Maildir/cur" | cut -f1)
printf '%d messages, %.1f MB, median of %d runs, loopback; %s\n' "$messages" \
  "$(echo "$bytes / 1000000" | bc -l)" "$runs" "$("$bin/aesni_check")"
for client in "$bin" ${alt:+"$alt"}; do
  printf '%s negotiates %s\n' "$([ "$client" = "$bin" ] && echo mailwire || echo mailwire-alt)" \
    "$("$client/mailwire_client" --cacert "$MW_CA_FILE" "localhost:$MW_IMAPS_PORT" \
    bench bench INBOX fetch 1 2>&1 > /dev/null | sed -n 's/^TLS: //p')"
  [ "$client" = "$bin" ] || printf 'mailwire-alt: %s\n' "$("$client/aesni_check")"
done
for mode in plain tls; do
  table "bulk fetch of 1:*, $mode" {floor,mailwire,mailwire-alt,libetpan,imaplib,curl}-$mode
done

rm -f "$work"/*-plain "$work"/*-tls
# a save takes a quarter of a second, so it varies more from run to run:
# three times the runs, alternating the contenders, steady the medians
for mode in plain tls; do
  for _ in $(seq $((runs * 3))); do run_round $mode 1 dave bigmail "$work/big.eml"; done
done
big=$(du -sb "$server/home/dave/Maildir/cur" | cut -f1)
for mode in plain tls; do
  table "saving one $(echo "$big / 1000000" | bc) MB message to a file, $mode ($((runs * 3)) runs)" {floor,mailwire,mailwire-alt}-$mode
done
