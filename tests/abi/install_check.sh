#!/usr/bin/env bash
# install_check.sh BUILDDIR SRCDIR - installs into a scratch prefix, then
# builds an application with find_package(mailwire) and with pkg-config.
set -euo pipefail
build=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" > "$tmp/install.log"
lib=$(ls -d "$tmp"/prefix/lib* | head -n 1)
test -f "$tmp/prefix/include/mailwire.h"
test -f "$tmp/prefix/include/mailwire/imap.h"
# the SONAME carries the ABI version (0.2: versioned structures)
test "$(readlink "$lib/libmailwire.so")" = "libmailwire.so.0.2"
objdump -p "$lib/libmailwire.so.0.2" | grep -q 'SONAME *libmailwire.so.0.2$'
test -f "$lib/libmailwire.a"
test -f "$lib/pkgconfig/mailwire.pc"
test -f "$lib/cmake/mailwire/mailwireConfig.cmake"

# The installed tool starts from its prefix, moved or not, with no
# LD_LIBRARY_PATH: it finds its library through its RUNPATH.
mv "$tmp/prefix" "$tmp/moved"
env -u LD_LIBRARY_PATH "$tmp/moved/bin/mailwire" --version > "$tmp/version.out"
grep -q '^mailwire [0-9]' "$tmp/version.out"
mv "$tmp/moved" "$tmp/prefix"

cmake -S "$src/tests/abi/consumer" -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$tmp/prefix" > /dev/null
cmake --build "$tmp/consumer" > /dev/null
LD_LIBRARY_PATH="$lib" "$tmp/consumer/consumer" | grep -q "timed out"

export PKG_CONFIG_PATH="$lib/pkgconfig"
cc "$src/tests/abi/consumer/main.c" $(pkg-config --cflags --libs mailwire) -o "$tmp/pc_consumer"
LD_LIBRARY_PATH="$lib" "$tmp/pc_consumer" | grep -q "timed out"
cc -DMAILWIRE_STATIC "$src/tests/abi/consumer/main.c" $(pkg-config --cflags mailwire) \
  "$lib/libmailwire.a" $(pkg-config --libs --static mailwire | sed 's/-lmailwire//') -o "$tmp/static_consumer"
"$tmp/static_consumer" | grep -q "timed out"
echo "installed package works with find_package, pkg-config and static linking"
