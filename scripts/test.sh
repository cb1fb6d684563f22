#!/usr/bin/env bash
# test.sh - installs what is missing, then builds and tests mailwire five
# ways, a private Dovecot included:
#   normal      every test, plus every suite that runs library code (the tool
#               included) under valgrind, on the system's mbedTLS 2.28
#   mbedTLS 3.6 every test again on mbedTLS 3.6 LTS (scripts/mbedtls.sh), but
#               the benchmarks' smoke run, which the normal stage does, and
#               the tool's 100,000-message archive (normal and sanitizer)
#   sanitizer   the same tests, built with AddressSanitizer +
#               UndefinedBehaviorSanitizer on mbedTLS 3.6, whose allocations
#               the allocation-failure sweep reaches
#   fuzz        a short libFuzzer run of every fuzz target (clang)
#   threads     every suite that runs library code, the tool and the
#               samples included, under ThreadSanitizer (but the archive and
#               the README's examples, which add no thread of their own)
#   Windows     mailwire.dll and every Windows suite under Wine, x64 and x86
#               (scripts/build-windows.sh); x86 programs run only where the
#               kernel runs 32-bit x86 programs, and it says so otherwise
#   mutation    the short list of tests/mutation/mutations.txt: each one-line
#               break of a protection must make its tests fail
# Ends with "total: N passed, M failed, K skipped" over all of them; a
# stage that could not configure, build, or run a test counts as a failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh"
jobs=$(nproc 2>/dev/null || echo 2)

total_passed=0 total_failed=0 total_skipped=0
# A stage that did not run as planned counts as one failure, said why.
stage_failed() {
  echo "FAILED: $1"
  total_failed=$((total_failed + 1))
}
# Each stage says how long it took: the whole command has a time budget.
took() { # name start-seconds
  echo "== $1: $((SECONDS - $2)) s"
}
run_suite() { # name build-dir ctest-filter cmake-args...
  local name=$1 dir=$2 filter=$3 start=$SECONDS; shift 3
  echo "== $name build"
  mkdir -p "$dir"
  # logs stay in the build folder: a test run leaves the source tree clean
  if ! cmake -S "$root" -B "$dir" "$@" > "$dir/configure.log" 2>&1; then
    tail -n 30 "$dir/configure.log"
    stage_failed "$name: configure failed (see $dir/configure.log)"
    return 1
  fi
  # BUILD_TARGETS narrows what is built (the fuzz stage needs only its targets)
  local targets=()
  for t in ${BUILD_TARGETS:-}; do targets+=(--target "$t"); done
  if ! cmake --build "$dir" -j "$jobs" "${targets[@]}" > "$dir/build.log" 2>&1; then
    grep -E "error|warning" "$dir/build.log" | head -40
    stage_failed "$name: build failed (see $dir/build.log)"
    return 1
  fi
  echo "== $name tests"
  local log="$dir/ctest.log" rc=0
  (cd "$dir" && ctest --output-on-failure -j "$jobs" $filter) 2>&1 | tee "$log" || rc=1
  took "$name" "$start"
  count_ctest "$name" "$log" || return 1
  return $rc
}

count_ctest() { # name ctest-log: adds its passed, failed and skipped tests
  local name=$1 log=$2 summary total failed skipped
  summary=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests failed out of [0-9]+' "$log" | tail -n 1)
  if [ -z "$summary" ]; then
    stage_failed "$name: ctest ended without its summary"
    return 1
  fi
  failed=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+)/\1/' <<<"$summary")
  total=$(sed -E 's/.* out of ([0-9]+)/\1/' <<<"$summary")
  if [ "$total" -eq 0 ]; then
    stage_failed "$name: no test matched"
    return 1
  fi
  # ctest counts a skipped test (exit 77) as passed: count it apart
  skipped=$(awk '/^The following tests did not run:/ { on = 1; next }
                 on && /^\t/ { n++; next } { on = 0 } END { print n + 0 }' "$log")
  total_passed=$((total_passed + total - failed - skipped))
  total_failed=$((total_failed + failed))
  total_skipped=$((total_skipped + skipped))
  [ "$skipped" -eq 0 ] || echo "$name: $skipped test(s) skipped"
}

