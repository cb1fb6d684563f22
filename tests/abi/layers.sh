#!/usr/bin/env bash
# layers.sh SOURCE_DIR - the library's layers include only downwards:
# sys < net < proto < mime < imap, pop3 < api (imap and pop3 never each
# other). Every "../LAYER/" include of lib/ is checked against that order.
set -euo pipefail
lib=$1/lib
declare -A allowed=(
  [sys]=""
  [net]="sys"
  [proto]="sys net"
  [mime]="sys net proto"
  [imap]="sys net proto mime"
  [pop3]="sys net proto mime"
  [api]="sys net proto mime imap pop3"
)
bad=0
for layer in "${!allowed[@]}"; do
  for file in "$lib/$layer"/*.[ch]; do
    while IFS= read -r used; do
      case " ${allowed[$layer]} " in
        *" $used "*) ;;
        *) echo "layers: lib/$layer/${file##*/} includes ../$used/ (allowed: ${allowed[$layer]:-none})"; bad=1 ;;
      esac
    done < <(grep -o '#include "\.\./[a-z0-9_]*/' "$file" | sed 's|#include "\.\./||; s|/$||' | sort -u)
  done
done
for dir in "$lib"/*/; do
  name=$(basename "$dir")
  [ -n "${allowed[$name]+x}" ] || { echo "layers: lib/$name is in no layer"; bad=1; }
done
[ "$bad" -eq 0 ] && echo "layers: every include goes downwards"
exit "$bad"
