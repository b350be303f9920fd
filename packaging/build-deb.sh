#!/usr/bin/env bash
# Builds the Debian packages of monban with dpkg-deb (PK-1, issue 22) from a release binary
# that is already built (the Makefile's RELEASE_FLAGS); nothing is compiled here.
#
#   packaging/build-deb.sh BIN [OUTDIR]      (make deb: BIN is the release binary, OUTDIR .build/deb)
#
# Writes OUTDIR/monban_VERSION_ARCH.deb and OUTDIR/monban-dbgsym_VERSION_ARCH.deb (the debug
# symbols, /usr/lib/debug/.build-id/…), and prints the first one's path on the last line.
# Environment: VERSION (default: from git),
# DBGSYM=no (skip the debug-symbols package), COMPRESS=gzip (faster than the default xz:
# the test uses both, to keep make test short).
#
# Depends is read from the binary, not written by hand: the libraries of its DT_NEEDED
# entries (readelf -d) and the versioned sonames CLazyLoader dlopens on first use (the
# lazy_open() lists in Sources/C*/; each must be in the binary's strings), each resolved to
# its file with ldconfig and to its package with dpkg -S.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
BIN="$(realpath "${1:?usage: build-deb.sh BIN [OUTDIR]}")"
OUT="$(mkdir -p "${2:-$root/.build/deb}" && cd "${2:-$root/.build/deb}" && pwd)"
[ -x "$BIN" ] || { echo "build-deb.sh: $BIN is not an executable" >&2; exit 1; }

arch="$(dpkg --print-architecture)"
if [ -z "${VERSION:-}" ]; then
  # 0~git<commit time>.<commit>-1: increases with each commit; "-1", the first Debian revision.
  VERSION="$(git -C "$root" log -1 --format='0~git%cd.%h-1' --date=format:%Y%m%d%H%M 2>/dev/null || echo 0~local-1)"
fi
date_rfc="$(git -C "$root" log -1 --format=%cD 2>/dev/null || date -R)"
maintainer="monban developers <maintainers@monban.example>"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
stage="$work/monban"
mkdir -m 0755 "$stage"

