#!/usr/bin/env bash
# Load the to_graph export (issue 12) into an embedded Kùzu database and check
# the answers to a medical QA system's questions: on the bundled fixture, and
# on a generated corpus whose graph check_kuzu.py knows without the Rust parser.
# Run from the repository root (`.ci/run` does); everything goes to target/graph_db/.
set -euo pipefail

KUZU_VERSION=0.11.3
out=target/graph_db
venv=$out/venv
py=$venv/bin/python
check=tests/graph_db/check_kuzu.py
fixture=tests/fixtures/000_c5ae55a5813883a5.txt

mkdir -p "$out"
start=$SECONDS

# The virtual environment is kept between runs; pip's cache makes a fresh
# one cheap. Kùzu is pinned exactly: the COPY syntax used here is 0.11's.
if [ ! -x "$py" ]; then
  if ! python3 -m venv "$venv"; then
    echo "error: python3 -m venv failed (on Debian: apt-get install python3-venv);" \
      "the graph export cannot be checked without kuzu" >&2
    exit 1
  fi
fi
if ! "$py" -c "import kuzu, sys; sys.exit(kuzu.__version__ != '$KUZU_VERSION')" 2>/dev/null; then
  if ! "$py" -m pip install --quiet --disable-pip-version-check "kuzu==$KUZU_VERSION"; then
    echo "error: could not install kuzu==$KUZU_VERSION from PyPI into $venv;" \
      "the graph export cannot be checked without it" >&2
    exit 1
  fi
fi
"$py" -c "import kuzu; print('kuzu', kuzu.__version__, 'in', '$venv')"

export_graph() { # OUT_DIR FILE...
  local dir=$1
  shift
  rm -rf "$dir"
  cargo run --quiet --release --features csv --example to_graph -- --out "$dir" "$@"
}

echo "== the bundled fixture"
export_graph "$out/fixture" "$fixture"
"$py" "$check" check "$out/fixture" --db "$out/db-fixture" --fixture "$fixture"

echo "== a generated corpus"
"$py" "$check" generate "$out/corpus.txt" --records 300 --seed 7
export_graph "$out/corpus" "$out/corpus.txt"
"$py" "$check" check "$out/corpus" --db "$out/db-corpus" --expected "$out/corpus.expected.json"

echo "graph_db: took $((SECONDS - start)) s"