windows_stage() { # x64|x86
  local arch=$1 dir=$root/build-windows-$1 rc=0 start=$SECONDS
  echo "== Windows $arch build and tests (mingw-w64, Wine)"
  mkdir -p "$dir"
  MAILWIRE_WINDOWS_BUILD=$dir "$root/scripts/build-windows.sh" "$arch" "$dir/out" --test 2>&1 |
    tee "$dir/stage.log" || rc=$?
  took "Windows $arch" "$start"
  if [ "$rc" -eq 77 ]; then # the programs cannot run here: the line before says why
    total_skipped=$((total_skipped + 1))
    rc=0
  fi
  local failed_before=$total_failed
  count_ctest "Windows $arch" "$dir/stage.log" || return 1
  # a failure no test counted (the install, the build) counts once
  if [ "$rc" -ne 0 ] && [ "$total_failed" -eq "$failed_before" ]; then
    stage_failed "Windows $arch: scripts/build-windows.sh exited $rc"
  fi
  return $rc
}

status=0
# Every stage names its mbedTLS: a prefix left in a build folder's cache by
# another run must not change what a stage tests.
system_tls=-DMAILWIRE_MBEDTLS_PREFIX=
run_suite normal "$root/build-system-tls" "" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMAILWIRE_VALGRIND=ON \
  "$system_tls" || status=1
if prefix=$("$root/scripts/mbedtls.sh" | tail -n 1) && [ -n "$prefix" ]; then
  run_suite "mbedTLS 3.6" "$root/build" "-E ^(bench_|cli_archive$)" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DMAILWIRE_MBEDTLS_PREFIX="$prefix" || status=1
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run_suite sanitizer "$root/build-sanitize" "-E ^bench_" -DCMAKE_BUILD_TYPE=Debug -DMAILWIRE_SANITIZE=ON \
    -DMAILWIRE_MBEDTLS_PREFIX="$prefix" || status=1
else
  stage_failed "mbedTLS 3.6: scripts/mbedtls.sh could not build it"
  stage_failed "sanitizer: it runs on mbedTLS 3.6, which scripts/mbedtls.sh could not build"
  status=1
fi
if command -v clang > /dev/null; then
  mkdir -p "$root/build-fuzz"
  BUILD_TARGETS="fuzz_imap_response fuzz_imap_tree fuzz_pop3 fuzz_bodystructure fuzz_utf7 fuzz_rfc2047 fuzz_sasl fuzz_mime" \
  run_suite fuzz "$root/build-fuzz" "-L fuzz" -DCMAKE_C_COMPILER=clang -DMAILWIRE_FUZZ=ON \
    -DMAILWIRE_BUILD_SAMPLES=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo "$system_tls" || status=1
else
  stage_failed "fuzz: clang is missing (scripts/deps.sh installs it)"
  status=1
fi
windows_stage x64 || status=1
windows_stage x86 || status=1
# The short mutation list: tests that can fail, shown failing.
mkdir -p "$root/build"
echo "== mutation (short list; tests/mutation/run.sh for all)"
start=$SECONDS
if "$root/tests/mutation/run.sh" --short | tee "$root/build/mutation.log"; then :; else status=1; fi
took mutation "$start"
if summary=$(grep -E '^mutation: [0-9]+ passed, [0-9]+ failed$' "$root/build/mutation.log"); then
  total_passed=$((total_passed + $(sed -E 's/mutation: ([0-9]+) passed.*/\1/' <<<"$summary")))
  total_failed=$((total_failed + $(sed -E 's/.* ([0-9]+) failed/\1/' <<<"$summary")))
else
  stage_failed "mutation: the check ended without its summary"
  status=1
fi
mkdir -p "$root/build-tsan"
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
  run_suite threads "$root/build-tsan" "-E ^(valgrind_|abi_|docs_|bench_|cli_archive$|cli_readme$)" \
  -DCMAKE_BUILD_TYPE=Debug -DMAILWIRE_TSAN=ON -DMAILWIRE_BUILD_SAMPLES=ON "$system_tls" || status=1
echo
echo "== all stages: $SECONDS s"
echo "total: $total_passed passed, $total_failed failed, $total_skipped skipped"
exit $status
