#!/usr/bin/env bash
# The long version of the notes crash test: a writer adding and editing notes is killed with
# SIGKILL at random moments, ROUNDS times (default 20,000; the test suite runs 1,000), and after
# each kill every acknowledged note must be present and intact and the file must pass
# `PRAGMA integrity_check`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
LECTERN_CRASH_ROUNDS="${1:-20000}" cargo test --release -p lectern-core --test integration \
  notes_crash::acknowledged_notes_survive_a_writer_killed_at_random_moments -- --exact --nocapture
