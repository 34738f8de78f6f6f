"""Faults and bad input: ParseError, FormatWarning, OSError, TypeError."""

from __future__ import annotations

import io
import pickle
import warnings
from pathlib import Path

import pytest

import jibing
from conftest import FIXTURE

BAD_BOOL = "简介 某病\n医保疾病 也许\n就诊科室 内科\n"


def test_a_strict_fault_is_a_parse_error_at_its_place() -> None:
    with pytest.raises(jibing.ParseError) as raised:
        jibing.loads(BAD_BOOL)
    error = raised.value
    assert isinstance(error, ValueError)
    assert (error.lineno, error.colno, error.path) == (2, 6, None)
    assert error.msg == "'医保疾病' must be 是 or 否, found '也许'"
    assert str(error) == "2:6: '医保疾病' must be 是 or 否, found '也许'"
    # pos indexes the input as given: characters of a str, bytes of bytes.
    assert BAD_BOOL[error.pos :].startswith("也许")
    with pytest.raises(jibing.ParseError) as raised:
        jibing.loads(BAD_BOOL.encode("utf-8"))
    assert BAD_BOOL.encode("utf-8")[raised.value.pos :].startswith("也许".encode("utf-8"))


def test_a_file_fault_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(BAD_BOOL, encoding="utf-8")
    for read in (jibing.load, lambda p: list(jibing.iter_records(p))):
        with pytest.raises(jibing.ParseError) as raised:
            read(path)
        assert raised.value.path == str(path)
        assert str(raised.value) == f"{path}:2:6: '医保疾病' must be 是 or 否, found '也许'"


def test_lenient_faults_are_warnings_in_order() -> None:
    text = "简介 某病\n别名 甲\n医保疾病 也许\n\n简介 乙病\n症状 咳\n症状 喘\n"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        records = jibing.loads(text, lenient=True)
    assert len(records) == 2
    assert records[0]["extra"][0] == {"label": "别名", "value": "甲", "line": 2}
    found = [w.message for w in caught]
    assert all(isinstance(w, jibing.FormatWarning) for w in found)
    assert all(w.category is jibing.FormatWarning for w in caught)
    places = [(w.lineno, w.colno) for w in found if isinstance(w, jibing.FormatWarning)]
    assert places == [(2, 1), (3, 6), (7, 1)]
    # The warning points at the caller's line, like any warnings.warn.
    assert all(w.filename == __file__ for w in caught)


def test_lenient_warnings_can_be_errors() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", jibing.FormatWarning)
        with pytest.raises(jibing.FormatWarning) as raised:
            jibing.loads(BAD_BOOL, lenient=True)
    assert (raised.value.lineno, raised.value.colno) == (2, 6)


def test_streamed_lenient_warnings() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        records = list(jibing.iter_records(io.BytesIO(BAD_BOOL.encode()), lenient=True))
    assert records[0]["insurance"] is None
    [warning] = [w.message for w in caught]
    assert isinstance(warning, jibing.FormatWarning)
    assert (warning.lineno, warning.colno, warning.path) == (2, 6, None)


def test_invalid_utf8_is_a_parse_error() -> None:
    data = "简介 某病\n症状 咳".encode("utf-8") + b"\xff\n"
    for read in (jibing.loads, lambda d: list(jibing.iter_records(io.BytesIO(d)))):
        with pytest.raises(jibing.ParseError) as raised:
            read(data)
        assert (raised.value.lineno, raised.value.colno) == (2, 5)
        assert raised.value.msg == "invalid UTF-8"
        assert raised.value.pos == data.index(b"\xff")


def test_a_lone_surrogate_is_a_parse_error() -> None:
    text = "简介 某病\n症状 咳\ud800嗽\n"
    with pytest.raises(jibing.ParseError) as raised:
        jibing.loads(text)
    assert (raised.value.lineno, raised.value.colno) == (2, 5)
    assert raised.value.pos == text.index("\ud800")
    assert "U+D800" in raised.value.msg


def test_missing_file_and_directory_are_os_errors(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    for call in (jibing.load, jibing.iter_records):
        with pytest.raises(FileNotFoundError) as raised:
            call(missing)
        assert raised.value.filename == str(missing)
        with pytest.raises(IsADirectoryError):
            call(tmp_path)
    with pytest.raises(FileNotFoundError):
        jibing.to_graph([missing], tmp_path / "out")


def test_a_text_mode_file_is_a_type_error() -> None:
    with open(FIXTURE, encoding="utf-8") as f:
        for call in (jibing.load, jibing.iter_records):
            with pytest.raises(TypeError, match="binary mode"):
                call(f)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="binary mode"):
        list(jibing.iter_records(_Reads(io.StringIO("简介 甲\n"))))  # type: ignore[arg-type]


class _Reads:
    """A file-like object that is not an io.TextIOBase but reads str."""

    def __init__(self, inner: io.StringIO) -> None:
        self.inner = inner

    def read(self, n: int = -1) -> str:
        return self.inner.read(n)


def test_the_file_objects_own_error_comes_through() -> None:
    class Broken:
        def read(self, n: int = -1) -> bytes:
            raise ConnectionResetError("peer went away")

    with pytest.raises(ConnectionResetError, match="peer went away"):
        list(jibing.iter_records(Broken()))


def test_wrong_types_are_type_errors() -> None:
    with pytest.raises(TypeError):
        jibing.loads(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        jibing.load(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        jibing.dumps({"name": None})  # type: ignore[dict-item]
    with pytest.raises(ValueError):
        jibing.dumps([{"summary": 42}])


def test_errors_pickle() -> None:
    error = jibing.ParseError("bad", 2, 3, 4, "f.txt")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.msg, copy.lineno, copy.colno, copy.pos, copy.path) == ("bad", 2, 3, 4, "f.txt")
    assert str(copy) == "f.txt:2:3: bad"
