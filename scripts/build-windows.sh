#!/usr/bin/env bash
# build-windows.sh ARCH OUTDIR [--test] - mailwire for Windows, built on
# Debian with mingw-w64. ARCH is x64 or x86.
#
# Installs what is missing (the mingw-w64 compiler; with --test, Wine),
# builds mbedTLS 3.6 LTS for Windows from Debian's source package
# (scripts/mbedtls.sh, cached), builds mailwire, and leaves in OUTDIR:
#   mailwire.dll  mailwire.lib (import library)  mailwire.def  mailwire.exe
#   the samples (*.exe)  include/ (the headers)
# Everything runs from that bare folder: no MinGW runtime DLL is needed.
#
# With --test it also runs the Windows suites under Wine (unit, scripted
# hostile servers, the Dovecot integration suites, the samples, the tool),
# against the Linux Dovecot the harness starts on loopback. Where Windows
# programs of ARCH cannot run on this machine it says why and exits 77.
set -euo pipefail

usage() {
  echo "usage: scripts/build-windows.sh x64|x86 OUTDIR [--test]" >&2
  exit 2
}
[ $# -ge 2 ] || usage
arch=$1 out=$2 test=0
[ "${3:-}" = "--test" ] && test=1
case $arch in
  x64) triplet=x86_64-w64-mingw32 compiler_pkg=gcc-mingw-w64-x86-64 ;;
  x86) triplet=i686-w64-mingw32 compiler_pkg=gcc-mingw-w64-i686 ;;
  *) usage ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
toolchain=$root/cmake/toolchains/windows-$arch.cmake
cache=${MAILWIRE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mailwire}
build=${MAILWIRE_WINDOWS_BUILD:-$root/build-windows-$arch}
say() { echo "build-windows.sh: $*" >&2; }
sudo_cmd=$([ "$(id -u)" -eq 0 ] && echo "" || echo sudo)
apt_install() { $sudo_cmd apt-get install -y -q "$@" >&2; }

# ---- can this machine run ARCH's Windows programs under Wine? -------------
# 32-bit Wine is itself a 32-bit x86 Linux program: the kernel must run
# those. A 93-byte i386 program that only exits tells, before anything is
# installed for it.
i386_runs() {
  local probe=$cache/i386-probe
  mkdir -p "$cache"
  python3 - "$probe" << 'PY'
import struct, sys
code = bytes([0x31, 0xdb, 0xb8, 1, 0, 0, 0, 0xcd, 0x80])  # exit(0)
base, size = 0x08048000, 0x54 + len(code)
elf = (b"\x7fELF\x01\x01\x01" + bytes(9)
       + struct.pack("<HHIIIIIHHHHHH", 2, 3, 1, base + 0x54, 0x34, 0, 0, 0x34, 0x20, 1, 0, 0, 0)
       + struct.pack("<IIIIIIII", 1, 0, base, base, size, size, 5, 0x1000) + code)
open(sys.argv[1], "wb").write(elf)
PY
  chmod +x "$probe"
  "$probe" 2> /dev/null
}

wine_for_arch() {
  if [ "$arch" = x64 ]; then
    [ -x /usr/lib/wine/wine64 ] || apt_install wine wine64
    echo /usr/lib/wine/wine64
    return
  fi
  if ! dpkg -s wine32:i386 > /dev/null 2>&1; then
    dpkg --print-foreign-architectures | grep -qx i386 || $sudo_cmd dpkg --add-architecture i386
    $sudo_cmd apt-get update -q >&2 || true # one index missing must not stop the rest
    # an i386 index that lags the amd64 one (a security update not yet
    # mirrored) leaves shared libraries at two versions: take both from
    # the release then
    apt_install wine wine32:i386 || apt_install -t "$(. /etc/os-release && echo "$VERSION_CODENAME")" \
      --allow-downgrades wine wine32:i386
  fi
  echo /usr/lib/wine/wine
}

