#!/usr/bin/env bash
# Regenerates src-tauri/core/data/british-american.tsv, the British → American spelling pairs
# that search applies at index and query time (labour/labor, defence/defense, -ise/-ize…), from
# the word list of the `breame` package (Apache-2.0, https://github.com/cdpierse/breame) on PyPI.
# The list is kept in the repository: nothing is downloaded at build or test time.
# Usage: scripts/update-spellings.sh [VERSION]   (default: the version the file was made from)
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:-0.1.2}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m pip download "breame==$version" --no-deps --no-binary :all: -q -d "$work"
tar xzf "$work"/breame-"$version".tar.gz -C "$work"
python3 - "$work/breame-$version/breame/data/spelling_constants.py" "$version" > src-tauri/core/data/british-american.tsv <<'PY'
import ast, sys
tree = ast.parse(open(sys.argv[1]).read())
pairs = {}
for node in tree.body:
    if isinstance(node, ast.Assign) and node.targets[0].id == "BRITISH_ENGLISH_SPELLINGS":
        pairs = ast.literal_eval(node.value)
print(f"# British\tAmerican spelling pairs, from breame {sys.argv[2]} (Apache-2.0, https://github.com/cdpierse/breame),")
print("# made by scripts/update-spellings.sh. Search folds each British spelling into the American one.")
for british, american in sorted(pairs.items()):
    if british.isalpha() and american.isalpha() and british != american:
        print(f"{british.lower()}\t{american.lower()}")
PY
wc -l src-tauri/core/data/british-american.tsv
