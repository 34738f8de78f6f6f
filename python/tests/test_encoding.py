"""encoding=: GBK/GB18030 bytes read by loads, load, iter_records and
to_graph into the same records as their UTF-8 form."""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import jibing
from conftest import FIXTURE
from test_graph import files

MEDICAL = FIXTURE.with_suffix(".medical.jsonl")
TEXT = FIXTURE.read_text(encoding="utf-8")
GB18030 = TEXT.encode("gb18030")
# Two records, the second with a byte that is not GB18030 at line 3,
# column 5; `pos` counts the UTF-8 bytes of the decoded text before it.
BROKEN = "简介 甲病\n\n简介 乙".encode("gb18030") + b"\xff" + "病\n".encode("gb18030")
BROKEN_AT = (3, 5, len("简介 甲病\n\n简介 乙".encode("utf-8")))


class Trickle:
    """A binary file object whose read returns at most 3 bytes, so that
    characters are cut between reads."""

    def __init__(self, data: bytes) -> None:
        self.data = io.BytesIO(data)

    def read(self, size: int = -1, /) -> bytes:
        return self.data.read(3 if size < 0 else min(size, 3))


@pytest.fixture(scope="module")
def expected() -> list[dict[str, Any]]:
    records = jibing.load(FIXTURE)
    assert records and records[0]["summary"]
    return records


@pytest.fixture()
def gb_path(tmp_path: Path) -> Path:
    path = tmp_path / "gb18030.txt"
    path.write_bytes(GB18030)
    return path


def test_the_fixture_encodes_to_other_bytes() -> None:
    assert GB18030 != TEXT.encode("utf-8") and GB18030.decode("gb18030") == TEXT


@pytest.mark.parametrize("encoding", ["gb18030", "auto"])
def test_loads_and_load_read_gb18030(
    expected: list[dict[str, Any]], gb_path: Path, encoding: jibing.Encoding
) -> None:
    assert jibing.loads(GB18030, encoding=encoding) == expected
    assert jibing.load(gb_path, encoding=encoding) == expected
    assert jibing.load(str(gb_path), encoding=encoding) == expected
    with gb_path.open("rb") as fp:
        assert jibing.load(fp, encoding=encoding) == expected
    assert jibing.load(io.BytesIO(GB18030), encoding=encoding) == expected


@pytest.mark.parametrize("encoding", ["gb18030", "auto"])
def test_iter_records_reads_gb18030(
    expected: list[dict[str, Any]], gb_path: Path, encoding: jibing.Encoding
) -> None:
    assert list(jibing.iter_records(gb_path, encoding=encoding)) == expected
    with gb_path.open("rb") as fp:
        assert list(jibing.iter_records(fp, encoding=encoding)) == expected
    trickle = Trickle(GB18030 + b"\n" + GB18030)
    assert list(jibing.iter_records(trickle, encoding=encoding)) == expected * 2
    text = Trickle(GB18030)
    assert list(jibing.iter_records(text, encoding=encoding, input_format="text")) == expected


def test_auto_reads_utf8_as_utf8(expected: list[dict[str, Any]]) -> None:
    utf8 = TEXT.encode("utf-8")
    assert jibing.loads(utf8, encoding="auto") == expected
    assert jibing.load(FIXTURE, encoding="auto") == expected
    assert list(jibing.iter_records(FIXTURE, encoding="auto")) == expected
    assert list(jibing.iter_records(Trickle(utf8), encoding="auto")) == expected


def test_a_str_is_text_whatever_the_encoding(expected: list[dict[str, Any]]) -> None:
    assert jibing.loads(TEXT, encoding="gb18030") == expected
    assert jibing.loads(TEXT, encoding="auto") == expected


def test_to_graph_writes_the_same_files(gb_path: Path, tmp_path: Path) -> None:
    counts = jibing.to_graph(FIXTURE, tmp_path / "utf8")
    encodings: list[jibing.Encoding] = ["gb18030", "auto"]
    for encoding in encodings:
        out = tmp_path / encoding
        assert jibing.to_graph([gb_path], out, encoding=encoding) == counts
        assert files(out) == files(tmp_path / "utf8")
    assert counts["records"] == 1


