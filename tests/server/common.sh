# common.sh - what every server of the harness shares: free ports, users,
# sample mail (sourced; uses $dir and $here). Each user's mail is a Maildir at
# $dir/home/USER/Maildir, written with CRLF line ends; the names sort in
# delivery order, so the n-th file is the n-th message.

write_mail() { # user file-name line... (written with CRLF line ends)
  local user=$1 name=$2; shift 2
  local box="$dir/home/$user/Maildir"
  mkdir -p "$box/cur" "$box/new" "$box/tmp"
  printf '%s\r\n' "$@" > "$box/cur/$name:2,"
}

sample_mail() {
  write_mail alice 1700000001.M1P1.mailwire \
    'From: Bob Builder <bob@example.test>' 'To: Alice <alice@example.test>' \
    'Subject: Welcome to mailwire' 'Date: Tue, 14 Nov 2023 10:00:00 +0000' \
    'Message-ID: <welcome@example.test>' '' 'Hello Alice,' '' 'this is the first message.'
  write_mail alice 1700000002.M2P1.mailwire \
    'From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <juergen@example.test>' \
    'To: alice@example.test' 'Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgTcO8bmNoZW4=?=' \
    'Date: Wed, 15 Nov 2023 11:30:00 +0100' 'Message-ID: <gruesse@example.test>' \
    'MIME-Version: 1.0' 'Content-Type: multipart/mixed; boundary="b1"' '' \
    '--b1' 'Content-Type: text/plain; charset=utf-8' 'Content-Transfer-Encoding: 8bit' '' \
    'Grüße aus München.' '--b1' 'Content-Type: application/octet-stream; name="data.bin"' \
    'Content-Transfer-Encoding: base64' 'Content-Disposition: attachment; filename="data.bin"' '' \
    'AAECAwQFBgcICQ==' '--b1--'
  write_mail alice 1700000003.M3P1.mailwire \
    'From: carol@example.test' 'To: alice@example.test' 'Subject: Dots' \
    'Date: Thu, 16 Nov 2023 09:15:00 +0000' 'Message-ID: <dots@example.test>' '' \
    'The next line starts with a dot:' '.hidden' '..double' '.' 'end.'
  write_mail carol 1700000004.M4P1.mailwire \
    'From: alice@example.test' 'To: carol@example.test' 'Subject: For Carol' '' 'Hi.'
  # bob's maildrop is for tests that delete
  for i in 1 2 3; do
    write_mail bob "170000001$i.M1${i}P1.mailwire" "From: alice@example.test" "To: bob@example.test" \
      "Subject: Note $i" "Message-ID: <note$i@example.test>" '' "Note number $i."
  done
  # erin's mailboxes are for IMAP tests that create, copy and move
  for i in 1 2 3; do
    write_mail erin "170000002$i.M2${i}P1.mailwire" "From: alice@example.test" "To: erin@example.test" \
      "Subject: Item $i" "Message-ID: <item$i@example.test>" '' "Item number $i."
  done
  # frank's maildrop is emptied by the POP3 download-and-delete sample
  for i in 1 2; do
    write_mail frank "170000003$i.M3${i}P1.mailwire" "From: alice@example.test" "To: frank@example.test" \
      "Subject: Parcel $i" "Message-ID: <parcel$i@example.test>" '' "Parcel number $i."
  done
  # helen's messages are MIME as real mail shapes it (test_mime_parts.c)
  python3 "$here/make_mime_mail.py" "$dir/home/helen/Maildir"
  big_mail
  bench_mail
}

# archive has MAILWIRE_ARCHIVE_MESSAGES small messages (default 100,000;
# 0: none), for the big-mailbox tests. It is made once per machine and
# kept, with Dovecot's index of it, under /tmp: every build's server serves
# the same one, which only ever reads it. Its home is a link to it.
archive_mail() {
  local n=${MAILWIRE_ARCHIVE_MESSAGES:-100000}
  [ "$n" -gt 0 ] || return 0
  local cache=${MAILWIRE_ARCHIVE_CACHE:-/tmp/mailwire-archive-$(id -u)} key
  key=$(sha256sum "$here/make_archive.py" | cut -c1-12)
  local home=$cache/$n-$key
  mkdir -p "$cache"
  (
    flock 9 # two servers starting at once make it once
    if [ ! -d "$home/Maildir" ]; then
      rm -rf "$home.part"
      python3 "$here/make_archive.py" "$home.part/Maildir" "$n"
      [ "$(id -u)" != 0 ] || chown -R "$(id -u nobody):$(id -g nobody)" "$home.part"
      mv "$home.part" "$home"
    fi
  ) 9> "$cache/.lock"
  [ "$(id -u)" != 0 ] || chmod 755 "$cache"
  ln -sfn "$home" "$dir/home/archive"
}

