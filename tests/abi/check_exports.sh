#!/usr/bin/env bash
# check_exports.sh SRCDIR LIBRARY - the public header, lib/mailwire.def,
# lib/mailwire.map and the shared library's dynamic symbols must list
# exactly the same functions.
set -euo pipefail
src=$1 lib=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

grep -ohE 'MAILWIRE_FUNCTION\([A-Z]+, *[A-Za-z0-9_]+' "$src"/include/mailwire/*.h |
  sed -E 's/.*, *//' | sort > "$tmp/header"
sed -n '/^EXPORTS/,$p' "$src/lib/mailwire.def" | tail -n +2 | awk 'NF {print $1}' | sort > "$tmp/def"
sed -n '/global:/,/local:/p' "$src/lib/mailwire.map" | grep -E '^\s+[A-Za-z]' |
  sed -E 's/[[:space:];]//g' | grep -v -E '^(global|local):' | sort > "$tmp/map"
nm -D --defined-only "$lib" | awk '$2 == "T" {print $3}' | sed 's/@.*//' | sort -u > "$tmp/so"

status=0
for other in def map so; do
  if ! diff -u "$tmp/header" "$tmp/$other" > "$tmp/diff"; then
    echo "exports differ between the header and $other:"; cat "$tmp/diff"; status=1
  fi
done
n=$(wc -l < "$tmp/header")
[ "$n" -gt 50 ] || { echo "suspiciously few exports: $n"; status=1; }
[ $status -eq 0 ] && echo "exports agree: $n functions in header, .def, version script and library"
exit $status
