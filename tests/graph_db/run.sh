#!/usr/bin/env bash
# Load the to_graph export (issue 12) into an embedded LadybugDB database (the
# maintained fork of Kùzu, which was archived after 0.11.3) and check
# the answers to a medical QA system's questions: on the bundled fixture, and
# on a generated corpus whose graph check.py knows without the Rust parser.
# Run from the repository root (`.ci/run` does); everything goes to target/graph_db/.
set -euo pipefail

LADYBUG_VERSION=0.22.0
out=target/graph_db
venv=$out/venv
py=$venv/bin/python
check=tests/graph_db/check.py
fixture=tests/fixtures/000_c5ae55a5813883a5.txt
medical_fixture=tests/fixtures/000_c5ae55a5813883a5.medical.jsonl

mkdir -p "$out"
start=$SECONDS

# The virtual environment is kept between runs; pip's cache makes a fresh
# one cheap. LadybugDB is pinned exactly: the COPY syntax used here is
# Kùzu 0.11's, which it keeps.
if [ ! -x "$py" ]; then
  if ! python3 -m venv "$venv"; then
    echo "error: python3 -m venv failed (on Debian: apt-get install python3-venv);" \
      "the graph export cannot be checked without ladybug" >&2
    exit 1
  fi
fi
if ! "$py" -c "import ladybug, sys; sys.exit(ladybug.__version__ != '$LADYBUG_VERSION')" 2>/dev/null; then
  if ! "$py" -m pip install --quiet --disable-pip-version-check "ladybug==$LADYBUG_VERSION"; then
    echo "error: could not install ladybug==$LADYBUG_VERSION from PyPI into $venv;" \
      "the graph export cannot be checked without it" >&2
    exit 1
  fi
fi
"$py" -c "import ladybug; print('ladybug', ladybug.__version__, 'in', '$venv')"

export_graph() { # OUT_DIR FILE...
  local dir=$1
  shift
  rm -rf "$dir"
  cargo run --quiet --release --features csv --example to_graph -- --out "$dir" "$@"
}

echo "== the bundled fixture"
export_graph "$out/fixture" "$fixture"
"$py" "$check" check "$out/fixture" --db "$out/db-fixture" --fixture "$fixture"

echo "== the bundled fixture as medical.json: the same files, the same answers"
export_graph "$out/fixture-medical" "$medical_fixture"
diff -r "$out/fixture" "$out/fixture-medical"
"$py" "$check" check "$out/fixture-medical" --db "$out/db-fixture-medical" --fixture "$fixture"

echo "== a generated corpus"
"$py" "$check" generate "$out/corpus.txt" --records 300 --seed 7
export_graph "$out/corpus" "$out/corpus.txt"
"$py" "$check" check "$out/corpus" --db "$out/db-corpus" --expected "$out/corpus.expected.json"

echo "graph_db: took $((SECONDS - start)) s"
