#!/usr/bin/env bash
# Checks Lectern's signed updates end to end, as a reader's installed copy meets them (a long
# check, not part of the suite: two release builds, then a WebDriver session on the installed
# app). Needs root (or sudo) for apt.
#   - generates a throwaway minisign key pair (and a second, foreign one) in a temporary folder:
#     no key of the project's is used, and nothing of it is written into the checkout;
#   - picks a free port and writes the release configuration (scripts/release-config.mjs) with
#     that key and http://127.0.0.1:PORT/latest.json as the update manifest;
#   - builds the OLD .deb (0.1.0) and the NEW .deb (0.1.1, the version given in a second config
#     merged over the first), each with the .deb.sig `tauri build` signs it with, and keeps
#     copies outside the bundle folder (the second build overwrites it);
#   - prepares the packages a server on 127.0.0.1 offers: both builds with their signatures,
#     the new package signed by the foreign key, and a corrupt copy (bytes changed after
#     signing); starts that server (a small Node server over one folder, stopped on exit);
#   - installs the OLD .deb with apt and runs tests/e2e/update-smoke.mjs against /usr/bin/lectern
#     with an empty home under Xvfb: each refusal (foreign key, corrupt download, the old
#     package announced as 0.1.1, a manifest for an older version, the server stopped) leaves
#     0.1.0 installed and the app running with a message; then the genuine update is
#     installed, the app restarts as 0.1.1, and the reader's note is still there;
#   - removes the package and checks that the reader's data stayed.
# Prints the time of each step at the end.
#
# Usage: scripts/test-update.sh [--keep] [--reuse DIR]
#   --keep       keep the work folder (keys, configs, both packages) and print where it is
#   --reuse DIR  use the keys, port and packages of an earlier --keep run: no builds
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
fail() { echo "test-update: $*" >&2; exit 1; }

keep=false
reuse=
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) keep=true ;;
    --reuse) reuse="${2:?--reuse needs the folder of a --keep run}"; shift ;;
    *) fail "unknown argument $1 (usage: scripts/test-update.sh [--keep] [--reuse DIR])" ;;
  esac
  shift
done

