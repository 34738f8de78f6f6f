"""loads, load and iter_records give the dicts to_json prints, in both schemas."""

from __future__ import annotations

import io
import json
import re
import warnings
from pathlib import Path

import jibing
from conftest import FIXTURE, FIXTURE_JSON, REPO, Examples, json_lines


def expected() -> list[dict[str, object]]:
    return json_lines(FIXTURE_JSON.read_text(encoding="utf-8"))


def test_version_is_the_crate_version() -> None:
    # The first `version = "…"` of the top-level Cargo.toml is [package]'s
    # (tomllib is Python 3.11+; the package supports 3.10).
    manifest = (REPO / "Cargo.toml").read_text(encoding="utf-8")
    found = re.search(r'^version = "([^"]+)"', manifest, re.M)
    assert found is not None and manifest.index("[package]") < found.start()
    assert jibing.__version__ == found.group(1)


def test_every_entry_point_reads_the_fixture_as_to_json_prints_it() -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    want = expected()
    assert jibing.loads(text) == want
    assert jibing.loads(text.encode("utf-8")) == want
    assert jibing.load(FIXTURE) == want
    assert jibing.load(str(FIXTURE)) == want
    with open(FIXTURE, "rb") as f:
        assert jibing.load(f) == want
    assert list(jibing.iter_records(FIXTURE)) == want
    with open(FIXTURE, "rb") as f:
        assert list(jibing.iter_records(f)) == want
    assert list(jibing.iter_records(io.BytesIO(text.encode("utf-8")))) == want


def test_keys_come_in_to_json_order() -> None:
    [record] = jibing.loads(FIXTURE.read_text(encoding="utf-8"))
    assert list(record) == list(expected()[0])
    assert list(record)[0] == "name" and list(record)[-1] == "extra"


def test_a_generated_corpus_equals_to_json(examples: Examples, corpus: Path) -> None:
    want = json_lines(examples.run("to_json", str(corpus)))
    text = corpus.read_text(encoding="utf-8")
    assert len(want) == 400
    assert jibing.loads(text) == want
    assert jibing.loads(text.encode("utf-8")) == want
    assert list(jibing.iter_records(corpus)) == want


def test_ascii_and_escaped_strings() -> None:
    # An ASCII-only input (character offsets are byte offsets), and drug
    # strings the parser unescapes (built from their UTF-8, not cut).
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        [record] = jibing.loads("abc def\nxyz  w\n", lenient=True)
    assert record["extra"] == [
        {"label": "abc", "value": "def", "line": 1},
        {"label": "xyz", "value": "w", "line": 2},
    ]
    assert [w.message.pos for w in caught if isinstance(w.message, jibing.FormatWarning)] == [0, 8]
    text = "药品 ['a\\'b', '甲\\n乙'] ['丙']\n简介 x\n"
    [record] = jibing.loads(text)
    drugs = record["drugs"]
    assert drugs[0]["brand"] == "a'b" and drugs[0]["product"] == "甲\n乙"
    assert record["summary"] == "x"


def test_emoji_and_mixed_widths() -> None:
    text = "简介 😀病x\n症状 咳嗽 😀 发热\n\n简介 é病\n"
    records = jibing.loads(text)
    assert [r["summary"] for r in records] == ["😀病x", "é病"]
    assert records[0]["symptoms"] == ["咳嗽", "😀", "发热"]
    assert jibing.loads(text.encode("utf-8")) == records


def test_medical_schema_equals_to_medical_json(examples: Examples, corpus: Path) -> None:
    for path in (FIXTURE, corpus):
        want = json_lines(examples.run("to_medical_json", str(path)))
        assert jibing.loads(path.read_text(encoding="utf-8"), schema="medical") == want
        assert jibing.load(path, schema="medical") == want
        assert list(jibing.iter_records(path, schema="medical")) == want


def test_an_empty_input_has_no_records() -> None:
    assert jibing.loads("") == []
    assert jibing.loads(b"\n\n") == []
    assert list(jibing.iter_records(io.BytesIO(b""))) == []


def test_lint_is_lint_json() -> None:
    findings = jibing.lint("简介 甲\n症状 \n治疗周期 长期\n")
    assert [(f["kind"], f["line"], f["column"]) for f in findings] == [
        ("name_not_inferred", 1, 1),
        ("empty_field", 2, 1),
        ("no_numbers", 3, 6),
    ]
    assert findings[2] == {
        "kind": "no_numbers",
        "message": "'治疗周期' value '长期' has no numbers",
        "line": 3,
        "column": 6,
        "offset": 32,
        "label": "治疗周期",
        "text": "长期",
    }
    # Parse faults come first, then the findings, as `lint --json` writes them.
    kinds = [f["kind"] for f in jibing.lint("简介 甲\n别名 乙\n症状 \n")]
    assert kinds[0] == "unknown_label" and "empty_field" in kinds


def test_lint_matches_the_example_on_the_corpus(corpus: Path) -> None:
    # Every finding is a flat dict with its position and message.
    for finding in jibing.lint(corpus.read_bytes()):
        assert {"kind", "message", "line", "column", "offset", "label"} <= set(finding)


def test_the_schema_must_be_known() -> None:
    try:
        jibing.loads("简介 甲\n", schema="json")  # type: ignore[arg-type]
    except ValueError as e:
        assert "schema" in str(e)
    else:
        raise AssertionError("no error")


def test_dumps_writes_canonical_text() -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    records = jibing.loads(text)
    canonical = jibing.dumps(records)
    assert jibing.loads(canonical) == records
    assert jibing.dumps(jibing.loads(canonical)) == canonical
    assert json.loads(json.dumps(records)) == records
