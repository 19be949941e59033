#!/usr/bin/env bash
# Measures Lectern's release build beside an empty Tauri 2 app built with the same profile
# (scripts/empty-tauri/), one after the other in each round, under Xvfb: the time from
# launching the binary to its first view painted (each reports it with an `index painted`
# trace line; Lectern's view is the Library), and the summed PSS of the app's processes (the
# app and its WebKit children) once that view shows (Lectern's, once its import has finished).
# Prints every run, then the medians of both and Lectern's ratios to the empty app.
# On a machine without a GPU Lectern turns WebKit's compositing off (src-tauri/src/rendering.rs)
# and the empty app keeps WebKit's default; export WEBKIT_DISABLE_COMPOSITING_MODE=1 to compare
# the two drawn alike.
# Builds the empty app the first time (about 3 minutes); Lectern must be built already.
# The raw binary is given the checkout's content/ (an installed app finds it among its resources),
# or the folder in LECTERN_MEASURE_CONTENT (a generated library, e.g. the search benchmark's).
# LECTERN_MEASURE_BIN measures another Lectern binary (a copy kept from before a change).
# Usage: scripts/measure-startup.sh [RUNS]   (default 5 of each. Before them, one Lectern run
# imports into a fresh data folder and is printed but not counted (the Library paints as the
# first articles are stored; the run waits up to 10 minutes for the import to finish); the
# counted runs re-open it with nothing changed.)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
runs="${1:-5}"
bin="${LECTERN_MEASURE_BIN:-$CARGO_TARGET_DIR/release/lectern}"
empty="$CARGO_TARGET_DIR/release/empty-tauri"
[ -x "$bin" ] || { echo "build first: (cd ui && npm run build) && cargo build --release --features custom-protocol" >&2; exit 1; }
if [ ! -x "$empty" ]; then
  echo "building the empty Tauri 2 app (scripts/empty-tauri) once…" >&2
  (cd scripts/empty-tauri && cargo build --release --features custom-protocol --quiet)
fi
content="${LECTERN_MEASURE_CONTENT:-$PWD/content}"
data=$(mktemp -d)
# Xvfb picks a free display and writes its number to the file on descriptor 3.
displayfile=$(mktemp)
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$displayfile" >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$data" "$displayfile"' EXIT
for _ in $(seq 1 100); do [ -s "$displayfile" ] && break; sleep 0.05; done
display=":$(cat "$displayfile")"

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

median() { # the median of the numbers given (the mean of the middle two for an even count)
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# One launch of an app until its first view painted. Sets `painted_ms`, `pss_mib` and `procs`.
# Lectern (`lectern`) also waits for its import to finish, so that the next run re-opens a whole
# library and memory is read once the library is idle.
measure() {
  local name=$1 log app start painted finished pss
  shift
  log=$(mktemp)
  start=$(date +%s%3N)
  DISPLAY=$display LECTERN_TRACE_STARTUP=1 "$@" 2>"$log" &
  app=$!
  for _ in $(seq 1 12000); do grep -q 'index painted' "$log" && break; sleep 0.05; done
  painted=$(grep -o 'index painted at [0-9]*' "$log" | grep -o '[0-9]*$' || true)
  import_ms=""
  if [ "$name" = lectern ]; then
    for _ in $(seq 1 12000); do grep -q 'import finished' "$log" && break; sleep 0.05; done
    finished=$(grep -o 'import finished at [0-9]*' "$log" | grep -o '[0-9]*$' || true)
    import_ms=$((${finished:-$start} - start))
  fi
  sleep 1 # let the webview settle before reading memory
  pss=$(pss_tree "$app")
  procs=$(descendants "$app" | wc -l)
  kill "$app"
  wait "$app" 2>/dev/null || true
  if [ -z "$painted" ]; then echo "$name: never reported painting" >&2; cat "$log" >&2; exit 1; fi
  rm -f "$log"
  painted_ms=$((painted - start))
  pss_mib=$((pss / 1024))
}

lectern=("$bin" --data "$data" --content "$content")
measure lectern "${lectern[@]}"
printf 'lectern first run (imports into a fresh data folder; not counted): painted %d ms, import finished %d ms, PSS %d MiB over %d processes\n' \
  "$painted_ms" "$import_ms" "$pss_mib" "$procs"

l_ms=() l_mib=() e_ms=() e_mib=()
for i in $(seq 1 "$runs"); do
  # Alternate which goes first, so that neither always follows the other.
  order=(lectern empty)
  [ $((i % 2)) -eq 0 ] && order=(empty lectern)
  for name in "${order[@]}"; do
    if [ "$name" = lectern ]; then
      measure lectern "${lectern[@]}"
      l_ms+=("$painted_ms") l_mib+=("$pss_mib")
      printf 'run %d lectern: painted %d ms, import finished %d ms, PSS %d MiB over %d processes\n' \
        "$i" "$painted_ms" "$import_ms" "$pss_mib" "$procs"
    else
      measure empty "$empty"
      e_ms+=("$painted_ms") e_mib+=("$pss_mib")
      printf 'run %d empty:   painted %d ms, PSS %d MiB over %d processes\n' "$i" "$painted_ms" "$pss_mib" "$procs"
    fi
  done
done

lm=$(median "${l_ms[@]}") lp=$(median "${l_mib[@]}") em=$(median "${e_ms[@]}") ep=$(median "${e_mib[@]}")
printf 'median of %d runs each: Lectern %s ms, %s MiB; empty Tauri 2 %s ms, %s MiB\n' "$runs" "$lm" "$lp" "$em" "$ep"
awk -v lm="$lm" -v em="$em" -v lp="$lp" -v ep="$ep" \
  'BEGIN { printf "Lectern / empty: start %.2fx, memory %.2fx\n", lm / em, lp / ep }'
