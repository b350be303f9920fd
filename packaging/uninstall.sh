#!/usr/bin/env bash
# Removes what packaging/install.sh installed (PK-1, issue 22), exactly: the files its
# manifest lists, the manifest, then the folders that install created, deepest first, each
# only when empty (a folder holding anything else stays).
#   MANIFEST  the manifest's path (without DESTDIR);  DESTDIR  as given to make install
set -euo pipefail
: "${MANIFEST:?MANIFEST: the manifest make install wrote}"
DESTDIR="${DESTDIR:-}"
list="$DESTDIR$MANIFEST"
[ -f "$list" ] || { echo "uninstall.sh: $list not found: nothing was installed there (or PREFIX/DESTDIR differ from the install's)" >&2; exit 1; }

folders=()
while read -r kind path; do
  case "$kind" in
    f) rm -f -- "$DESTDIR$path"; echo "removed $DESTDIR$path" ;;
    d) folders=("$path" "${folders[@]}") ;;
  esac
done < "$list"
rm -f -- "$list"
for dir in "${folders[@]}"; do
  [ -d "$DESTDIR$dir" ] && rmdir --ignore-fail-on-non-empty -- "$DESTDIR$dir"
done
exit 0
