#!/usr/bin/env bash
# Builds Lectern's Linux packages from this checkout: a .deb and an .rpm (release build, the
# UI built first, the bundled library inside). They land in $CARGO_TARGET_DIR/release/bundle/.
# AppImage is not built: its bundler downloads tools from GitHub.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/setup.sh --packages
printf '\033[1m==> %s\033[0m\n' "Building the .deb and .rpm (tauri build, release)"
ui/node_modules/.bin/tauri build --bundles deb,rpm
ls -l "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb "$CARGO_TARGET_DIR"/release/bundle/rpm/*.rpm