# --- Depends, from the binary ---
package_of() { # a file → the package holding it, or nothing
  local f="$1" p
  for candidate in "$f" "$(realpath "$f")" "/usr$f" "${f#/usr}"; do
    p="$(dpkg -S "$candidate" 2>/dev/null | awk -F: 'NR == 1 { print $1 }')" && [ -n "$p" ] && { echo "$p"; return; }
  done
}
# (Every pipe here reads its input to the end: under pipefail, a reader that stops early
# would fail the build on its writer's SIGPIPE.)
library_file() { ldconfig -p | awk -v so="$1" '$1 == so && !found { print $NF; found = 1 }'; }
depends=()
for so in $(readelf -d "$BIN" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
  file="$(library_file "$so")"
  pkg="$(package_of "${file:-/nonexistent}")"
  [ -n "$pkg" ] || { echo "build-deb.sh: no package holds $so (${file:-not found by ldconfig})" >&2; exit 1; }
  depends+=("$pkg")
done
# Each lazy_open() list is one dependency: the first soname that loads wins, so its packages
# are alternatives; a soname that no installed package holds is left out of them.
while read -r group; do
  [ -n "$group" ] || continue
  alternatives=()
  for so in $group; do
    grep -qaF "$so" "$BIN" || { echo "build-deb.sh: $so (a lazy_open soname) is not in $BIN" >&2; exit 1; }
    file="$(library_file "$so")"
    [ -n "$file" ] || continue
    pkg="$(package_of "$file")"
    [ -n "$pkg" ] && alternatives+=("$pkg")
  done
  [ ${#alternatives[@]} -gt 0 ] || { echo "build-deb.sh: none of $group is installed: cannot name its package" >&2; exit 1; }
  depends+=("$(printf '%s\n' "${alternatives[@]}" | awk '!seen[$0]++' | paste -sd'|' | sed 's/|/ | /g')")
done <<< "$(grep -ho 'lazy_open((const char \*const\[\]){[^}]*}' "$root"/Sources/C*/*.c | sed 's/.*{//; s/NULL//; s/[",}]/ /g')"
depends+=(adduser)
Depends="$(printf '%s\n' "${depends[@]}" | awk '!seen[$0]++' | sort | paste -sd, | sed 's/,/, /g')"

# --- the files, by the same script as make install, in Debian's places ---
build_id="$(readelf -n "$BIN" | sed -n 's/.*Build ID: *\([0-9a-f]*\).*/\1/p' | awk 'NR == 1')"
debug_path="/usr/lib/debug/.build-id/${build_id:0:2}/${build_id:2}.debug"
[ -n "$build_id" ] || debug_path="/usr/lib/debug/usr/bin/monban.debug"
BIN="$BIN" DESTDIR="$stage" \
  BINDIR=/usr/bin MANDIR=/usr/share/man \
  BASHCOMPDIR=/usr/share/bash-completion/completions ZSHCOMPDIR=/usr/share/zsh/vendor-completions \
  FISHCOMPDIR=/usr/share/fish/vendor_completions.d UNITDIR=/lib/systemd/system \
  EXAMPLESDIR=/usr/share/doc/monban/examples DEBUGFILE="$debug_path" MAN_GZIP=yes \
  "$here/install.sh" >/dev/null

# The debug symbols go to their own package.
dbg="$work/monban-dbgsym"
mkdir -p "$dbg$(dirname "$debug_path")"
mv "$stage$debug_path" "$dbg$debug_path"
rmdir -p --ignore-fail-on-non-empty "$stage$(dirname "$debug_path")"

install -m 0644 "$here/debian/copyright" "$stage/usr/share/doc/monban/copyright"
commit="$(git -C "$root" log -1 --format=%h 2>/dev/null || echo unknown)"
{
  printf 'monban (%s) unstable; urgency=medium\n\n' "$VERSION"
  printf '  * Built from commit %s with dpkg-deb (packaging/build-deb.sh).\n\n' "$commit"
  printf ' -- %s  %s\n' "$maintainer" "$date_rfc"
} | gzip -9n > "$stage/usr/share/doc/monban/changelog.Debian.gz"
chmod 0644 "$stage/usr/share/doc/monban/changelog.Debian.gz"

# --- control ---
mkdir -m 0755 "$stage/DEBIAN"
for script in postinst prerm postrm; do install -m 0755 "$here/debian/$script" "$stage/DEBIAN/$script"; done
(cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) > "$stage/DEBIAN/md5sums"
chmod 0644 "$stage/DEBIAN/md5sums"
cat > "$stage/DEBIAN/control" <<EOF
Package: monban
Version: $VERSION
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $(du -sk --exclude=DEBIAN "$stage" | cut -f1)
Depends: $Depends
Section: admin
Priority: optional
Description: sign-in and account settings of a cloud-storage service, in a terminal
 monban is a full-screen terminal client recreating the sign-in and
 account-settings system of a Japanese cloud-storage service: login, two-step
 verification (SMS and authenticator apps, with the QR code drawn on the
 screen), account lock and unlock, password reset, the settings menu and the
 administrator console, on an embedded engine keeping its state in SQLite.
 .
 The package installs the client and its operator commands, man pages, bash,
 zsh and fish completions, an example config.toml, and two systemd units:
 monban-kiosk@.service (a kiosk on a console, e.g. monban-kiosk@tty1) and
 monban-deliver.service (sends the outbox's e-mails and SMS). They run as the
 system account "monban", with their data in /var/lib/monban.
EOF
find "$stage" -type d -exec chmod 0755 {} +
deb="$OUT/monban_${VERSION}_${arch}.deb"
dpkg-deb --root-owner-group -Z"${COMPRESS:-xz}" --build "$stage" "$deb" >/dev/null

if [ "${DBGSYM:-yes}" != no ]; then
  mkdir -p "$dbg/DEBIAN" "$dbg/usr/share/doc"
  ln -s monban "$dbg/usr/share/doc/monban-dbgsym"
  cat > "$dbg/DEBIAN/control" <<EOF
Package: monban-dbgsym
Source: monban
Version: $VERSION
Auto-Built-Package: debug-symbols
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $(du -sk --exclude=DEBIAN "$dbg" | cut -f1)
Depends: monban (= $VERSION)
Section: debug
Priority: optional
Description: debug symbols for monban
Build-Ids: $build_id
EOF
  (cd "$dbg" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) > "$dbg/DEBIAN/md5sums"
  find "$dbg" -type d -exec chmod 0755 {} +
  dpkg-deb --root-owner-group -Z"${COMPRESS:-xz}" --build "$dbg" "$OUT/monban-dbgsym_${VERSION}_${arch}.deb" >/dev/null
fi
echo "$deb"
