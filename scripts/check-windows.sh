#!/usr/bin/env bash
# check-windows.sh TOOLCHAIN_FILE - the Check unit-test library for the
# Windows test programs, cross-built static from Debian's own source package
# (the version Debian 12 ships), cached outside the source tree and reused.
# Prints the install prefix as its last line. Only the tests link it.
set -euo pipefail

package_version=0.15.2-2
upstream_version=${package_version%%-*}
suite=bookworm

toolchain=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
variant=$(basename "$toolchain" .cmake)
cache=${MAILWIRE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mailwire}
prefix=$cache/check-$upstream_version-$variant
say() { echo "check-windows.sh: $*" >&2; }

if [ -f "$prefix/.complete" ]; then
  echo "$prefix"
  exit 0
fi

# shellcheck source=scripts/debian-source.sh
. "$(dirname "$0")/debian-source.sh"
src=$cache/check-src-$upstream_version
[ -f "$src/CMakeLists.txt" ] || debian_source check "$package_version" "$suite" "$src"

work=$cache/check-build-$variant
say "building check $upstream_version ($variant) into $prefix"
rm -rf "$work" "$prefix"
cmake -S "$src" -B "$work" -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_INSTALL_PREFIX="$prefix" -DCHECK_ENABLE_TESTS=OFF -DBUILD_TESTING=OFF \
  -DCHECK_ENABLE_SUBUNIT=OFF -DENABLE_MEMORY_LEAKING_TESTS=OFF > "$work.log" 2>&1 ||
  { cat "$work.log" >&2; exit 1; }
cmake --build "$work" -j "$(nproc 2> /dev/null || echo 2)" >> "$work.log" 2>&1 || { tail -40 "$work.log" >&2; exit 1; }
cmake --install "$work" >> "$work.log" 2>&1 || { tail -20 "$work.log" >&2; exit 1; }
rm -rf "$work"
touch "$prefix/.complete"
echo "$prefix"
