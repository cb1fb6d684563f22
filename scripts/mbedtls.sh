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
archive=http://deb.debian.org/debian
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

toolchain=${1:-}
cache=${MAILWIRE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mailwire}
variant=native
if [ -n "$toolchain" ]; then
  toolchain=$(cd "$(dirname "$toolchain")" && pwd)/$(basename "$toolchain")
  variant=$(basename "$toolchain" .cmake)
fi
prefix=$cache/mbedtls-$upstream_version-$variant
say() { echo "mbedtls.sh: $*" >&2; }

if [ -f "$prefix/.complete" ]; then
  echo "$prefix"
  exit 0
fi

need=()
command -v dpkg-source > /dev/null || need+=(dpkg-dev)
command -v bzip2 > /dev/null || need+=(bzip2)
command -v xz > /dev/null || need+=(xz-utils)
command -v cmake > /dev/null || need+=(cmake)
command -v python3 > /dev/null || need+=(python3)
[ -f "$keyring" ] || need+=(debian-archive-keyring)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  sudo_cmd=$([ "$(id -u)" -eq 0 ] && echo "" || echo sudo)
  $sudo_cmd apt-get install -y -q "${need[@]}" >&2
fi

# A private apt configuration: its own source list, lists and archives.
apt_dir=$cache/apt-$suite
mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial"
printf 'deb-src [signed-by=%s] %s %s main\n' "$keyring" "$archive" "$suite" > "$apt_dir/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir" -o "Dir::Cache::archives=$apt_dir/archives"
  -o APT::Sandbox::User=root -o Debug::NoLocking=1)

work=$cache/mbedtls-build-$variant
src=$cache/mbedtls-src-$upstream_version
if [ ! -f "$src/CMakeLists.txt" ]; then
  say "fetching Debian's mbedtls $package_version source package ($suite)"
  apt-get "${apt_opts[@]}" -q update >&2
  dl=$cache/mbedtls-download
  rm -rf "$dl" && mkdir -p "$dl"
  if ! (cd "$dl" && apt-get "${apt_opts[@]}" -q source --download-only "mbedtls=$package_version" >&2); then
    # the archive moved on (a security update replaces the pinned version):
    # take its 3.6 LTS, say so, and build that instead of failing
    say "mbedtls $package_version is no longer in $suite; taking the archive's version"
    (cd "$dl" && apt-get "${apt_opts[@]}" -q source --download-only mbedtls >&2)
    dsc=$(ls "$dl"/mbedtls_*.dsc)
    case $dsc in *_3.6.*) ;; *) say "not a 3.6 LTS release: $dsc"; exit 1 ;; esac
    package_version=$(basename "$dsc" .dsc); package_version=${package_version#mbedtls_}
    say "built as $package_version; pin it in scripts/mbedtls.sh"
  fi
  rm -rf "$src"
  dpkg-source -x "$dl/mbedtls_${package_version#*:}.dsc" "$src" >&2
  rm -rf "$dl"
fi

# Debian's own build settings (debian/rules) that mailwire relies on: one
# session per thread needs a thread-safe PSA key store and RNG.
config=$src/include/mbedtls/mbedtls_config.h
[ -f "$config.orig" ] || cp "$config" "$config.orig"
cp "$config.orig" "$config"
(cd "$src" && python3 scripts/config.py set MBEDTLS_THREADING_C &&
  python3 scripts/config.py set MBEDTLS_THREADING_PTHREAD)

say "building mbedtls $upstream_version ($variant) into $prefix"
rm -rf "$work" "$prefix"
cmake_args=(-S "$src" -B "$work" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix"
  -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DUSE_STATIC_MBEDTLS_LIBRARY=ON
  -DUSE_SHARED_MBEDTLS_LIBRARY=OFF -DENABLE_PROGRAMS=OFF -DENABLE_TESTING=OFF
  -DMBEDTLS_FATAL_WARNINGS=OFF -DGEN_FILES=OFF)
[ -n "$toolchain" ] && cmake_args+=(-DCMAKE_TOOLCHAIN_FILE="$toolchain")
cmake "${cmake_args[@]}" > "$work.log" 2>&1 || { cat "$work.log" >&2; exit 1; }
cmake --build "$work" -j "$(nproc 2> /dev/null || echo 2)" >> "$work.log" 2>&1 || { tail -40 "$work.log" >&2; exit 1; }
cmake --install "$work" >> "$work.log" 2>&1 || { tail -20 "$work.log" >&2; exit 1; }
rm -rf "$work"
touch "$prefix/.complete"
echo "$prefix"
