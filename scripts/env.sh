# Sourced by the scripts: one shared Cargo target folder outside the checkout, so every
# clone (and CI's clean clone) reuses the same build.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/lectern-target}"
export PATH="$HOME/.cargo/bin:$PATH"
