#!/usr/bin/env bash
# Sets up everything Lectern needs on a Debian/Ubuntu machine, skipping what is already there:
#   - system packages: WebKitGTK 4.1 and build tools (to build the app), Xvfb, xauth,
#     WebKitWebDriver and ImageMagick (for the end-to-end tests and their screenshots),
#     appstream (to validate the packages' AppStream metadata), dbus (a private session bus:
#     the one-window test finds the running app on it), poppler-utils (pdftotext and
#     pdftoppm: the printout tests read the PDFs Lectern writes), python3-gi with WebKitGTK's
#     introspection data (the print test prints the app's pages through WebKitGTK to a file);
#   - Rust (through rustup when cargo is missing, with clippy and rustfmt) and Node.js (20.19+) with npm;
#   - npm packages of the UI (ui/) and of the end-to-end tests (tests/e2e/), from their lock files;
#   - tauri-driver (cargo install, pinned), when end-to-end tests are wanted (--e2e);
#   - with --packages also rpm and desktop-file-utils, to build and check the
#     .deb and .rpm (implies --e2e: the installed package is driven like the built app).
set -euo pipefail
cd "$(dirname "$0")/.."
want_e2e=false
want_packages=false
[ "${1:-}" = "--e2e" ] && want_e2e=true
[ "${1:-}" = "--packages" ] && want_e2e=true && want_packages=true

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(libwebkit2gtk-4.1-dev build-essential pkg-config libssl-dev curl file)
$want_e2e && packages+=(xvfb xauth webkit2gtk-driver imagemagick appstream dbus poppler-utils python3-gi gir1.2-webkit2-4.1)
$want_packages && packages+=(rpm desktop-file-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then missing+=(nodejs npm); fi
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  say "System packages already installed"
fi

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "Node.js 20.19 or newer is needed (found $(node --version 2>/dev/null || echo none)): install it from your distribution or nodejs.org" >&2
  exit 1
fi

if ! command -v cargo >/dev/null; then
  say "Installing Rust (rustup, minimal profile)"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  source "$HOME/.cargo/env"
fi
if ! cargo clippy --version >/dev/null 2>&1 || ! cargo fmt --version >/dev/null 2>&1; then
  say "Adding clippy and rustfmt"
  rustup component add clippy rustfmt
fi

say "Installing the UI's npm packages (ui/)"
(cd ui && npm ci --no-audit --no-fund --loglevel=error)

if $want_e2e; then
  say "Installing the end-to-end tests' npm packages (tests/e2e/)"
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
  if ! command -v tauri-driver >/dev/null || ! tauri-driver --help >/dev/null 2>&1; then
    say "Installing tauri-driver 2.1.0 (cargo install)"
    cargo install tauri-driver --version 2.1.0 --locked
  fi
fi
say "Setup done"
