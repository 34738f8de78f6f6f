"""input_format: the QA projects' medical.json read by loads, load,
iter_records and to_graph, into the same records as the text form."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

import jibing
from conftest import FIXTURE

MEDICAL = FIXTURE.with_suffix(".medical.jsonl")


def merged(record: dict[str, Any]) -> dict[str, Any]:
    """What medical.json keeps of a text record: no details, empty values
    absent, each drug's brand and product one brand."""
    out = dict(record)
    for key in ["tips", "symptom_details", "examination_details", "treatment_details",
                "diet_good_details", "diet_bad_details"]:
        out[key] = None
    for key, value in out.items():
        if key != "extra" and value in ("", []):
            out[key] = None
    out["drugs"] = [
        {"brand": (d["brand"] or "") + (d["product"] or "") or None, "product": None,
         "generic": d["generic"]}
        for d in record["drugs"] or []
    ] or None
    return out


def test_auto_reads_medical_json_as_the_text_record() -> None:
    [text] = jibing.load(FIXTURE)
    [medical] = jibing.load(MEDICAL)
    assert medical == merged(text)
    assert jibing.loads(MEDICAL.read_text(encoding="utf-8"), input_format="medical") == [medical]
    assert list(jibing.iter_records(MEDICAL)) == [medical]
    assert list(jibing.iter_records(io.BytesIO(MEDICAL.read_bytes()))) == [medical]


def test_medical_schema_round_trips() -> None:
    [back] = jibing.load(MEDICAL, schema="medical")
    [line] = jibing.load(FIXTURE, schema="medical")
    assert back == line


def test_text_format_is_forced() -> None:
    with pytest.raises(jibing.ParseError):
        jibing.load(MEDICAL, input_format="text")


def test_bad_input_format_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="input_format"):
        jibing.loads("{}", input_format="json")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="input_format"):
        jibing.iter_records(MEDICAL, input_format="json")  # type: ignore[arg-type]


def test_positions_are_those_of_the_json_file() -> None:
    with pytest.raises(jibing.ParseError) as raised:
        jibing.loads('{"name": "甲",\n "cured_prob": 30}')
    assert (raised.value.lineno, raised.value.colno) == (2, 16)


def test_to_graph_writes_the_text_files(tmp_path: Path) -> None:
    from_text = jibing.to_graph(FIXTURE, tmp_path / "text")
    from_medical = jibing.to_graph(MEDICAL, tmp_path / "medical")
    assert from_text == from_medical
    files = sorted(p.relative_to(tmp_path / "text") for p in (tmp_path / "text").rglob("*.csv"))
    assert files
    for name in files:
        assert (tmp_path / "medical" / name).read_bytes() == (tmp_path / "text" / name).read_bytes()
