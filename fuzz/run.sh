#!/usr/bin/env bash
# Usage: fuzz/run.sh SECONDS [TARGET...]
#
# Builds the fuzz targets with `cargo +nightly fuzz build` and runs each
# target (default: all, one after another) for SECONDS on a copy of its seed
# corpus (fuzz/corpus/TARGET) in a work directory, so the committed corpora
# stay small. Set FUZZ_WORK=DIR to keep/reuse the grown corpora and logs
# (default: a fresh temp dir, removed on success). Stops at the first crash
# or failed check with a non-zero exit; the input is saved under
# fuzz/artifacts/TARGET/. Prints the executions of each target.
set -euo pipefail

seconds=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    cargo install --locked cargo-fuzz
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi

cargo +nightly fuzz build

if [ -n "${FUZZ_WORK:-}" ]; then
    work=$FUZZ_WORK
    mkdir -p "$work"
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/jibing-fuzz.XXXXXX")
fi

total=0
for target in "${targets[@]}"; do
    corpus="$work/corpus/$target"
    mkdir -p "$corpus" "$here/artifacts/$target"
    cp -n "$here/corpus/$target"/* "$corpus"/ 2>/dev/null || true
    log="$work/$target.log"
    echo "== $target: ${seconds}s, corpus $corpus, log $log"
    status=0
    cargo +nightly fuzz run "$target" "$corpus" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -timeout=5 \
        -dict="$here/jibing.dict" -print_final_stats=1 \
        -artifact_prefix="$here/artifacts/$target/" >"$log" 2>&1 || status=$?
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
    echo "$target: ${execs:-0} executions"
    total=$((total + ${execs:-0}))
    if [ "$status" -ne 0 ]; then
        echo "!! $target failed (exit $status); last lines of $log:" >&2
        grep -E 'panicked|SUMMARY|Test unit written|artifact' "$log" | tail -5 >&2 || true
        tail -n 30 "$log" >&2
        exit "$status"
    fi
done
echo "total: $total executions"
if [ -z "${FUZZ_WORK:-}" ]; then
    rm -rf "$work"
fi
