#!/usr/bin/env bash
# test.sh - installs what is missing, builds mailwire twice (a normal build
# and one with AddressSanitizer + UndefinedBehaviorSanitizer) and runs every
# test in both, a private Dovecot included. Ends with "N passed, M failed".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh"
jobs=$(nproc 2>/dev/null || echo 2)

total_passed=0 total_failed=0
run_suite() { # name build-dir cmake-args...
  local name=$1 dir=$2; shift 2
  echo "== $name build"
  cmake -S "$root" -B "$dir" "$@" > "$dir.configure.log" 2>&1 || { cat "$dir.configure.log"; return 1; }
  cmake --build "$dir" -j "$jobs" 2>&1 | grep -E "error|warning" || true
  cmake --build "$dir" -j "$jobs" > /dev/null
  echo "== $name tests"
  local log="$dir/ctest.log" rc=0
  (cd "$dir" && ctest --output-on-failure -j "$jobs") 2>&1 | tee "$log" || rc=1
  local summary passed failed
  summary=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests failed out of [0-9]+' "$log" | tail -n 1)
  failed=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+)/\1/' <<<"$summary")
  passed=$(( $(sed -E 's/.* out of ([0-9]+)/\1/' <<<"$summary") - failed ))
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  return $rc
}

status=0
mkdir -p "$root/build" "$root/build-sanitize"
run_suite normal "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo || status=1
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite sanitizer "$root/build-sanitize" -DCMAKE_BUILD_TYPE=Debug -DMAILWIRE_SANITIZE=ON || status=1
echo
echo "all builds: $total_passed passed, $total_failed failed"
exit $status