# With MAILWIRE_BENCH_MESSAGES=N, user bench gets N messages of 0.5-8 KB.
bench_mail() {
  local n=${MAILWIRE_BENCH_MESSAGES:-0}
  [ "$n" -gt 0 ] || return 0
  local box="$dir/home/bench/Maildir"
  mkdir -p "$box/cur" "$box/new" "$box/tmp"
  for i in $(seq "$n"); do
    local size=$((384 + (i * 7919) % 5760))
    {
      printf '%s\r\n' "From: sender$((i % 97))@example.test" 'To: bench@example.test' \
        "Subject: Benchmark message $i" "Message-ID: <bench$i@example.test>" ''
      head -c "$size" /dev/urandom | base64 -w 76 | sed 's/$/\r/'
    } > "$box/cur/$((1700100000 + i)).M${i}P9.mailwire:2,"
  done
}

# dave has one large message (about 60 MB): constant-memory transfers are
# measured on it.
big_mail() {
  local box="$dir/home/dave/Maildir"
  mkdir -p "$box/cur" "$box/new" "$box/tmp"
  local f="$box/cur/1700000100.M100P1.mailwire:2,"
  {
    printf '%s\r\n' 'From: alice@example.test' 'To: dave@example.test' 'Subject: Large' \
      'Message-ID: <large@example.test>' 'Content-Type: application/octet-stream' \
      'Content-Transfer-Encoding: base64' ''
    head -c "${MAILWIRE_BIG_MAIL_BYTES:-45000000}" /dev/urandom | base64 -w 76 | sed 's/$/\r/'
  } > "$f"
}

free_port() {
  python3 - <<'PY' 2>/dev/null || echo $((20000 + RANDOM % 30000))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

wait_ready() {
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

# The users, a line each: NAME<TAB>PASSWORD. carol's password carries a
# quote, a backslash and UTF-8; gina's maildrop is the tool's
# download-and-delete test's alone (it fills it itself).
harness_users() {
  printf 'alice\twonderland\nbob\tbuilder\ncarol\tp\xc3\xa4ss "q" \\back\ndave\tbigmail\n'
  printf 'erin\terin\nfrank\tfrank\nbench\tbench\narchive\tarchive\ngina\tgina\n'
  printf 'helen\thelen\nivy\tivy\njack\tjack\nkate\tkate\n'
}

# Servers that Debian packages but that conflict with Dovecot's packages are
# never installed: their packages are fetched with `apt-get download` and
# unpacked into a cache folder, once per Debian version, and run from there.
#   debian_unpacked NAME PROBE PACKAGE...   prints that folder; PROBE is a
#                                           file the unpacking must hold
debian_unpacked() {
  local name=$1 probe=$2; shift 2
  local cache=${MAILWIRE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mailwire} version
  version=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')
  if [ -z "$version" ] || [ "$version" = "(none)" ]; then
    echo "$name: Debian's package lists do not know $1 (run apt-get update)" >&2
    return 1
  fi
  local root=$cache/$name-${version//:/_}
  if [ ! -e "$root/$probe" ]; then
    rm -rf "$root.part"
    mkdir -p "$root.part/debs"
    (cd "$root.part/debs" && apt-get download -q "$@" > /dev/null 2>&1) || {
      echo "$name: apt-get download $* failed" >&2; return 1; }
    local deb
    for deb in "$root.part"/debs/*.deb; do dpkg-deb -x "$deb" "$root.part"; done
    rm -rf "$root.part/debs" "$root"
    mv "$root.part" "$root"
  fi
  echo "$root"
}

# The unpacked libraries' folder, for LD_LIBRARY_PATH.
libraries_of() { echo "$1/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)"; }

# check_libraries NAME ROOT BINARY...: fails, naming them, when libraries
# the unpacked binaries need are missing (scripts/deps.sh installs them).
check_libraries() {
  local name=$1 root=$2 missing b; shift 2
  missing=$(for b in "$@"; do LD_LIBRARY_PATH=$(libraries_of "$root") ldd "$root/$b"; done |
            awk '/not found/ {print $1}' | sort -u | tr '\n' ' ')
  if [ -n "$missing" ]; then
    echo "$name: libraries missing: $missing(run scripts/deps.sh)" >&2
    return 1
  fi
}

# write_server_env KIND IMAP IMAPS POP3 POP3S [KEY=VALUE...]: DIR/server.env,
# what the tests read of a server of the harness (testutil.h server_env).
write_server_env() {
  local kind=$1 p1=$2 p2=$3 p3=$4 p4=$5; shift 5
  {
    printf '%s\n' "MW_SERVER=$kind" MW_HOST=127.0.0.1 "MW_IMAP_PORT=$p1" "MW_IMAPS_PORT=$p2" \
      "MW_POP3_PORT=$p3" "MW_POP3S_PORT=$p4" "MW_CA_FILE=$dir/certs/ca.crt" "MW_CERT_DIR=$dir/certs" \
      "MW_MAIL_DIR=$dir/home" MW_PASSWORD=wonderland "$@"
  } > "$dir/server.env"
}
