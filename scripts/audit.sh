#!/usr/bin/env bash
# The dependency audit, offline: cargo-audit (pinned; built from crates.io once, into
# ~/.cache/lectern-tools) checks Cargo.lock against the RustSec advisories vendored in
# tests/advisory-db (its README says what is in it and how to update it). A vulnerability
# fails the run; unmaintained and unsound crates are printed as warnings.
#
# First it proves that it can fail: the same lock file with the ammonia this project used to
# pin (4.1.2, two XSS advisories) must be refused.
#
#   scripts/audit.sh [LOCKFILE]     (default: Cargo.lock)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
lock="${1:-Cargo.lock}"

version=0.22.2
tools="${LECTERN_TOOLS:-$HOME/.cache/lectern-tools}"
audit="$tools/bin/cargo-audit"
if ! "$audit" --version 2>/dev/null | grep -qx "cargo-audit $version"; then
  echo "Installing cargo-audit $version into $tools (once)"
  cargo install --locked --quiet --no-default-features --root "$tools" "cargo-audit@=$version"
fi
db=tests/advisory-db
run() { "$audit" audit --no-fetch --no-yanked --db "$db" --color never "$@"; }

# Advisories accepted, each with its reason, as "crate@version ADVISORY".
accepted=(
  # citationberg 0.7.0 (hayagriva's CSL reader, no newer release) parses only the CSL styles
  # and locales hayagriva bundles, never a file a user or a site hands Lectern.
  "quick-xml@0.38.4 RUSTSEC-2026-0194"
  "quick-xml@0.38.4 RUSTSEC-2026-0195"
)

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
awk '/^name = "ammonia"$/ { print; getline; print "version = \"4.1.2\""; next } { print }' \
  "$lock" >"$scratch/Cargo.lock"
if run --file "$scratch/Cargo.lock" >"$scratch/old.txt" 2>&1; then
  cat "$scratch/old.txt"
  echo "audit: a lock file with ammonia 4.1.2 passed; the audit cannot catch a known advisory" >&2
  exit 1
fi
grep -q "RUSTSEC-2026-0213" "$scratch/old.txt" || {
  cat "$scratch/old.txt"
  echo "audit: ammonia 4.1.2 was refused, but not for RUSTSEC-2026-0213" >&2
  exit 1
}
echo "audit: a lock file with ammonia 4.1.2 is refused (RUSTSEC-2026-0193, RUSTSEC-2026-0213)"

run --file "$lock" --json >"$scratch/ours.json" || true
node - "$scratch/ours.json" "${accepted[@]}" <<'EOF'
const [file, ...accepted] = process.argv.slice(2);
const report = JSON.parse(require('fs').readFileSync(file, 'utf8'));
const found = report.vulnerabilities.list;
const refused = [];
for (const v of found) {
  const key = `${v.package.name}@${v.package.version} ${v.advisory.id}`;
  const ok = accepted.includes(key);
  console.log(`  ${ok ? 'accepted (see scripts/audit.sh)' : 'VULNERABLE'}: ${key}: ${v.advisory.title}`);
  if (!ok) refused.push(key);
}
for (const [kind, items] of Object.entries(report.warnings ?? {}).sort()) {
  for (const w of items) {
    console.log(`  warning (${kind}): ${w.package.name}@${w.package.version} ${w.advisory?.id ?? ''}`);
  }
}
if (refused.length) {
  console.error(`audit: ${refused.length} vulnerable dependencies`);
  process.exit(1);
}
console.log(`audit: no vulnerable dependency (${found.length} accepted)`);
EOF