# ---- tools ------------------------------------------------------------------
need=()
command -v "$triplet-gcc-win32" > /dev/null || need+=("$compiler_pkg")
command -v cmake > /dev/null || need+=(cmake)
command -v python3 > /dev/null || need+=(python3)
# zlib for COMPRESS=DEFLATE, linked into the DLL statically
[ -f "/usr/$triplet/lib/libz.a" ] || need+=(libz-mingw-w64-dev)
[ ${#need[@]} -eq 0 ] || { say "installing ${need[*]}"; apt_install "${need[@]}"; }

runnable=1
if [ "$test" -eq 1 ] && [ "$arch" = x86 ] && ! i386_runs; then
  runnable=0 # built and checked below, but not run
fi
wine=
if [ "$test" -eq 1 ] && [ "$runnable" -eq 1 ]; then
  wine=$(wine_for_arch)
fi

# ---- libraries and the build --------------------------------------------------
mbedtls=$(bash "$root/scripts/mbedtls.sh" "$toolchain" | tail -n 1)
cmake_args=(-S "$root" -B "$build" -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DCMAKE_BUILD_TYPE=RelWithDebInfo
  -DMAILWIRE_MBEDTLS_PREFIX="$mbedtls" -DMAILWIRE_BUILD_BENCH=OFF)
if [ "$test" -eq 1 ]; then
  check=$(bash "$root/scripts/check-windows.sh" "$toolchain" | tail -n 1)
  cmake_args+=(-DMAILWIRE_BUILD_TESTS=ON -DMAILWIRE_CHECK_PREFIX="$check")
  [ -z "$wine" ] || cmake_args+=(-DMAILWIRE_WINE="$wine")
else
  cmake_args+=(-DMAILWIRE_BUILD_TESTS=OFF)
fi
say "building mailwire for Windows $arch in $build"
mkdir -p "$build"
log=$build/build-windows.log
cmake "${cmake_args[@]}" > "$log" 2>&1 || { cat "$log" >&2; exit 1; }
cmake --build "$build" -j "$(nproc 2> /dev/null || echo 2)" >> "$log" 2>&1 || {
  grep -E "error|Error" "$log" | head -40 >&2
  exit 1
}

mkdir -p "$out"
cp "$build/bin/mailwire.dll" "$build/bin/mailwire.exe" "$build/lib/mailwire.lib" "$root/lib/mailwire.def" "$out/"
for sample in connect_login fetch_to_file idle_watcher pop_download thread_handoff dlopen_loader async_connect save_attachments; do
  cp "$build/bin/$sample.exe" "$out/"
done
rm -rf "$out/include" && cp -r "$root/include" "$out/include"
say "mailwire.dll, mailwire.lib, mailwire.exe and the samples are in $out"

[ "$test" -eq 1 ] || exit 0

# ---- the Windows suites under Wine ----------------------------------------------
cd "$build"
if [ "$runnable" -eq 0 ]; then
  # what needs no Windows program running still runs: exports, stdcall
  # names, dependencies
  ctest -R '^windows_binaries$' --output-on-failure
  echo "SKIP: Windows x86 programs under Wine: this kernel does not run 32-bit x86 programs" \
    "(a minimal i386 program fails with Exec format error), and 32-bit Wine is one"
  exit 77
fi
# a Wine prefix of the build's own, started fresh: a wineserver left from
# another run would keep what it imported then
export WINEPREFIX=$cache/wine-$arch WINEDEBUG=-all
[ "$arch" = x64 ] && export WINEARCH=win64 || export WINEARCH=win32
wineserver -k 2> /dev/null || true
[ -f "$WINEPREFIX/system.reg" ] || "$wine" wineboot -i > /dev/null 2>&1
# One Wine session for the whole run, started here with no pipe of a test
# open: the wineserver and the services that the first program of a session
# starts inherit that program's output, and whoever reads it (ctest, a
# script's $(...)) then waits for the session to end - seconds per program
# while other tests keep it alive (the samples took 4 minutes so).
trap 'wineserver -k 2> /dev/null || true' EXIT
wineserver -p < /dev/null > /dev/null 2>&1
"$wine" wineboot < /dev/null > /dev/null 2>&1
status=0
ctest -j 2 --output-on-failure --timeout 300 || status=$?
exit $status
