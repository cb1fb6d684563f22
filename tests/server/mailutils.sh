#!/usr/bin/env bash
# mailutils.sh start|stop|status DIR
#
# GNU Mailutils' imap4d and pop3d on loopback: a second real server beside
# the harness's Dovecot, with the same users, passwords, sample mail and
# test CA. Debian's Mailutils servers conflict with Dovecot's packages, so
# they are never installed: their packages are fetched with
# `apt-get download` and unpacked into a cache folder, and run from there
# (the libraries they need from elsewhere come from scripts/deps.sh).
# Users log in as NAME@localhost (Mailutils' virtual domains); `start`
# writes DIR/server.env with the same keys as mailserver.sh, plus
# MW_SERVER=mailutils and MW_USER_SUFFIX=@localhost.
set -Eeuo pipefail
trap 'echo "mailutils: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
cmd=${1:?usage: mailutils.sh start|stop|status DIR}
dir=${2:?usage: mailutils.sh start|stop|status DIR}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=common.sh
. "$here/common.sh"

packages=(mailutils-imap4d mailutils-pop3d libmailutils9 libmu-dbm9 mailutils-common)

unpacked_root() { debian_unpacked mailutils usr/sbin/imap4d "${packages[@]}"; }

stop() {
  local name pid
  for name in imap4d pop3d; do
    [ -f "$dir/run/$name.pid" ] || continue
    pid=$(cat "$dir/run/$name.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$dir/run/$name.pid"
  done
}

# Virtual-domain users: DIR/virt/localhost is a passwd file whose homes are
# the harness's homes, each user's INBOX a link to its Maildir.
write_users() { # uid gid
  mkdir -p "$dir/virt"
  harness_users | while IFS=$'\t' read -r name password; do
    mkdir -p "$dir/home/$name/Maildir/cur" "$dir/home/$name/Maildir/new" "$dir/home/$name/Maildir/tmp"
    ln -sfn Maildir "$dir/home/$name/INBOX"
    printf '%s:%s:%s:%s:%s:%s:/bin/false\n' "$name" \
      "$(printf '%s' "$password" | openssl passwd -6 -stdin)" "$1" "$2" "$name" "$dir/home/$name"
  done > "$dir/virt/localhost"
  # The SASL mechanisms but PLAIN and LOGIN (CRAM-MD5, SCRAM...) need the
  # password itself: GNU SASL's password file, NAME@localhost<TAB>PASSWORD.
  harness_users | while IFS=$'\t' read -r name password; do
    printf '%s@localhost\t%s\n' "$name" "$password"
  done > "$dir/virt/sasl-passwords"
  chmod 600 "$dir/virt/sasl-passwords"
}

config() { # daemon port-of-plain port-of-tls
  cat <<CONF
logging { syslog false; }
debug { level "auth.error"; }
virtdomain { passwd-dir "$dir/virt"; }
gsasl { cram-passwd "$dir/virt/sasl-passwords"; }
auth { authentication generic; authorization virtdomain; }
mailbox { mailbox-type maildir; }
# the default lock folder (/var/lock/subsys/mail) is the system's
mandatory-locking { enable true; lock-directory "$dir/locks"; }
tls-file-checks { key-file none; cert-file none; ca-file none; }
tcp-wrappers { enable false; }
tls { ssl-certificate-file "$dir/certs/server.crt"; ssl-key-file "$dir/certs/server.key"; }
mode daemon;
foreground true;
pidfile "$dir/run/$1.pid";
server 127.0.0.1:$2 { tls-mode stls; }
server 127.0.0.1:$3 { tls-mode connection; }
CONF
  if [ "$1" = imap4d ]; then
    # Folders other than INBOX live beside it, in the user's home.
    printf 'namespace personal { prefix "" { directory "$home/folders"; delimiter "/"; mailbox-type maildir; }; }\n'
  fi
}

start_daemon() { # root name plain-port tls-port
  local root=$1 name=$2
  config "$name" "$3" "$4" > "$dir/$name.conf"
  # The daemon must not hold the caller's stdout open (ctest waits on it).
  LD_LIBRARY_PATH=$(libraries_of "$root") setsid "$root/usr/sbin/$name" --config-file="$dir/$name.conf" \
    < /dev/null >> "$dir/$name.log" 2>&1 &
  wait_ready "$3" && wait_ready "$4"
}

# pop3d writes an X-UIDL header into each message the first time a
# session lists it: one UIDL for each user now, so the stored files the
# tests compare with are the ones served from the start.
stamp_uidls() { # pop3-port
  harness_users | while IFS=$'\t' read -r name password; do
    (
      exec 3<>"/dev/tcp/127.0.0.1/$1"
      printf 'USER %s@localhost\r\nPASS %s\r\nUIDL\r\nQUIT\r\n' "$name" "$password" >&3
      timeout 60 cat <&3 > /dev/null
    )
  done
}

start() {
  local root; root=$(unpacked_root)
  check_libraries mailutils "$root" usr/sbin/imap4d usr/sbin/pop3d
  stop
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  rm -rf "$dir/run" "$dir/home" "$dir/virt" "$dir/locks"
  mkdir -p "$dir/run" "$dir/locks"
  chmod 1777 "$dir/locks" # written by each user's own process
  "$here/make-certs.sh" "$dir/certs"
  sample_mail
  # Mailutils reads a Maildir message as Unix mail (LF line ends, as a
  # local delivery writes it) and sends it with CRLF; a CRLF file reads as
  # an empty message. The tests know (MW_MAIL_LF).
  find "$dir/home" -path '*/cur/*' -type f -exec sed -i 's/\r$//' {} +
  local uid gid
  if [ "$(id -u)" = 0 ]; then uid=$(id -u nobody); gid=$(id -g nobody); else uid=$(id -u); gid=$(id -g); fi
  write_users "$uid" "$gid"
  local home
  for home in "$dir"/home/*; do mkdir -p "$home/folders"; done
  [ "$(id -u)" != 0 ] || chown -R "$uid:$gid" "$dir/home"
  local p1 p2 p3 p4 attempt
  for attempt in 1 2 3; do
    p1=$(free_port); p2=$(free_port); p3=$(free_port); p4=$(free_port)
    if start_daemon "$root" imap4d "$p1" "$p2" && start_daemon "$root" pop3d "$p3" "$p4"; then
      break
    fi
    echo "mailutils: the servers did not start (attempt $attempt); logs:" >&2
    cat "$dir/imap4d.log" "$dir/pop3d.log" >&2 2>/dev/null || true
    stop
    [ "$attempt" -lt 3 ] || return 1
  done
  stamp_uidls "$p3"
  write_server_env mailutils "$p1" "$p2" "$p3" "$p4" MW_USER=alice@localhost MW_USER_SUFFIX=@localhost MW_MAIL_LF=1
  echo "mailutils: imap4d and pop3d on 127.0.0.1 imap=$p1 imaps=$p2 pop3=$p3 pop3s=$p4 ($dir)"
}

case $cmd in
  start) start ;;
  stop) stop ;;
  status) [ -f "$dir/run/imap4d.pid" ] && kill -0 "$(cat "$dir/run/imap4d.pid")" ;;
  *) echo "usage: mailutils.sh start|stop|status DIR" >&2; exit 2 ;;
esac
