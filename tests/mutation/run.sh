#!/usr/bin/env bash
# run.sh [--short] [--only TEXT] - mutation check: applies each one-line
# mutation of tests/mutation/mutations.txt to a scratch copy of the tree,
# rebuilds, runs the suites the entry names, and reports whether they
# failed (the mutation is "killed") or passed ("SURVIVED": a test that
# cannot fail). The tree itself is never touched.
#   --short       only the entries marked "short:" (the test command runs these)
#   --only TEXT   only entries whose find text contains TEXT
# Ends with "mutation: N passed, M failed": killed ones pass; survivors and
# entries whose text no longer stands in their file fail. Exit 0 only when
# every mutation was killed.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
list=$root/tests/mutation/mutations.txt
short=0 only=""
while [ $# -gt 0 ]; do
  case $1 in
    --short) short=1 ;;
    --only) only=$2; shift ;;
    *) echo "usage: $0 [--short] [--only TEXT]" >&2; exit 2 ;;
  esac
  shift
done
jobs=$(nproc 2> /dev/null || echo 2)
work=$(mktemp -d /tmp/mailwire-mutation-XXXXXX)
trap 'rm -rf "$work"' EXIT
src=$work/src build=$work/build

# The entries to run, one per line: file<TAB>find<TAB>change<TAB>tests
python3 - "$list" "$short" "$only" > "$work/entries" <<'PY'
import sys
path, short, only = sys.argv[1], sys.argv[2] == "1", sys.argv[3]
blocks = [b.strip().splitlines() for b in open(path).read().split("\n\n")]
for lines in blocks:
    fields = {}
    for line in lines:
        if line.startswith("#") or ":" not in line:
            continue
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    if not fields:
        continue
    marked = "short" in fields
    file = fields.get("short", fields.get("file"))
    if not all(k in fields for k in ("find", "change", "tests")) or not file:
        sys.exit(f"malformed entry: {lines}")
    if (short and not marked) or (only and only not in fields["find"]):
        continue
    print("\t".join([file, fields["find"], fields["change"], fields["tests"]]))
PY
[ -s "$work/entries" ] || { echo "mutation: no entry selected"; echo "mutation: 0 passed, 1 failed"; exit 1; }

# mbedTLS 3.6 as the test command builds it (cached): there mbedTLS shares
# mailwire's allocator, so mutations inside TLS error paths can be seen.
prefix=$("$root/scripts/mbedtls.sh" 2> "$work/mbedtls.log" | tail -n 1) && [ -n "$prefix" ] ||
  { tail -n 20 "$work/mbedtls.log"; echo "mutation: 0 passed, 1 failed"; exit 1; }

echo "mutation: copying the tree and building it once"
mkdir -p "$src"
(cd "$root" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$src"
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DMAILWIRE_BUILD_BENCH=OFF \
  -DMAILWIRE_MBEDTLS_PREFIX="$prefix" > "$work/configure.log" 2>&1 &&
  cmake --build "$build" -j "$jobs" > "$work/build.log" 2>&1 ||
  { tail -n 30 "$work/configure.log" "$work/build.log"; echo "mutation: 0 passed, 1 failed"; exit 1; }

# The suites must pass before any mutation, or a "kill" would mean nothing.
union=$(cut -f4 "$work/entries" | sort -u | paste -sd'|')
if ! (cd "$build" && ctest -j "$jobs" -R "$union" > "$work/baseline.log" 2>&1); then
  grep -E "Failed|FAILED" "$work/baseline.log" | head
  echo "mutation: the unmutated suites fail; nothing to measure"
  echo "mutation: 0 passed, 1 failed"
  exit 1
fi

# Replaces the one occurrence of find with change in file; 1 if find does
# not stand there exactly once. "\n" in either stands for a line break.
mutate() {
  python3 - "$@" <<'PY'
import sys
path, find, change = sys.argv[1], sys.argv[2].replace("\\n", "\n"), sys.argv[3].replace("\\n", "\n")
text = open(path).read()
if text.count(find) != 1:
    sys.exit(1)
open(path, "w").write(text.replace(find, change))
PY
}

killed=0 survived=0 stale=0
while IFS=$'\t' read -r file find change tests; do
  cp "$src/$file" "$work/original"
  if ! mutate "$src/$file" "$find" "$change"; then
    echo "STALE: $file: '$find' does not stand exactly once"
    stale=$((stale + 1))
    continue
  fi
  if ! cmake --build "$build" -j "$jobs" > "$work/mutant.log" 2>&1; then
    echo "STALE: $file: the mutation does not compile: '$change'"
    stale=$((stale + 1))
  elif (cd "$build" && ctest -R "$tests" > "$work/mutant-tests.log" 2>&1); then
    echo "SURVIVED: $file: '$find' -> '$change' ($tests still pass)"
    survived=$((survived + 1))
  else
    echo "killed: $file: '$find' ($tests)"
    killed=$((killed + 1))
  fi
  cp "$work/original" "$src/$file"
done < "$work/entries"
cmake --build "$build" -j "$jobs" > /dev/null 2>&1 # leave the scratch build whole

echo "mutation: $killed passed, $((survived + stale)) failed"
[ $((survived + stale)) -eq 0 ]
