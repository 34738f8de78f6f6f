"""Prints each record's disease name and its main causes, streaming a file.

    python python/examples/first_causes.py tests/fixtures/000_c5ae55a5813883a5.txt
"""

from __future__ import annotations

import sys
import warnings

import jibing


def main(paths: list[str]) -> int:
    status = 0
    for path in paths:
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", jibing.FormatWarning)
                for record in jibing.iter_records(path, lenient=True):
                    causes = record["causes"] or {"items": []}
                    names = [item["name"] for item in causes["items"]]
                    print(record["name"] or "?", "、".join(names), sep="\t")
            for warning in caught:
                print(f"warning: {warning.message}", file=sys.stderr)
        except (jibing.ParseError, OSError) as e:
            print(f"error: {e}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
