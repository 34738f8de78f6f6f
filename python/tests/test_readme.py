"""The README's Python example runs as written."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

from conftest import FIXTURE, REPO


def test_the_readme_example_runs(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use it from Python", 1)[1]
    [code] = re.findall(r"```python\n(.*?)```", section.split("\n## ", 1)[0], re.S)
    lines = [line for line in code.splitlines() if line and not line.startswith("import ")]
    assert len(lines) == 5
    code = code.replace("tests/fixtures/000_c5ae55a5813883a5.txt", str(FIXTURE))
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    assert out.getvalue().startswith("肌肉萎缩 [")
    assert "盐酸乙哌立松片" in out.getvalue()
    assert (tmp_path / "graph" / "nodes" / "Disease.csv").is_file()
