#!/usr/bin/env bash
# mailserver.sh start|stop|status DIR
#
# A private Dovecot (IMAP + POP3) on loopback for tests and demos: its own
# config, users, test CA and certificates, sample mail, free ports. Nothing
# but 127.0.0.1, 127.0.0.2 and ::1 is ever listened on. Works as root and
# as an ordinary user. `start` writes DIR/server.env (KEY=VALUE lines).
set -Eeuo pipefail
trap 'echo "mailserver: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
cmd=${1:?usage: mailserver.sh start|stop|status DIR}
dir=${2:?usage: mailserver.sh start|stop|status DIR}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=common.sh
. "$here/common.sh"

find_dovecot() {
  for d in "$(command -v dovecot 2>/dev/null || true)" /usr/sbin/dovecot; do
    [ -n "$d" ] && [ -x "$d" ] && { echo "$d"; return; }
  done
  echo "mailserver: dovecot is not installed (apt-get install dovecot-imapd dovecot-pop3d)" >&2
  exit 1
}


stop() {
  if [ -f "$dir/run/oauth2.pid" ]; then
    kill "$(cat "$dir/run/oauth2.pid")" 2>/dev/null || true
    rm -f "$dir/run/oauth2.pid"
  fi
  if [ -f "$dir/run/master.pid" ]; then
    local pid; pid=$(cat "$dir/run/master.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$dir/run/master.pid"
  fi
}

config() { # imap imaps pop3 pop3s user group mailuid mailgid
  cat <<CONF
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
instance_name = mailwire-test-$$
protocols = imap pop3
listen = 127.0.0.1, 127.0.0.2, ::1
ssl = yes
ssl_cert = <$dir/certs/server.crt
ssl_key = <$dir/certs/server.key
ssl_min_protocol = TLSv1.2
local 127.0.0.2 {
  ssl_cert = <$dir/certs/dnsonly.crt
  ssl_key = <$dir/certs/dnsonly.key
}
local_name expired.test {
  ssl_cert = <$dir/certs/expired.crt
  ssl_key = <$dir/certs/expired.key
}
local_name future.test {
  ssl_cert = <$dir/certs/future.crt
  ssl_key = <$dir/certs/future.key
}
local_name selfsigned.test {
  ssl_cert = <$dir/certs/selfsigned.crt
  ssl_key = <$dir/certs/selfsigned.key
}
local_name cnonly.test {
  ssl_cert = <$dir/certs/cnonly.crt
  ssl_key = <$dir/certs/cnonly.key
}
local_name unknownca.test {
  ssl_cert = <$dir/certs/unknownca.crt
  ssl_key = <$dir/certs/unknownca.key
}
disable_plaintext_auth = no
auth_mechanisms = plain login cram-md5 scram-sha-256 apop xoauth2 oauthbearer
auth_verbose = yes
auth_failure_delay = 0
# OAuth2 tokens (XOAUTH2, OAUTHBEARER) checked by tests/server/oauth2_introspect.py
passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = $dir/oauth2.conf.ext
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/passwd
}
userdb {
  driver = static
  args = uid=$7 gid=$8 home=$dir/home/%u
}
mail_location = maildir:~/Maildir
first_valid_uid = 1
first_valid_gid = 1
default_internal_user = $5
default_internal_group = $6
default_login_user = $5
login_trusted_networks =
pop3_uidl_format = %08Xu%08Xv
# Room for the many-sessions benchmark (hundreds of logins by one user
# from one address, each with its own login and imap process).
default_process_limit = 1100
# The archive benchmark's million messages: Dovecot's uidlist alone needs
# more than the default 256 MB per process.
default_vsz_limit = 2G
default_client_limit = 3000
protocol imap {
  mail_max_userip_connections = 1100
  # COMPRESS=DEFLATE (RFC 4978)
  mail_plugins = \$mail_plugins imap_zlib
}
service imap-login {
  chroot =
  # High-performance mode: one login process serves every connection, so
  # TLS sessions and tickets it issued can be resumed (with one process per
  # connection, each has its own session cache and ticket key).
  service_count = 0
  process_min_avail = 1
  process_limit = 1
  inet_listener imap {
    port = $1
  }
  inet_listener imaps {
    port = $2
    ssl = yes
  }
}
service pop3-login {
  chroot =
  # High-performance mode: one login process serves every connection, so
  # TLS sessions and tickets it issued can be resumed (with one process per
  # connection, each has its own session cache and ticket key).
  service_count = 0
  process_min_avail = 1
  process_limit = 1
  inet_listener pop3 {
    port = $3
  }
  inet_listener pop3s {
    port = $4
    ssl = yes
  }
}
# No brute-force penalties: the tests fail logins on purpose.
service anvil {
  chroot =
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
CONF
}


# The token endpoint Dovecot asks (introspection, RFC 7662): one token per
# user, "mailwire-token-USER"; the endpoint stops with the server.
oauth2_endpoint() {
  harness_users | while IFS=$'\t' read -r name _; do
    printf 'mailwire-token-%s\t%s\n' "$name" "$name"
  done > "$dir/oauth2-tokens"
  rm -f "$dir/oauth2.port"
  python3 "$here/oauth2_introspect.py" "$dir" </dev/null >>"$dir/oauth2.log" 2>&1 &
  for _ in $(seq 100); do [ -s "$dir/oauth2.port" ] && break; sleep 0.05; done
  [ -s "$dir/oauth2.port" ] || { echo "mailserver: the OAuth2 endpoint did not start" >&2; return 1; }
  cat > "$dir/oauth2.conf.ext" <<CONF
introspection_mode = post
introspection_url = http://127.0.0.1:$(cat "$dir/oauth2.port")/introspect
username_attribute = username
active_attribute = active
active_value = true
CONF
}

start() {
  local dovecot; dovecot=$(find_dovecot)
  stop
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  rm -rf "$dir/run" "$dir/state" "$dir/home"
  mkdir -p "$dir/run" "$dir/state"
  "$here/make-certs.sh" "$dir/certs"
  sample_mail
  archive_mail
  harness_users | while IFS=$'\t' read -r name password; do
    printf '%s:{PLAIN}%s::::::nodelay=y\n' "$name" "$password"
  done > "$dir/passwd"
  oauth2_endpoint
  local user group mailuid mailgid
  if [ "$(id -u)" = 0 ]; then
    user=dovecot; group=dovecot
    mailuid=$(id -u nobody); mailgid=$(id -g nobody)
    chown -R "$mailuid:$mailgid" "$dir/home"
    chmod 755 "$dir" "$dir/run" "$dir/state"
    chmod 644 "$dir/passwd"
  else
    user=$(id -un); group=$(id -gn)
    mailuid=$(id -u); mailgid=$(id -g)
  fi
  local p1 p2 p3 p4 attempt
  # A free port can be taken by someone else before Dovecot binds it: then
  # try again with fresh ones.
  for attempt in 1 2 3; do
    p1=$(free_port); p2=$(free_port); p3=$(free_port); p4=$(free_port)
    config "$p1" "$p2" "$p3" "$p4" "$user" "$group" "$mailuid" "$mailgid" > "$dir/dovecot.conf"
    : > "$dir/dovecot.log"
    [ "$(id -u)" = 0 ] && chmod 666 "$dir/dovecot.log"
    # The daemon must not hold the caller's stdout open (ctest waits on it).
    if "$dovecot" -c "$dir/dovecot.conf" </dev/null >>"$dir/dovecot.log" 2>&1 &&
       wait_ready "$p1" && wait_ready "$p2" && wait_ready "$p3" && wait_ready "$p4"; then
      break
    fi
    echo "mailserver: dovecot did not start (attempt $attempt); log:" >&2
    cat "$dir/dovecot.log" >&2 || true
    stop
    [ "$attempt" -lt 3 ] || return 1
  done
  write_server_env dovecot "$p1" "$p2" "$p3" "$p4" MW_USER=alice
  echo "mailserver: dovecot on 127.0.0.1 imap=$p1 imaps=$p2 pop3=$p3 pop3s=$p4 ($dir)"
}

case $cmd in
  start) start ;;
  stop) stop ;;
  status) [ -f "$dir/run/master.pid" ] && kill -0 "$(cat "$dir/run/master.pid")" ;;
  *) echo "usage: mailserver.sh start|stop|status DIR" >&2; exit 2 ;;
esac