# The time each step took, printed at the end (also when a step fails).
timings=()
started=$SECONDS
mark=$SECONDS
timed() { timings+=("$(printf '%5ss  %s' $((SECONDS - mark)) "$1")"); mark=$SECONDS; }
print_timings() {
  [ ${#timings[@]} -gt 0 ] || return 0
  printf '\nTimings:\n'
  printf '  %s\n' "${timings[@]}"
  printf '  %5ss  total\n' $((SECONDS - started))
}

if [ -n "$reuse" ]; then
  work=$(cd "$reuse" && pwd)
  for f in port key/k.key key/k.key.pub other/o.key lectern_0.1.0.deb lectern_0.1.0.deb.sig lectern_0.1.1.deb lectern_0.1.1.deb.sig; do
    [ -s "$work/$f" ] || fail "$work/$f is missing: --reuse takes the folder of a --keep run"
  done
  keep=true
else
  work=$(mktemp -d /tmp/lectern-update.XXXXXX)
fi
served="$work/served"
server_pid=
installed_by_us=false
cleanup() {
  local status=$?
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  if $installed_by_us && dpkg-query -W lectern >/dev/null 2>&1; then
    echo "test-update: removing the lectern package this run installed" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq lectern >/dev/null || true
  fi
  if [ $status -ne 0 ] && [ -s "$work/server.log" ]; then
    echo "test-update: the update server's log:" >&2
    tail -n 40 "$work/server.log" >&2
  fi
  print_timings
  if $keep; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

dpkg-query -W lectern >/dev/null 2>&1 && fail "lectern is already installed: remove it first (apt-get remove lectern)"
bash scripts/setup.sh --packages
timed "setup"

password=lectern-update-test
tauri=ui/node_modules/.bin/tauri
if [ -z "$reuse" ]; then
  step "A throwaway key pair (and a foreign one) in $work"
  mkdir -p "$work/key" "$work/other"
  $tauri signer generate --ci -p "$password" -w "$work/key/k.key" >/dev/null
  $tauri signer generate --ci -p "$password" -w "$work/other/o.key" >/dev/null
  # A free port now; the builds carry the manifest's address, so it is fixed from here on.
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })' >"$work/port"
fi
port=$(cat "$work/port")
base="http://127.0.0.1:$port"
echo "manifest: $base/latest.json"

if [ -z "$reuse" ]; then
  node scripts/release-config.mjs "$(cat "$work/key/k.key.pub")" "$base/latest.json" >"$work/old.conf.json"
  node -e 'const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); c.version = "0.1.1"; console.log(JSON.stringify(c, null, 2))' \
    "$work/old.conf.json" >"$work/new.conf.json"
  timed "keys and release configuration"

  # Builds VERSION with CONFIG and copies its .deb and the .deb.sig `tauri build` signs it with
  # (createUpdaterArtifacts and the key in TAURI_SIGNING_PRIVATE_KEY) into the work folder. The
  # signature's trusted comment must name the version: requireSignedVersion refuses it otherwise.
  build() {
    local version=$1 config=$2 deb stamp="$work/.build-$1"
    deb="$CARGO_TARGET_DIR/release/bundle/deb/Lectern_${version}_amd64.deb"
    touch "$stamp"
    TAURI_SIGNING_PRIVATE_KEY="$(cat "$work/key/k.key")" TAURI_SIGNING_PRIVATE_KEY_PASSWORD="$password" \
      $tauri build --bundles deb --config "$config"
    [ "$deb" -nt "$stamp" ] || fail "the build wrote no $deb"
    [ -f "$deb.sig" ] && [ "$deb.sig" -nt "$stamp" ] || fail "the build signed no updater artifact ($deb.sig)"
    grep -q "^trusted comment: .*version:$version\b" <(base64 -d "$deb.sig") || fail "$deb.sig does not name version $version"
    [ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "the $version build is not version $version"
    cp "$deb" "$work/lectern_$version.deb"
    cp "$deb.sig" "$work/lectern_$version.deb.sig"
  }
  step "Building the OLD package (0.1.0) with the updater and the test key"
  build 0.1.0 "$work/old.conf.json"
  timed "release build 0.1.0"
  step "Building the NEW package (0.1.1)"
  build 0.1.1 "$work/new.conf.json"
  timed "release build 0.1.1"
fi

step "The packages the update server offers ($served)"
rm -rf "$served"
mkdir -p "$served"
for v in 0.1.0 0.1.1; do cp "$work/lectern_$v.deb" "$work/lectern_$v.deb.sig" "$served/"; done
# The new package signed by a key this build does not trust.
cp "$work/lectern_0.1.1.deb" "$served/lectern_0.1.1-foreign.deb"
env -u TAURI_SIGNING_PRIVATE_KEY -u TAURI_SIGNING_PRIVATE_KEY_PASSWORD \
  $tauri signer sign -f "$work/other/o.key" -p "$password" --app-version 0.1.1 "$served/lectern_0.1.1-foreign.deb" >/dev/null
# The new package with bytes changed after signing (its genuine signature).
cp "$work/lectern_0.1.1.deb" "$served/lectern_0.1.1-corrupt.deb"
cp "$work/lectern_0.1.1.deb.sig" "$served/lectern_0.1.1-corrupt.deb.sig"
size=$(stat -c %s "$served/lectern_0.1.1-corrupt.deb")
printf 'corrupted' | dd of="$served/lectern_0.1.1-corrupt.deb" bs=1 seek=$((size / 2)) conv=notrunc status=none
cmp -s "$work/lectern_0.1.1.deb" "$served/lectern_0.1.1-corrupt.deb" && fail "the corrupt copy is not corrupt"
ls -l "$served"

# The update server: GET of a file in the served folder, nothing else. While a file named
# `offline` is in the folder it stops listening (connections are refused, as when the server
# is down), and listens again once the file is gone: the test uses it for "no network".
cat >"$work/serve.mjs" <<'EOF'
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
const [dir, port] = process.argv.slice(2);
const server = createServer((req, res) => {
  const file = join(dir, basename(decodeURIComponent(new URL(req.url, 'http://x').pathname)));
  const found = req.method === 'GET' && existsSync(file) && statSync(file).isFile() && !file.endsWith('/offline');
  console.log(`${new Date().toISOString()} ${req.method} ${req.url} ${found ? 200 : 404}`);
  if (!found) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': file.endsWith('.json') ? 'application/json' : 'application/octet-stream', 'content-length': statSync(file).size });
  createReadStream(file).pipe(res);
});
let listening = false;
const listen = () => server.listen(Number(port), '127.0.0.1', () => console.log(`listening on 127.0.0.1:${port}`));
server.on('listening', () => (listening = true));
server.on('close', () => (listening = false));
listen();
setInterval(() => {
  const offline = existsSync(join(dir, 'offline'));
  if (offline && listening) {
    server.close(() => console.log('offline: not listening'));
    server.closeAllConnections();
    listening = false;
  } else if (!offline && !listening && !server.listening) listen();
}, 100);
EOF
node "$work/serve.mjs" "$served" "$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do curl -s -o /dev/null "$base/lectern_0.1.0.deb.sig" && break; sleep 0.1; done
curl -sf -o /dev/null "$base/lectern_0.1.0.deb.sig" || fail "the update server does not answer on $base"
echo "update server on $base (pid $server_pid)"
timed "packages served"

step "Installing the OLD package (0.1.0) with apt"
installed_by_us=true
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$work/lectern_0.1.0.deb"
[ "$(dpkg-query -W -f='${Version}' lectern)" = 0.1.0 ] || fail "lectern 0.1.0 is not what is installed"
timed "install 0.1.0"

step "Updating the installed app (empty home, under Xvfb)"
home="$work/home"
rm -rf "$home"
mkdir -p "$home" "$work/bin"
# The updater installs a .deb with `pkexec dpkg -i FILE`: pkexec asks for the password in a
# graphical prompt, which nobody can answer on a headless machine (and this one has no
# polkit). The stand-in runs the command as the test's own user (root here), as pkexec would
# after a granted prompt.
printf '#!/bin/sh\nexec "$@"\n' >"$work/bin/pkexec"
chmod +x "$work/bin/pkexec"
# A D-Bus session bus, as on a desktop: the app's single-instance lock lives there, and the
# copy the update restarts must not take the old one, still holding it, for a second launch.
command -v dbus-run-session >/dev/null || fail "dbus-run-session is needed (apt-get install dbus, or scripts/setup.sh --e2e)"
PATH="$work/bin:$PATH" LECTERN_APP=/usr/bin/lectern LECTERN_SMOKE_HOME="$home" \
  LECTERN_UPDATE_SERVED="$served" LECTERN_UPDATE_BASE="$base" \
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- node --test tests/e2e/update-smoke.mjs
[ "$(dpkg-query -W -f='${Version}' lectern)" = 0.1.1 ] || fail "lectern 0.1.1 is not what is installed after the update"
timed "update smoke test"

step "Removing the package; the reader's data stays"
as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq lectern
installed_by_us=false
[ ! -e /usr/bin/lectern ] || fail "/usr/bin/lectern is still there"
notes=$(find "$home" -name notes.sqlite | head -1)
[ -n "$notes" ] || fail "no notes.sqlite under the reader's home after removal"
echo "kept: ${notes#"$home"/}"
timed "remove"
step "Updates OK"
