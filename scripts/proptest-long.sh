#!/usr/bin/env bash
# Every property test (each test whose name starts with `props_`, in lectern-core's
# integration suite and in lectern-blog's tests) with many cases, and how long it ran.
# The everyday suite runs them with a few dozen cases each.
#
#   scripts/proptest-long.sh             20,000 cases per property (tests that write files scale
#                                        it down: see the tests' `config`)
#   PROPTEST_CASES=100000 scripts/proptest-long.sh
#
# A failure prints the smallest input proptest found, and proptest keeps it in
# tests/proptest-regressions/ (or the crate's), where the next run tries it first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
export PROPTEST_CASES="${PROPTEST_CASES:-20000}"

# Built first, so that the time below is the tests' own.
cargo test -q -p lectern-core --test integration --no-run
cargo test -q -p lectern-blog --no-run

start=$(date +%s)
status=0
cargo test -p lectern-core --test integration props_ || status=$?
cargo test -p lectern-blog props_ || status=$?
took=$(($(date +%s) - start))
printf '\nproperty tests: PROPTEST_CASES=%s, %dm%02ds, %s\n' "$PROPTEST_CASES" $((took / 60)) $((took % 60)) \
  "$([ "$status" -eq 0 ] && echo "all passed" || echo "FAILED")"
exit "$status"
