#!/usr/bin/env bash
# check_binaries.sh TRIPLET DEF DLL IMPLIB STATICLIB CLI PROGRAM - the Windows
# binaries as they ship:
#   - mailwire.dll exports exactly the names mailwire.def lists, undecorated;
#   - it and the tool need no DLL beyond Windows' own (no libwinpthread-1,
#     libgcc_s_*: a bare folder is enough);
#   - the static library's objects carry no export directive, and PROGRAM,
#     which links it, exports nothing;
#   - on x86 the import library holds the stdcall symbols (_Name@N) that
#     WINAPI callers refer to, imported by plain name (the tool's imports).
set -uo pipefail
triplet=$1 def=$2 dll=$3 implib=$4 staticlib=$5 cli=$6 program=$7
objdump=$triplet-objdump
nm=$triplet-nm
failed=0
fail() { echo "FAILED: $*"; failed=$((failed + 1)); }

exports() { # the export names of a PE file, one per line, sorted
  "$objdump" -p "$1" | sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' |
    sed -n 's/^\s*\[\s*[0-9]*\] //p' | sort
}
imports() { # the DLLs a PE file imports
  "$objdump" -p "$1" | sed -n 's/^\s*DLL Name: //p'
}

listed=$(sed -n 's/^    \([A-Za-z0-9_]*\)$/\1/p' "$def" | sort)
[ -n "$listed" ] || fail "no exports read from $def"
got=$(exports "$dll")
if [ "$got" != "$listed" ]; then
  fail "mailwire.dll exports differ from mailwire.def:"
  diff <(echo "$listed") <(echo "$got") | head -20
fi
grep -q '@' <<<"$got" && fail "decorated export names in mailwire.dll"
grep -q '^LIBRARY mailwire$' "$def" || fail "mailwire.def does not say LIBRARY mailwire"

for pe in "$dll" "$cli"; do
  while read -r dep; do
    case ${dep,,} in
      kernel32.dll | msvcrt.dll | ws2_32.dll | bcrypt.dll | crypt32.dll | shell32.dll | mailwire.dll) ;;
      *) fail "$(basename "$pe") needs $dep" ;;
    esac
  done < <(imports "$pe")
done

# dllexport puts "-export:NAME" in an object's .drectve section: the
# library's objects have none. (Whole outputs first: grep -q stops reading
# early, and the writer's SIGPIPE would fail a pipeline whatever it found.)
sections=$("$objdump" -h "$staticlib")
if grep -q '\.drectve' <<<"$sections"; then
  fail "the static library's objects carry linker directives (dllexport?)"
fi
[ -z "$(exports "$program")" ] || fail "$(basename "$program") (static library) exports: $(exports "$program" | head -3)"
[ -z "$(exports "$cli")" ] || fail "$(basename "$cli") exports symbols"

if [[ $triplet == i686-* ]]; then
  symbols=$("$nm" "$implib")
  missing=0
  for name in $listed; do
    grep -qE " T _${name}@[0-9]+$" <<<"$symbols" || missing=$((missing + 1))
  done
  [ "$missing" -eq 0 ] || fail "$missing export(s) without a _Name@N stdcall symbol in $(basename "$implib")"
  # the tool, linked through it, imports the plain names
  cli_headers=$("$objdump" -p "$cli")
  grep -qE '^\s+[0-9a-f]+\s+[0-9]+\s+ImapConnectA$' <<<"$cli_headers" ||
    fail "$(basename "$cli") does not import ImapConnectA by its plain name"
fi

echo "$(wc -l <<<"$listed") exports checked, $failed failure(s)"
[ "$failed" -eq 0 ]
