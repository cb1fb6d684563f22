#!/usr/bin/env bash
# make-certs.sh DIR - the test PKI: a test CA, a server certificate for
# localhost / 127.0.0.1 / ::1, and one certificate per failure the client
# must tell apart (expired, not yet valid, self-signed, unknown CA).
set -euo pipefail
dir=$1
mkdir -p "$dir"
cd "$dir"
[ -f server.crt ] && [ -f expired.crt ] && [ -f cnonly.crt ] && exit 0

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# A CA that can sign with explicit validity dates (openssl ca).
make_ca() { # name subject
  local name=$1 subject=$2
  mkdir -p "$name.db"
  : > "$name.db/index.txt"
  echo 1000 > "$name.db/serial"
  key "$name.key"
  openssl req -x509 -new -key "$name.key" -sha256 -days 3650 -subj "$subject" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$name.crt" 2>/dev/null
  cat > "$name.cnf" <<CNF
[ ca ]
default_ca = local
[ local ]
dir = $PWD/$name.db
database = \$dir/index.txt
serial = \$dir/serial
new_certs_dir = \$dir
certificate = $PWD/$name.crt
private_key = $PWD/$name.key
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = copy
[ anything ]
commonName = supplied
CNF
}

# issue CA NAME SAN [startdate enddate]
issue() {
  local ca=$1 name=$2 san=$3 start=${4:-} end=${5:-}
  key "$name.key"
  openssl req -new -key "$name.key" -subj "/CN=${name}" -addext "subjectAltName=$san" \
    -out "$name.csr" 2>/dev/null
  local dates=(-days 3650)
  [ -n "$start" ] && dates=(-startdate "$start" -enddate "$end")
  openssl ca -batch -config "$ca.cnf" -in "$name.csr" -out "$name.crt" -notext \
    "${dates[@]}" -extfile <(printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=%s\n' "$san") \
    2>/dev/null
}

make_ca ca "/CN=mailwire test CA"
make_ca otherca "/CN=mailwire unknown CA"
issue ca server "DNS:localhost,IP:127.0.0.1,IP:::1"
issue ca expired "DNS:expired.test" 20200101000000Z 20210101000000Z
issue ca future "DNS:future.test" 20450101000000Z 20460101000000Z
issue otherca unknownca "DNS:unknownca.test"
# No subjectAltName at all, the name only in the CN: matches nothing (RFC 9525).
key cnonly.key
openssl req -new -key cnonly.key -subj "/CN=cnonly.test" -out cnonly.csr 2>/dev/null
openssl ca -batch -config ca.cnf -in cnonly.csr -out cnonly.crt -notext -days 3650 \
  -extfile <(printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n') \
  2>/dev/null
issue ca client "DNS:client.test"
issue ca dnsonly "DNS:localhost"
key selfsigned.key
openssl req -x509 -new -key selfsigned.key -sha256 -days 3650 -subj "/CN=selfsigned.test" \
  -addext "subjectAltName=DNS:selfsigned.test" -out selfsigned.crt 2>/dev/null
chmod 644 ./*.crt ./*.key
