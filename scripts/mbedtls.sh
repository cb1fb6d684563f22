#!/usr/bin/env bash
# mbedtls.sh [TOOLCHAIN_FILE] - mbedTLS 3.6 LTS from Debian's own source
# package, built static with position-independent code into a cache folder
# outside the source tree, and reused on later runs. Prints the install
# prefix as its last line; configure mailwire with
#   cmake -DMAILWIRE_MBEDTLS_PREFIX=<prefix> ...
# (or -DCMAKE_PREFIX_PATH=<prefix>). With a CMake toolchain file (the
# Windows build) it cross-builds, into a prefix of its own.
#
# The source comes through apt from Debian's next release, with a private
# apt configuration under the cache folder: the system's sources are left
# alone. apt checks the files against the archive's signed index.
set -euo pipefail

# Pinned: a new version is a deliberate change, tested like any other.
package_version=3.6.6-0.1~deb13u1
upstream_version=${package_version%%-*}
suite=trixie

toolchain=${1:-}
cache=${MAILWIRE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mailwire}
variant=native
if [ -n "$toolchain" ]; then
  toolchain=$(cd "$(dirname "$toolchain")" && pwd)/$(basename "$toolchain")
  variant=$(basename "$toolchain" .cmake)
fi
# The build settings below and the mutex type (part of the ABI) are in the
# key: a changed setting or header is another build.
alt_header=$(cd "$(dirname "$0")/.." && pwd)/lib/sys/win32/threading_alt.h
patches=("$(dirname "$0")"/mbedtls-patches/*.patch)
key_files=("$0" "${patches[@]}")
[ -z "$toolchain" ] || key_files+=("$alt_header")
prefix=$cache/mbedtls-$upstream_version-$variant-$(cat "${key_files[@]}" | sha256sum | cut -c1-8)
say() { echo "mbedtls.sh: $*" >&2; }

if [ -f "$prefix/.complete" ]; then
  echo "$prefix"
  exit 0
fi

# shellcheck source=scripts/debian-source.sh
. "$(dirname "$0")/debian-source.sh"
work=$cache/mbedtls-build-$variant
src=$cache/mbedtls-src-$upstream_version
if [ ! -f "$src/CMakeLists.txt" ]; then
  # a security update may replace the pinned version: any 3.6 LTS will do
  debian_source mbedtls "$package_version" "$suite" "$src" 'mbedtls_3.6.*.dsc'
fi

# mailwire's fixes to mbedTLS (scripts/mbedtls-patches, each says why),
# applied once to the unpacked source.
for p in "${patches[@]}"; do
  name=$(basename "$p")
  grep -qxF "$name" "$src/.mailwire-patches" 2> /dev/null && continue
  patch -d "$src" -p1 --forward --quiet < "$p" || { say "$name does not apply"; exit 1; }
  echo "$name" >> "$src/.mailwire-patches"
done

# Debian's own build settings (debian/rules) that mailwire relies on: one
# session per thread needs a thread-safe PSA key store and RNG.
config=$src/include/mbedtls/mbedtls_config.h
[ -f "$config.orig" ] || cp "$config" "$config.orig"
cp "$config.orig" "$config"
(cd "$src" && python3 scripts/config.py set MBEDTLS_THREADING_C)
# mailwire hands mbedTLS its allocator, so the allocation-failure tests
# reach inside TLS too (lib/net/tls_platform.c).
(cd "$src" && python3 scripts/config.py set MBEDTLS_PLATFORM_MEMORY)
extra_cflags=
if [ -n "$toolchain" ]; then
  # Windows: mailwire's own SRW-lock mutexes (no libwinpthread-1.dll); the
  # type comes from lib/sys/win32/threading_alt.h, installed beside
  # mbedTLS's headers so that mailwire sees the same one.
  (cd "$src" && python3 scripts/config.py set MBEDTLS_THREADING_ALT)
  mkdir -p "$cache/threading-alt"
  cp "$alt_header" "$cache/threading-alt/threading_alt.h"
  extra_cflags="-I$cache/threading-alt"
else
  (cd "$src" && python3 scripts/config.py set MBEDTLS_THREADING_PTHREAD)
fi

say "building mbedtls $upstream_version ($variant) into $prefix"
rm -rf "$work" "$prefix"
cmake_args=(-S "$src" -B "$work" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix"
  -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DUSE_STATIC_MBEDTLS_LIBRARY=ON
  -DUSE_SHARED_MBEDTLS_LIBRARY=OFF -DENABLE_PROGRAMS=OFF -DENABLE_TESTING=OFF
  -DMBEDTLS_FATAL_WARNINGS=OFF -DGEN_FILES=OFF)
[ -n "$toolchain" ] && cmake_args+=(-DCMAKE_TOOLCHAIN_FILE="$toolchain" -DCMAKE_C_FLAGS="$extra_cflags")
cmake "${cmake_args[@]}" > "$work.log" 2>&1 || { cat "$work.log" >&2; exit 1; }
cmake --build "$work" -j "$(nproc 2> /dev/null || echo 2)" >> "$work.log" 2>&1 || { tail -40 "$work.log" >&2; exit 1; }
cmake --install "$work" >> "$work.log" 2>&1 || { tail -20 "$work.log" >&2; exit 1; }
[ -z "$toolchain" ] || cp "$alt_header" "$prefix/include/threading_alt.h"
rm -rf "$work"
touch "$prefix/.complete"
echo "$prefix"
