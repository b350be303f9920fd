#!/usr/bin/env bash
# Installs monban's files (PK-1, issue 22): the stripped binary (its debug symbols apart),
# the man pages and the bash/zsh/fish completions generated from the binary's own argument
# parser, the example config.toml and the systemd units. `make install` and
# packaging/build-deb.sh both call it, with their own folders:
#
#   BIN              the release binary (`make release`), read only: its copy is stripped
#   DESTDIR          prefix of every path below (staging); may be empty
#   BINDIR MANDIR BASHCOMPDIR ZSHCOMPDIR FISHCOMPDIR UNITDIR EXAMPLESDIR
#   DEBUGFILE        where the debug symbols go (empty: left out)
#   MAN_GZIP         yes: man pages gzip -9n (Debian policy)
#   MAN_DATE         the man pages' date (yyyy-mm-dd; default: the last commit's)
#   MANIFEST         when set: the list of what was installed (files, and the folders this
#                    install created), written there for packaging/uninstall.sh
set -euo pipefail

: "${BIN:?BIN: the release binary}"
: "${BINDIR:?}" "${MANDIR:?}" "${BASHCOMPDIR:?}" "${ZSHCOMPDIR:?}" "${FISHCOMPDIR:?}" "${UNITDIR:?}" "${EXAMPLESDIR:?}"
DESTDIR="${DESTDIR:-}"
DEBUGFILE="${DEBUGFILE:-}"
MANIFEST="${MANIFEST:-}"
here="$(cd "$(dirname "$0")" && pwd)"
MAN_DATE="${MAN_DATE:-$(git -C "$here" log -1 --format=%cs 2>/dev/null || date -u +%F)}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The binary: a copy, stripped, with a link to its debug symbols (gdb finds them by the
# file name and CRC in .gnu_debuglink, or by the build ID). The build itself is untouched.
cp "$BIN" "$work/monban"
objcopy --only-keep-debug "$work/monban" "$work/monban.debug"
strip --strip-all --remove-section=.comment "$work/monban"
objcopy --add-gnu-debuglink="$work/monban.debug" "$work/monban"
chmod 0644 "$work/monban.debug"

# Man pages: one for monban and one for each subcommand (monban-contract-create.1), from the
# parser's own description of the command tree (--experimental-dump-help; manpages.py says why
# not generate-manual). The stripped copy describes itself: what is installed is what they say.
python3 "$here/manpages.py" "$work/monban" "$work/man" "$MAN_DATE" >/dev/null
[ -f "$work/man/monban.1" ] || { echo "install.sh: manpages.py wrote no monban.1" >&2; exit 1; }

# Completions, from the same parser. bash-completion sources its files: the generated
# script's "#!/bin/bash" line is dropped (lintian: bash-completion-with-hashbang).
for shell in bash zsh fish; do
  "$work/monban" --generate-completion-script "$shell" > "$work/completion.$shell"
  [ -s "$work/completion.$shell" ] || { echo "install.sh: no $shell completion" >&2; exit 1; }
done
sed -i '1{/^#!/d}' "$work/completion.bash"

# The systemd units, naming the installed binary.
for unit in monban-kiosk@.service monban-deliver.service; do
  sed "s|@BINDIR@|$BINDIR|g" "$here/systemd/$unit" > "$work/$unit"
done

installed=()   # files, without DESTDIR
created=()     # folders this install made, parents first
# Folders an earlier install made stay this install's to remove.
if [ -n "$MANIFEST" ] && [ -f "$DESTDIR$MANIFEST" ]; then
  while read -r kind path; do [ "$kind" = d ] && created+=("$path"); done < "$DESTDIR$MANIFEST"
fi

folder() {
  local dir="$1" missing=() d
  d="$dir"
  while [ -n "$d" ] && [ "$d" != / ] && [ ! -d "$DESTDIR$d" ]; do missing=("$d" "${missing[@]}"); d="$(dirname "$d")"; done
  for d in "${missing[@]}"; do
    mkdir -m 0755 "$DESTDIR$d"
    created+=("$d")
  done
}

put() { # mode source destination
  folder "$(dirname "$3")"
  install -m "$1" "$2" "$DESTDIR$3"
  installed+=("$3")
}

put 0755 "$work/monban" "$BINDIR/monban"
[ -z "$DEBUGFILE" ] || put 0644 "$work/monban.debug" "$DEBUGFILE"
for page in "$work"/man/*.1; do
  name="$(basename "$page")"
  if [ "${MAN_GZIP:-no}" = yes ]; then
    gzip -9n < "$page" > "$page.gz"
    put 0644 "$page.gz" "$MANDIR/man1/$name.gz"
  else
    put 0644 "$page" "$MANDIR/man1/$name"
  fi
done
put 0644 "$work/completion.bash" "$BASHCOMPDIR/monban"
put 0644 "$work/completion.zsh" "$ZSHCOMPDIR/_monban"
put 0644 "$work/completion.fish" "$FISHCOMPDIR/monban.fish"
put 0644 "$here/config.toml" "$EXAMPLESDIR/config.toml"
put 0644 "$work/monban-kiosk@.service" "$UNITDIR/monban-kiosk@.service"
put 0644 "$work/monban-deliver.service" "$UNITDIR/monban-deliver.service"

if [ -n "$MANIFEST" ]; then
  folder "$(dirname "$MANIFEST")"
  {
    printf '# monban: installed by make install; make uninstall removes these and then this file\n'
    printf 'f %s\n' "${installed[@]}"
    # Each folder once, in the order made.
    printf 'd %s\n' "${created[@]}" | awk '!seen[$0]++'
  } > "$work/manifest"
  install -m 0644 "$work/manifest" "$DESTDIR$MANIFEST"
fi
printf '%s\n' "${installed[@]/#/installed $DESTDIR}"
