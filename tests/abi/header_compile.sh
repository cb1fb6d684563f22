#!/usr/bin/env bash
# header_compile.sh SRCDIR CC CXX - mailwire.h compiles alone as C11 and as
# C++, with and without UNICODE, with every warning an error.
set -euo pipefail
src=$1 cc=$2 cxx=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/use.c" <<'C'
#include <mailwire.h>
/* Every plain name resolves to its A or W twin, and the PFN_ types match. */
static PFN_ImapConnectA connect_a = ImapConnectA;
static PFN_PopLoginW login_w = PopLoginW;
int mailwire_header_probe(void);
int mailwire_header_probe(void)
{
    SECURITYCREDENTIALS c = {sizeof c, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    HCLIENT h = ImapConnect(0, 0, 0, IMAP_OPTION_NONE, &c);
    (void)connect_a;
    (void)login_w;
    return h == INVALID_CLIENT ? ST_ERROR_INVALID_HANDLE : IMAP_ERROR;
}
C
cp "$tmp/use.c" "$tmp/use.cpp"
flags="-Wall -Wextra -Werror -pedantic -I$src/include -c"
for u in "" "-DUNICODE"; do
  $cc -std=c11 $flags $u "$tmp/use.c" -o "$tmp/c.o"
  $cxx -std=c++11 $flags $u "$tmp/use.cpp" -o "$tmp/cpp.o"
  $cc -std=c11 $flags $u -DMAILWIRE_STATIC "$tmp/use.c" -o "$tmp/s.o"
done
echo "mailwire.h compiles as C11 and C++11, with and without UNICODE"