def test_a_broken_sequence_is_a_parse_error_where_it_is(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(BROKEN)
    calls: list[Callable[[], object]] = [
        lambda: jibing.loads(BROKEN, encoding="gb18030"),
        lambda: jibing.load(path, encoding="gb18030"),
        lambda: list(jibing.iter_records(path, encoding="gb18030")),
        lambda: list(jibing.iter_records(Trickle(BROKEN), encoding="gb18030")),
    ]
    for call in calls:
        with pytest.raises(jibing.ParseError) as caught:
            call()
        error = caught.value
        assert (error.lineno, error.colno, error.pos) == BROKEN_AT
        assert error.msg == "invalid GB18030"
    with pytest.raises(jibing.ParseError) as caught:
        jibing.load(path, encoding="gb18030")
    assert caught.value.path == str(path)


def test_an_earlier_fault_comes_first_as_in_the_stream() -> None:
    data = "别名 甲\n\n".encode("gb18030") + BROKEN
    calls: list[Callable[[], object]] = [
        lambda: jibing.loads(data, encoding="gb18030"),
        lambda: list(jibing.iter_records(io.BytesIO(data), encoding="gb18030")),
    ]
    for call in calls:
        with pytest.raises(jibing.ParseError) as caught:
            call()
        assert (caught.value.lineno, caught.value.msg) == (1, "unknown label '别名'")


def test_a_broken_sequence_is_a_warning_when_lenient() -> None:
    reads: list[Callable[[], list[dict[str, Any]]]] = [
        lambda: jibing.loads(BROKEN, encoding="gb18030", lenient=True),
        lambda: list(jibing.iter_records(io.BytesIO(BROKEN), encoding="gb18030", lenient=True)),
    ]
    for read in reads:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            records = read()
        assert [r["summary"] for r in records] == ["甲病", "乙\ufffd病"]
        found = [w.message for w in caught if isinstance(w.message, jibing.FormatWarning)]
        assert [(w.lineno, w.colno, w.pos, w.msg) for w in found] == [
            (*BROKEN_AT, "invalid GB18030")
        ]


def test_an_unknown_encoding_is_a_value_error(tmp_path: Path) -> None:
    calls: list[Callable[[], object]] = [
        lambda: jibing.loads(GB18030, encoding="gbk"),  # type: ignore[arg-type]
        lambda: jibing.loads(TEXT, encoding="latin-1"),  # type: ignore[arg-type]
        lambda: jibing.load(FIXTURE, encoding="utf8"),  # type: ignore[arg-type]
        lambda: jibing.iter_records(FIXTURE, encoding="big5"),  # type: ignore[arg-type]
        lambda: jibing.to_graph(FIXTURE, tmp_path, encoding="UTF-8"),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(ValueError, match="encoding must be 'utf-8', 'gb18030'") as caught:
            call()
        assert not isinstance(caught.value, jibing.ParseError)
        assert "'auto'" in str(caught.value)


def test_gb18030_read_as_utf8_names_the_remedy(gb_path: Path) -> None:
    hint = 'the input looks like GBK/GB18030: read it with encoding="gb18030"'
    calls: list[Callable[[], object]] = [
        lambda: jibing.loads(GB18030),
        lambda: jibing.load(gb_path),
        lambda: list(jibing.iter_records(gb_path)),
    ]
    for call in calls:
        with pytest.raises(jibing.ParseError, match="invalid UTF-8") as caught:
            call()
        assert hint in caught.value.msg
        assert (caught.value.lineno, caught.value.colno, caught.value.pos) == (1, 1, 0)
    # Bytes that are not GB18030 either get no hint.
    with pytest.raises(jibing.ParseError) as caught:
        jibing.loads("简介 甲".encode("utf-8") + b"\xff\xff\n")
    assert caught.value.msg == "invalid UTF-8"


def test_medical_json_in_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "medical.gb18030.jsonl"
    path.write_bytes(MEDICAL.read_text(encoding="utf-8").encode("gb18030"))
    assert jibing.load(path, encoding="gb18030") == jibing.load(MEDICAL)
    assert jibing.load(path, encoding="auto") == jibing.load(MEDICAL)
    assert list(jibing.iter_records(MEDICAL, encoding="auto")) == jibing.load(MEDICAL)
    # The medical.json reader of the streaming functions reads UTF-8 only.
    with pytest.raises(ValueError, match="medical.json .* as UTF-8 only") as caught:
        jibing.iter_records(path, encoding="gb18030")
    assert not isinstance(caught.value, jibing.ParseError)
    with pytest.raises(ValueError, match="medical.json .* as UTF-8 only"):
        jibing.to_graph(path, tmp_path / "out", encoding="gb18030")


def test_lint_reads_gb18030() -> None:
    assert jibing.lint(GB18030, encoding="gb18030") == jibing.lint(TEXT)
    assert jibing.lint(GB18030, encoding="auto") == jibing.lint(TEXT.encode("utf-8"))
    with pytest.raises(jibing.ParseError) as caught:
        jibing.lint(BROKEN, encoding="gb18030")
    assert (caught.value.lineno, caught.value.colno, caught.value.pos) == BROKEN_AT
