"""Shared paths and the crate's examples, built once per session (release)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "000_c5ae55a5813883a5.txt"
FIXTURE_JSON = FIXTURE.with_suffix(".expected.jsonl")
FIXTURE_GRAPH = REPO / "tests" / "fixtures" / "graph"
EXAMPLES = ["to_json", "to_medical_json", "to_graph", "gen_corpus"]


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line]


class Examples:
    """Runs the crate's command-line examples."""

    def __init__(self) -> None:
        args = ["cargo", "build", "--quiet", "--release"]
        for name in EXAMPLES:
            args += ["--example", name]
        subprocess.run(args, cwd=REPO, check=True)
        self.dir = REPO / "target" / "release" / "examples"

    def run(self, name: str, *args: str) -> str:
        done = subprocess.run(
            [str(self.dir / name), *args], cwd=REPO, check=True, capture_output=True
        )
        return done.stdout.decode("utf-8")


@pytest.fixture(scope="session")
def examples() -> Examples:
    return Examples()


@pytest.fixture(scope="session")
def corpus(examples: Examples, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated site-like corpus of 400 records."""
    path = tmp_path_factory.mktemp("corpus") / "site.txt"
    path.write_text(examples.run("gen_corpus", "--site", "--records", "400"), encoding="utf-8")
    return path
