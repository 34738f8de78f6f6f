"""Throughput of jibing.loads against json.loads and orjson.loads on the same
records, and the peak memory of iter_records over a 1 GiB stream.

    pip install ./python orjson
    python python/bench.py [--stream-size 1G]

Run from the repository's top level: the corpora come from the crate's
`gen_corpus` example (the criterion benches' corpus of 2,000 records, and a
site-like one from `--site`), their JSON Lines from `to_json`. Not run by CI.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import timeit
from collections.abc import Callable
from pathlib import Path

# The installed package, not the sources beside this script.
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
import jibing  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "target" / "release" / "examples"


def example(name: str, *args: str) -> bytes:
    return subprocess.run(
        [str(EXAMPLES / name), *args], check=True, capture_output=True
    ).stdout


def best(function: Callable[[], object], runs: int, gc_on: bool = False) -> float:
    """Best of `runs` calls; `timeit` pauses the cyclic GC unless `gc_on`."""
    setup = "import gc; gc.enable()" if gc_on else "pass"
    return min(timeit.repeat(function, setup=setup, number=1, repeat=runs))


def throughput(name: str, text: str, runs: int) -> None:
    data = text.encode("utf-8")
    path = REPO / "target" / f"bench-{name.split()[0]}.txt"
    path.write_bytes(data)
    jsonl = example("to_json", str(path)).decode("utf-8")
    lines = jsonl.splitlines()
    records = len(lines)
    assert jibing.loads(text) == [json.loads(line) for line in lines]
    orjson_loads: Callable[[str], object] | None
    try:
        import orjson

        orjson_loads = orjson.loads
    except ImportError:
        orjson_loads = None
    cases: list[tuple[str, Callable[[], object], bool]] = [
        ("jibing._parse_only(str) (Rust parse alone)", lambda: jibing._parse_only(text), False),
        ("jibing.loads(str)", lambda: jibing.loads(text), False),
        ("jibing.loads(bytes)", lambda: jibing.loads(data), False),
        ("jibing.loads(str, schema='medical')", lambda: jibing.loads(text, schema="medical"), False),
        ("[json.loads(l) for l in lines]", lambda: [json.loads(line) for line in lines], False),
        # As a program runs them: with the cyclic GC on.
        ("jibing.loads(str), GC on", lambda: jibing.loads(text), True),
        ("[json.loads(l) for l in lines], GC on", lambda: [json.loads(line) for line in lines], True),
    ]
    if orjson_loads is not None:
        loads = orjson_loads
        cases.append(
            ("[orjson.loads(l) for l in lines]", lambda: [loads(line) for line in lines], False)
        )
    # Round robin, best of `runs` each: the machine's load changes slowly,
    # so every case sees the same conditions.
    times = {label: float("inf") for label, _, _ in cases}
    for _ in range(runs):
        for label, function, gc_on in cases:
            times[label] = min(times[label], best(function, 1, gc_on))
    mb = len(data) / 1e6
    print(f"\n{name}: {records} records, {mb:.1f} MB of text ({len(jsonl.encode()) / 1e6:.1f} MB as JSON Lines)")
    print("| reader | time | records/s | MB/s of text | vs json.loads | vs orjson |")
    print("|---|---|---|---|---|---|")
    json_time = times["[json.loads(l) for l in lines]"]
    json_gc_time = times["[json.loads(l) for l in lines], GC on"]
    orjson_time = times.get("[orjson.loads(l) for l in lines]")
    for label, seconds in times.items():
        vs_orjson = f"{orjson_time / seconds:.2f}×" if orjson_time else "–"
        base = json_gc_time if label.endswith("GC on") else json_time
        print(
            f"| `{label}` | {seconds * 1e3:.0f} ms | {records / seconds:,.0f} | "
            f"{mb / seconds:.0f} | {base / seconds:.2f}× | {vs_orjson} |"
        )


def stream(size: str) -> None:
    """iter_records over gen_corpus's stream, read through a pipe."""
    generator = subprocess.Popen(
        [str(EXAMPLES / "gen_corpus"), "--site", "--bytes", size], stdout=subprocess.PIPE
    )
    assert generator.stdout is not None
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = timeit.default_timer()
    count = 0
    for _ in jibing.iter_records(generator.stdout):
        count += 1
    seconds = timeit.default_timer() - start
    generator.wait()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"\niter_records over a {size} stream (gen_corpus --site through a pipe): "
        f"{count:,} records in {seconds:.1f} s, peak RSS {peak / 1024:.0f} MB "
        f"(before the stream: {before / 1024:.0f} MB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--stream-size", default="1G")
    args = parser.parse_args()
    subprocess.run(
        ["cargo", "build", "--quiet", "--release", "--example", "gen_corpus", "--example", "to_json"],
        cwd=REPO,
        check=True,
    )
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.processor() or 'cpu ?'}")
    # The stream first, so the peak RSS is the stream's own.
    if args.stream_size != "0":
        stream(args.stream_size)
    bench = example("gen_corpus", "--records", str(args.records)).decode("utf-8")
    throughput("bench corpus (criterion's, gen_corpus)", bench, args.runs)
    site = example("gen_corpus", "--site", "--records", str(args.records)).decode("utf-8")
    throughput("site-like corpus (gen_corpus --site)", site, args.runs)


if __name__ == "__main__":
    main()
