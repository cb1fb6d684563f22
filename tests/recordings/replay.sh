#!/usr/bin/env bash
# replay.sh MAILWIRE FAKE_SCRIPT [DIR] - replays each recorded session in
# DIR (default: this folder), one file per server quirk, through the
# scripted server, with the mailwire tool as the client. A file is a
# fake_script script (S/C/P lines, greeting to logout) with a header:
#   # quirk:  what the server does
#   # from:   where the bytes come from (a server run on loopback, or a
#   #         provider's published protocol behaviour)
#   # run:    the tool's arguments; {imap} / {pop} stand for the URL of
#   #         the scripted server (imap://alice@127.0.0.1:PORT)
#   # exit:   the exit code wanted
#   # out:    an extended regular expression stdout must match (any number)
# A session passes when the tool exits as wanted, every out line matches,
# and the server saw exactly the lines the file expects.
set -uo pipefail
mw=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
fake=$2 dir=${3:-$(dirname "$0")}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MAILWIRE_PASSWORD=secret
passed=0 failed=0 n=0
for file in "$dir"/*.session; do
  n=$((n + 1))
  name=$(basename "$file" .session)
  args=$(sed -n 's/^# run: *//p' "$file")
  want_exit=$(sed -n 's/^# exit: *//p' "$file")
  rm -f "$work/port"
  "$fake" "$file" "$work/port" 2> "$work/fake.err" &
  pid=$!
  for _ in $(seq 200); do [ -s "$work/port" ] && break; sleep 0.02; done
  port=$(cat "$work/port" 2> /dev/null)
  args=${args//\{imap\}/imap://alice@127.0.0.1:$port}
  args=${args//\{pop\}/pop3://alice@127.0.0.1:$port}
  mkdir -p "$work/$name"
  (cd "$work/$name" && eval "\"$mw\" $args") > "$work/out" 2> "$work/err"
  rc=$?
  wait "$pid"
  fake_rc=$?
  why=""
  [ "$rc" = "$want_exit" ] || why="exit $rc, wanted $want_exit"
  [ $fake_rc -eq 0 ] || why="$why; the server saw other lines: $(cat "$work/fake.err")"
  while IFS= read -r pattern; do
    grep -Eq -- "$pattern" "$work/out" || why="$why; stdout lacks /$pattern/"
  done < <(sed -n 's/^# out: *//p' "$file")
  if [ -z "$why" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAILED: $name: ${why#; }"
    sed 's/^/  out: /' "$work/out" | head -5; sed 's/^/  err: /' "$work/err" | head -5
  fi
done
echo "$passed passed, $failed failed (recorded sessions)"
[ "$n" -gt 0 ] && [ "$failed" -eq 0 ]
