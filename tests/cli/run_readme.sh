#!/usr/bin/env bash
# run_readme.sh SERVER_ENV MAILWIRE - the README's examples of the tool,
# each line run as printed against the harness's Dovecot. Only the servers
# in them become the harness's (user kate, the IMAPS port) and the token
# helper prints kate's token; HOME is a scratch folder, so ~/Mail and the
# account file are too. Every line must exit 0; -o and --attachments must
# write what they say.
set -uo pipefail
# shellcheck disable=SC1090
. "$1"
here=$(cd "$(dirname "$0")" && pwd)
readme=$here/../../README.md
tool=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home
mkdir -p "$HOME/Downloads" "$HOME/.config/mailwire" "$work/bin" "$work/seed/new" "$work/seed/cur" "$work/seed/tmp"

# `mailwire` on PATH: the tool under test, trusting the test CA
cat > "$work/bin/mailwire" <<EOF
#!/bin/sh
exec "$tool" --cacert "$MW_CA_FILE" "\$@"
EOF
printf '#!/bin/sh\necho mailwire-token-kate\n' > "$work/bin/my-token-helper"
chmod +x "$work/bin/mailwire" "$work/bin/my-token-helper"
export PATH="$work/bin:$PATH" MAILWIRE_PASSWORD=kate
server="kate@127.0.0.1:$MW_IMAPS_PORT"
printf '[work]\nurl = imaps://%s\nmaildir = ~/Mail/work\n' "$server" > "$HOME/.config/mailwire/config"

# kate's INBOX: 42 messages, so that UID 42 exists; the last one has an
# attachment. A second run on the same server appends none (Message-IDs).
for i in $(seq 1 41); do
  printf 'From: bob@example.test\r\nSubject: note %s\r\nMessage-ID: <readme-%s@example.test>\r\n\r\nhi\r\n' "$i" "$i" > "$work/seed/new/$((1700000000 + i)).M$i.host"
done
printf '%s\r\n' 'From: bob@example.test' 'Subject: the report' 'Message-ID: <readme-42@example.test>' \
  'MIME-Version: 1.0' 'Content-Type: multipart/mixed; boundary="b"' '' '--b' 'Content-Type: text/plain' '' \
  'see the report' '--b' 'Content-Type: text/plain; name="report.txt"' \
  'Content-Disposition: attachment; filename="report.txt"' '' 'the figures' '--b--' \
  > "$work/seed/new/1700000042.M42.host"
mailwire -q push "$work/seed" "imaps://$server/INBOX" > /dev/null || { echo "FAILED: kate's INBOX could not be filled"; exit 1; }

block=$(awk '/^## The mailwire tool/ {tool = 1} tool && /^```sh$/ {code = 1; next} code && /^```$/ {exit} code' "$readme")
[ "$(printf '%s\n' "$block" | grep -c '^mailwire ')" -ge 10 ] || { echo "FAILED: no examples found in $readme"; exit 1; }
passed=0 failed=0
cd "$work" || exit 1
while IFS= read -r line; do
  [ -n "$line" ] || continue
  run=$(printf '%s' "$line" | sed -e "s/alice@mail\.example\.com/$server/g; s/alice@other\.example\.com/$server/g" \
                                  -e "s/me@gmail\.com@imap\.gmail\.com/$server/g")
  case $line in
    "mailwire watch"*) # until interrupted: SIGINT after a second ends it cleanly
      timeout --preserve-status -s INT 2 bash -c "exec ${run%%#*}" > "$work/out" 2> "$work/err" < /dev/null ;;
    *) bash -c "$run" > "$work/out" 2> "$work/err" < /dev/null ;;
  esac
  s=$?
  if [ $s -eq 0 ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAILED (exit $s): $line"; sed 's/^/  /' "$work/err" | head -5; fi
done <<< "$block"
# what the lines promise, beyond their exit status
if grep -q '^Subject: the report' "$work/msg.eml" && [ "$(cat "$HOME/Downloads/report.txt")" = "the figures" ] &&
   [ "$(find "$HOME/Mail/inbox/new" "$HOME/Mail/inbox/cur" -type f 2> /dev/null | wc -l)" -eq 42 ]; then
  passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: msg.eml, the attachment or the pulled Maildir"; fi
echo "$passed passed, $failed failed (README examples)"
[ "$failed" -eq 0 ]
