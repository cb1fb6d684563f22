#!/usr/bin/env bash
# cyrus.sh start|stop|status DIR
#
# Cyrus IMAP (imapd and pop3d under its master process) on loopback: a
# third real server beside the harness's Dovecot and Mailutils, with the
# same users, passwords, mail and test CA. Its packages conflict with
# Dovecot's, so they are unpacked into a cache folder, not installed (see
# common.sh); the libraries and the SASL tools come from scripts/deps.sh.
# Cyrus keeps mail in a store of its own: each user's Maildir under
# DIR/home is appended to its INBOX in order and stays the reference the
# tests compare with. `start` writes DIR/server.env with MW_SERVER=cyrus.
set -Eeuo pipefail
trap 'echo "cyrus: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
cmd=${1:?usage: cyrus.sh start|stop|status DIR}
dir=${2:?usage: cyrus.sh start|stop|status DIR}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=common.sh
. "$here/common.sh"

packages=(cyrus-common cyrus-imapd cyrus-pop3d)
admin_password=mailwire-admin

stop() {
  [ -f "$dir/master.pid" ] || return 0
  local pid; pid=$(cat "$dir/master.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$dir/master.pid"
}

imapd_conf() {
  cat <<CONF
configdirectory: $dir/conf
partition-default: $dir/spool
admins: cyrusadmin
sasl_pwcheck_method: auxprop
sasl_auxprop_plugin: sasldb
sasl_sasldb_path: $dir/sasldb2
sasl_mech_list: PLAIN LOGIN CRAM-MD5 SCRAM-SHA-256
allowplaintext: yes
# no pause after a failed login: the tests fail logins on purpose
failedloginpause: 0
# DELETE removes at once: a delayed delete renames the mailbox by the
# second, and a second DELETE of a same name within it fails
delete_mode: immediate
unixhierarchysep: yes
altnamespace: yes
tls_server_cert: $dir/certs/server.crt
tls_server_key: $dir/certs/server.key
lmtpsocket: $dir/conf/socket/lmtp
idlesocket: $dir/conf/socket/idle
notifysocket: $dir/conf/socket/notify
syslog_prefix: mailwire-cyrus
CONF
}

cyrus_conf() { # bin imap imaps pop3 pop3s
  local c="-C $dir/imapd.conf"
  cat <<CONF
START {
  recover cmd="$1/ctl_cyrusdb $c -r"
}
SERVICES {
  imap cmd="$1/imapd $c" listen="127.0.0.1:$2" prefork=0
  imaps cmd="$1/imapd $c -s" listen="127.0.0.1:$3" prefork=0
  pop3 cmd="$1/pop3d $c" listen="127.0.0.1:$4" prefork=0
  pop3s cmd="$1/pop3d $c -s" listen="127.0.0.1:$5" prefork=0
}
EVENTS {
}
DAEMON {
  # pushes mailbox changes to sessions in IDLE (without it imapd looks
  # every 60 seconds)
  idled cmd="$1/idled $c"
}
CONF
}

# The SASL database: every harness user, and the administrator that
# creates their mailboxes.
write_users() {
  local name password
  { harness_users; printf 'cyrusadmin\t%s\n' "$admin_password"; } |
    while IFS=$'\t' read -r name password; do
      printf '%s' "$password" | saslpasswd2 -p -c -f "$dir/sasldb2" "$name"
    done
}

# pop3d is started per connection: the first ones after a start have been
# seen to fail. Ready is when a login of alice works; up to 20 tries.
pop3_ready() { # pop3-port
  local try answer
  for try in $(seq 20); do
    answer=$(
      exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 0
      printf 'USER alice\r\nPASS wonderland\r\nQUIT\r\n' >&3
      timeout 10 cat <&3
    ) || true
    [ "$(grep -c '^+OK' <<<"$answer")" -ge 3 ] && return 0
    sleep 0.5
  done
  echo "cyrus: pop3d does not log alice in; its last answer: $answer" >&2
  return 1
}

start() {
  command -v saslpasswd2 > /dev/null || { echo "cyrus: saslpasswd2 is missing (run scripts/deps.sh)" >&2; return 1; }
  local cached; cached=$(debian_unpacked cyrus usr/lib/cyrus/bin/master "${packages[@]}")
  check_libraries cyrus "$cached" usr/lib/cyrus/bin/master usr/lib/cyrus/bin/imapd usr/lib/cyrus/bin/pop3d
  stop
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  rm -rf "$dir/conf" "$dir/spool" "$dir/home" "$dir/sasldb2" "$dir/root"
  # a copy (6.6 MB) the unprivileged user the servers run as can reach:
  # the cache may be in a home folder closed to others
  cp -a "$cached" "$dir/root"
  local root=$dir/root bin=$dir/root/usr/lib/cyrus/bin
  mkdir -p "$dir"/conf/{db,socket,proc,log,msg,user,quota,sieve,lock} "$dir/spool"
  "$here/make-certs.sh" "$dir/certs"
  sample_mail
  write_users
  # master drops root for CYRUS_USER; as anyone else, it stays who it is
  local user; user=$([ "$(id -u)" = 0 ] && echo nobody || id -un)
  [ "$(id -u)" != 0 ] || chown -R nobody:nogroup "$dir/conf" "$dir/spool" "$dir/sasldb2" "$dir/certs"
  imapd_conf > "$dir/imapd.conf"
  local p1 p2 p3 p4 attempt
  for attempt in 1 2 3; do
    p1=$(free_port); p2=$(free_port); p3=$(free_port); p4=$(free_port)
    cyrus_conf "$bin" "$p1" "$p2" "$p3" "$p4" > "$dir/cyrus.conf"
    # The daemon must not hold the caller's stdout open (ctest waits on it).
    LD_LIBRARY_PATH=$(libraries_of "$root") CYRUS_USER=$user setsid "$bin/master" -D \
      -C "$dir/imapd.conf" -M "$dir/cyrus.conf" -p "$dir/master.pid" < /dev/null > "$dir/master.log" 2>&1 &
    if wait_ready "$p1" && wait_ready "$p2" && wait_ready "$p3" && wait_ready "$p4"; then
      break
    fi
    echo "cyrus: master did not start (attempt $attempt)" >&2
    stop
    [ "$attempt" -lt 3 ] || return 1
  done
  harness_users | python3 "$here/cyrus_fill.py" "$p1" "$dir/home" "$admin_password"
  pop3_ready "$p3"
  write_server_env cyrus "$p1" "$p2" "$p3" "$p4" MW_USER=alice
  echo "cyrus: imapd and pop3d on 127.0.0.1 imap=$p1 imaps=$p2 pop3=$p3 pop3s=$p4 ($dir)"
}

case $cmd in
  start) start ;;
  stop) stop ;;
  status) [ -f "$dir/master.pid" ] && kill -0 "$(cat "$dir/master.pid")" ;;
  *) echo "usage: cyrus.sh start|stop|status DIR" >&2; exit 2 ;;
esac
