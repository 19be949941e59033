#!/usr/bin/env bash
# Checks Lectern's packages as a reader's machine would meet them (about 8 minutes, most of it
# the release build). Builds the .deb and .rpm (scripts/package.sh), then:
#   - the .deb's and the .rpm's file lists and metadata: the binary, the bundled library, the
#     desktop entry (desktop-file-validate; it registers the lectern: link scheme), icons at
#     every size, the AppStream metadata (appstreamcli validate);
#   - installs the .deb with apt, prints its installed size, starts the installed binary under
#     Xvfb with an empty home (no --data, no --content: what a reader gets from the menu) and
#     runs a smoke test through WebDriver: the bundled library shows, an article opens, search
#     finds, a note is added, the app quits and starts again, the note is there;
#   - removes the package and checks that the reader's data stayed.
# Needs root (or sudo) for apt. Usage: scripts/test-package.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
fail() { echo "test-package: $*" >&2; exit 1; }

if [ "${1:-}" = "--no-build" ]; then bash scripts/setup.sh --packages; else bash scripts/package.sh; fi
bundle="$CARGO_TARGET_DIR/release/bundle"
deb=$(ls -t "$bundle"/deb/*.deb | head -1)
rpm=$(ls -t "$bundle"/rpm/*.rpm | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Every file a desktop needs, in both packages.
expected=(
  /usr/bin/lectern
  /usr/share/applications/Lectern.desktop
  /usr/share/metainfo/org.lectern.desktop.metainfo.xml
  /usr/lib/Lectern/content/articles/international-red-aid.md
)
for size in 16 24 32 48 64 96 128 256 512; do
  expected+=("/usr/share/icons/hicolor/${size}x${size}/apps/lectern.png")
done

step "The .deb: $(basename "$deb")"
dpkg-deb -c "$deb" | awk '{print $6}' | sed -E 's#^\.?/?#/#' >"$work/deb.list"
for f in "${expected[@]}"; do grep -qx "$f" "$work/deb.list" || fail "the .deb lacks $f"; done
dpkg-deb -f "$deb" Package Version Architecture Depends Description
dpkg-deb -x "$deb" "$work/deb"
desktop-file-validate "$work/deb/usr/share/applications/Lectern.desktop"
grep -q '^MimeType=.*x-scheme-handler/lectern' "$work/deb/usr/share/applications/Lectern.desktop" ||
  fail "the desktop entry does not register the lectern: link scheme"
grep -q '^Exec=.*%u' "$work/deb/usr/share/applications/Lectern.desktop" ||
  fail "the desktop entry does not pass a link to the app (Exec without %u)"
appstreamcli validate --no-net "$work/deb/usr/share/metainfo/org.lectern.desktop.metainfo.xml"

step "The .rpm: $(basename "$rpm")"
rpm -qlp "$rpm" 2>/dev/null >"$work/rpm.list"
for f in "${expected[@]}"; do grep -qx "$f" "$work/rpm.list" || fail "the .rpm lacks $f"; done
rpm -qip "$rpm" 2>/dev/null | grep -E '^(Name|Version|Release|Architecture|License|Summary)'
[ "$(rpm -qp --queryformat '%{NAME}' "$rpm" 2>/dev/null)" = lectern ] || fail "the .rpm is not named lectern"

step "Installing the .deb with apt"
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb"
echo "installed size: $(dpkg-query -W -f='${Installed-Size}' lectern) KiB"

step "Smoke test of the installed app (empty home, under Xvfb)"
home="$work/home"
mkdir -p "$home"
LECTERN_APP=/usr/bin/lectern LECTERN_SMOKE_HOME="$home" xvfb-run -a -s "-screen 0 1280x800x24" \
  node --test tests/e2e/package-smoke.mjs

step "Removing the package; the reader's data stays"
as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq lectern
[ ! -e /usr/bin/lectern ] || fail "/usr/bin/lectern is still there"
notes=$(find "$home" -name notes.sqlite | head -1)
[ -n "$notes" ] || fail "no notes.sqlite under the reader's home after removal"
echo "kept: ${notes#"$home"/}"
step "Packages OK"
