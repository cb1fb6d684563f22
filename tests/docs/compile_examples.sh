#!/usr/bin/env bash
# compile_examples.sh SRCDIR CC - every ```c block in docs/ compiles (as C11,
# warnings as errors) against the public header, so examples cannot rot.
set -euo pipefail
src=$1 cc=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
for md in "$src"/docs/*.md "$src"/docs/api/*.md; do
  awk -v dir="$tmp" -v base="$(basename "$md" .md)" '
    /^```c$/ { inblock = 1; k++; file = dir "/" base "_" k ".c"; print "#include <mailwire.h>" > file; next }
    /^```/ && inblock { inblock = 0; close(file); next }
    inblock { print >> file }' "$md"
done
for f in "$tmp"/*.c; do
  [ -e "$f" ] || continue
  n=$((n + 1))
  if ! "$cc" -std=c11 -Wall -Wextra -Werror -I"$src/include" -c "$f" -o "$f.o" 2> "$f.err"; then
    failed=$((failed + 1)); echo "example $(basename "$f") does not compile:"; cat "$f.err"
  fi
done
echo "$((n - failed)) passed, $failed failed (documentation examples)"
[ "$n" -gt 50 ] && [ "$failed" -eq 0 ]
