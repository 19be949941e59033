#!/usr/bin/env bash
# Measures, on the release build under Xvfb: the time from launching the binary to the Blog
# index painted (the UI reports it through the `index_painted` command), and the summed PSS
# of the app's processes (the app and its WebKit children) once the index shows.
# The raw binary is given the checkout's content/ (an installed app finds it among its resources),
# or the folder in LECTERN_MEASURE_CONTENT (a generated library, e.g. the search benchmark's).
# Usage: scripts/measure-startup.sh [RUNS]   (default 5; the first run imports into a fresh
# data folder (the Library paints as the first articles are stored; the run waits up to 10
# minutes for the import to finish), the others re-open it with nothing changed)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
runs="${1:-5}"
bin="$CARGO_TARGET_DIR/release/lectern"
[ -x "$bin" ] || { echo "build first: (cd ui && npm run build) && cargo build --release --features custom-protocol" >&2; exit 1; }
data=$(mktemp -d)
Xvfb :97 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$data"' EXIT
sleep 0.5

descendants() { # a process and all its descendants (processes, not threads)
  echo "$1"
  local child
  for child in $(pgrep -P "$1"); do descendants "$child"; done
}

pss_tree() { # summed PSS in KiB of a process and all its descendants
  local total=0 pid kb
  for pid in $(descendants "$1"); do
    kb=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
    total=$((total + ${kb:-0}))
  done
  echo "$total"
}

for i in $(seq 1 "$runs"); do
  log=$(mktemp)
  start=$(date +%s%3N)
  DISPLAY=:97 LECTERN_TRACE_STARTUP=1 "$bin" --data "$data" --content "${LECTERN_MEASURE_CONTENT:-$PWD/content}" 2>"$log" &
  app=$!
  for _ in $(seq 1 12000); do grep -q 'index painted' "$log" && break; sleep 0.05; done
  painted=$(grep -o 'painted at [0-9]*' "$log" | grep -o '[0-9]*$' || true)
  # Every run lets the import finish (the first imports everything; the others find nothing
  # changed), so that the next run re-opens a whole library.
  for _ in $(seq 1 12000); do grep -q 'import finished' "$log" && break; sleep 0.05; done
  finished=$(grep -o 'import finished at [0-9]*' "$log" | grep -o '[0-9]*$' || true)
  sleep 1 # let the webview settle before reading memory
  pss=$(pss_tree "$app")
  procs=$(descendants "$app" | wc -l)
  kill "$app"; wait "$app" 2>/dev/null || true
  if [ -z "$painted" ]; then echo "run $i: the index never reported painting"; cat "$log"; exit 1; fi
  printf 'run %d: launch to index painted %d ms, import finished %d ms, PSS %d MiB over %d processes\n' \
    "$i" $((painted - start)) $((${finished:-$start} - start)) $((pss / 1024)) "$procs"
  rm -f "$log"
done
