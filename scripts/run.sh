#!/usr/bin/env bash
# Sets up what is missing, builds the UI and the app, and opens Lectern on the bundled content/.
# Extra arguments go to the app (e.g. --data DIR to keep the databases elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/setup.sh
echo "==> Building the UI (ui/dist)"
(cd ui && npm run build --silent)
echo "==> Building and starting Lectern"
cargo build --release --features custom-protocol
exec "$CARGO_TARGET_DIR/release/lectern" "$@"
